import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { invalidField } from '@app/common';
import { DeadlineRecomputeService } from '@app/dossiers';
import { ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { IsLocalDate, isLocalDate } from './reports.dto';

class CalendarRangeQuery {
  @ApiProperty({ example: '2026-02-01' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ example: '2026-02-28' })
  @IsLocalDate()
  to!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string;
}

class CalendarDayDto {
  @ApiProperty()
  @IsBoolean()
  working!: boolean;

  @ApiPropertyOptional({ example: 'Nghỉ Tết Nguyên đán' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

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
  days(@Query() q: CalendarRangeQuery) {
    return this.calendar.days(q.from, q.to, q.agencyCode);
  }

  @Put(':date')
  @Roles('admin')
  set(@Param('date') date: string, @Body() body: CalendarDayDto, @CurrentActor() actor: Actor) {
    return this.recompute.setCalendarDay(checkedDate(date), body.working, body.note?.trim() || null, actor);
  }

  /** Removes a date's exception (the default rule applies again); 404 when the date has none. */
  @Delete(':date')
  @Roles('admin')
  clear(@Param('date') date: string, @CurrentActor() actor: Actor) {
    return this.recompute.clearCalendarDay(checkedDate(date), actor);
  }
}

function checkedDate(date: string): string {
  if (!isLocalDate(date)) throw invalidField('date', 'must be a date YYYY-MM-DD');
  return date;
}
