export { AgenciesModule } from './agencies.module';
export { AgencyCalendarService } from './agency-calendar.service';
export { type AgencyInput, type AgencyScope, AgencyService, type AgencyView, inScope } from './agency.service';
export { Agency } from './agency.entity';
export { CalendarDay } from './calendar-day.entity';
export { CalendarService } from './calendar.service';
export { DeadlineRecompute } from './deadline-recompute.entity';
export { DeadlineRecomputeRepository, type RecomputeRequest } from './deadline-recompute.repository';
export { DEMO_AGENCY, DEMO_LAND_OFFICE, DEMO_TAX_OFFICE, SEED_AGENCIES } from './demo-agencies';
