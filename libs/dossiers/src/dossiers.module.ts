import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProceduresModule } from '@app/procedures';
import { AgencyCalendarService } from './agency-calendar.service';
import { AgencyService } from './agency.service';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { CalendarService } from './calendar.service';
import { Dossier } from './dossier.entity';
import { DossierCodeSequence } from './dossier-code-sequence.entity';
import { DossierEvent } from './dossier-event.entity';
import { DossierQueryService } from './dossier-query.service';
import { DossierTransitionService } from './dossier-transition.service';
import { HealthService } from './health.service';
import { SeedService } from './seed.service';

@Module({
  imports: [ProceduresModule, TypeOrmModule.forFeature([Agency, CalendarDay, Dossier, DossierCodeSequence, DossierEvent])],
  providers: [AgencyCalendarService, AgencyService, CalendarService, DossierQueryService, DossierTransitionService, HealthService, SeedService],
  exports: [ProceduresModule, AgencyCalendarService, AgencyService, CalendarService, DossierQueryService, DossierTransitionService, HealthService, SeedService],
})
export class DossiersModule {}
