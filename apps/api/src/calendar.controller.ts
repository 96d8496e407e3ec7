import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type Actor, CalendarService, invalidField } from '@app/dossiers';
import { ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { LOCAL_DATE } from './dossiers.dto';

class CalendarRangeQuery {
  @ApiProperty({ example: '2026-02-01' })
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-02-28' })
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
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
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  days(@Query() q: CalendarRangeQuery) {
    return this.calendar.days(q.from, q.to, q.agencyCode);
  }

  @Put(':date')
  @Roles('admin')
  set(@Param('date') date: string, @Body() body: CalendarDayDto, @CurrentActor() actor: Actor) {
    if (!LOCAL_DATE.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) throw invalidField('date', 'must be a date YYYY-MM-DD');
    return this.calendar.setDay(date, body.working, body.note?.trim() || null, actor);
  }
}
