import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@app/agencies';
import { ProceduresModule } from '@app/procedures';
import { AssigneeRepository } from './assignee.repository';
import { DeadlineRecomputeService } from './deadline-recompute.service';
import { Dossier } from './dossier.entity';
import { DossierCodeSequence } from './dossier-code-sequence.entity';
import { DossierEvent } from './dossier-event.entity';
import { DossierAgency } from './dossier-agency.entity';
import { DossierFile } from './dossier-file.entity';
import { DossierQueryService } from './dossier-query.service';
import { DossierTransitionService } from './dossier-transition.service';
import { DossierWriteRepository } from './dossier-write.repository';

/** The dossier lifecycle: intake, the one transition path, queries and the recomputation of deadlines. */
@Module({
  imports: [ProceduresModule, AgenciesModule, TypeOrmModule.forFeature([Dossier, DossierCodeSequence, DossierEvent, DossierAgency, DossierFile])],
  providers: [DossierQueryService, DossierTransitionService, DossierWriteRepository, AssigneeRepository, DeadlineRecomputeService],
  exports: [ProceduresModule, AgenciesModule, DossierQueryService, DossierTransitionService, DeadlineRecomputeService],
})
export class DossiersModule {}
