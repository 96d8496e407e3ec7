import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { AgencyCalendarService } from './agency-calendar.service';
import { AgencyService } from './agency.service';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { CalendarService } from './calendar.service';
import { DeadlineRecompute } from './deadline-recompute.entity';
import { DeadlineRecomputeRepository } from './deadline-recompute.repository';

/** The agency tree, office hours and calendar days, with the per-agency working calendars every process caches. */
@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([Agency, CalendarDay, DeadlineRecompute])],
  providers: [AgencyCalendarService, AgencyService, CalendarService, DeadlineRecomputeRepository],
  exports: [AgencyCalendarService, AgencyService, CalendarService, DeadlineRecomputeRepository],
})
export class AgenciesModule {}
