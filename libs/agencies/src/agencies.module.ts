import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyCalendarService } from './agency-calendar.service';
import { AgencyService } from './agency.service';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { CalendarService } from './calendar.service';

/** The agency tree, office hours and calendar days, with the per-agency working calendars every process caches. */
@Module({
  imports: [TypeOrmModule.forFeature([Agency, CalendarDay])],
  providers: [AgencyCalendarService, AgencyService, CalendarService],
  exports: [AgencyCalendarService, AgencyService, CalendarService],
})
export class AgenciesModule {}
