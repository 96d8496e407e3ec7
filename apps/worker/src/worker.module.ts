import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DeadlinesModule, DeadlineWorkerModule, type QueueConnection } from '@app/deadlines';
import { DeadlineRecomputeService, DossiersModule, DossierTransitionService, FileSweepWorkerModule } from '@app/dossiers';
import { FilesModule } from '@app/files';
import { IssuedFormsWorkerModule } from '@app/forms';

/** The background worker: deadline timers and their reconciliation, the sweep of unreferenced file bytes, the filing of issued forms; no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string, queue: QueueConnection): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, config.database.poolSize),
        DeadlinesModule.forRoot(config, queue),
        DeadlineWorkerModule.register(DossiersModule, DossierTransitionService, DeadlineRecomputeService),
        FilesModule.forRoot(config),
        FileSweepWorkerModule,
        IssuedFormsWorkerModule,
      ],
    };
  }
}
