import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DeadlinesModule, type QueueConnection } from '@app/deadlines';
import { DeadlineWorkerModule, DossiersModule } from '@app/dossiers';
import { AgenciesController } from './agencies.controller';
import { CalendarController } from './calendar.controller';
import { DossiersController } from './dossiers.controller';
import { HealthController } from './health.controller';
import { ProceduresController } from './procedures.controller';

export interface ApiModuleOptions {
  databaseUrl: string;
  queue: QueueConnection;
  /** Also run the deadline worker in this process (the default start). */
  withWorker: boolean;
}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, opts: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(opts.databaseUrl, config.database.poolSize),
        DeadlinesModule.forRoot(config, opts.queue),
        DossiersModule,
        ...(opts.withWorker ? [DeadlineWorkerModule] : []),
      ],
      controllers: [DossiersController, ProceduresController, CalendarController, AgenciesController, HealthController],
    };
  }
}
