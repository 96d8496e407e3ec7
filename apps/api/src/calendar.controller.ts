import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarService } from '@app/agencies';
import { invalidField } from '@app/common';
import { DeadlineRecomputeService } from '@app/dossiers';
import { CalendarDayChangeDto, CalendarDayListDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { ALL_ROLES, Roles } from './auth.decorators';
import { IsLocalDate, isLocalDate } from './reports.dto';
import { CurrentContext, type RequestContext } from './request-context';

class CalendarRangeQuery {
  @ApiProperty({ format: 'date', example: '2026-02-01' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-02-28', description: 'Not before from; at most 732 days after it' })
  @IsLocalDate()
  to!: string;

  @ApiPropertyOptional({ maxLength: 50, example: 'H12.01', description: 'That agency’s calendar (404 when there is no such agency); the default one when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;
}

class SetCalendarDayDto {
  @ApiProperty({ example: false, description: 'false: a holiday; true: a working day (a swapped Saturday)' })
  @IsBoolean()
  working!: boolean;

  @ApiPropertyOptional({ maxLength: 500, example: 'Nghỉ Tết Nguyên đán', description: 'Trimmed; blank or absent stores null' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

const DATE_PARAM = { name: 'date', format: 'date', example: '2026-02-16', description: 'A local date YYYY-MM-DD' };

@ApiTags('calendar')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/calendar/days')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly recompute: DeadlineRecomputeService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Working days', description: 'Every date of the range, both ends included, with whether it is a working day and the exception’s note.' })
  @ApiOkResponse({ type: CalendarDayListDto })
  @ApiErrors(400, 401, 404)
  days(@Query() q: CalendarRangeQuery) {
    return this.calendar.days(q.from, q.to, q.agencyCode);
  }

  @Put(':date')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a calendar exception',
    description:
      'Makes a date a holiday or a working day for every agency. The recomputation of the open dossiers’ deadlines commits with it; the answer waits for it up to RECOMPUTE_INLINE_SECONDS (recompute.status done), else the workers finish it (pending).',
  })
  @ApiParam(DATE_PARAM)
  @ApiOkResponse({ type: CalendarDayChangeDto, description: 'The date as set' })
  @ApiErrors(400, 401, 403, 413, 415)
  set(@Param('date') date: string, @Body() body: SetCalendarDayDto, @CurrentContext() context: RequestContext) {
    return this.recompute.setCalendarDay(checkedDate(date), body.working, body.note?.trim() || null, context);
  }

  /** Removes a date's exception (the default rule applies again); 404 when the date has none. */
  @Delete(':date')
  @Roles('admin')
  @ApiOperation({
    summary: 'Clear a calendar exception',
    description: 'The Monday–Friday rule applies to the date again; the open dossiers’ deadlines are recomputed as for a new exception (recompute).',
  })
  @ApiParam(DATE_PARAM)
  @ApiOkResponse({ type: CalendarDayChangeDto, description: 'The date as it is now' })
  @ApiErrors(400, 401, 403, 404)
  clear(@Param('date') date: string, @CurrentContext() context: RequestContext) {
    return this.recompute.clearCalendarDay(checkedDate(date), context);
  }
}

function checkedDate(date: string): string {
  if (!isLocalDate(date)) throw invalidField('date', 'must be a date YYYY-MM-DD', 'bad_date');
  return date;
}
