import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DeadlinesModule, DeadlineWorkerModule, type QueueConnection } from '@app/deadlines';
import { DeadlineRecomputeService, DossierFilesService, DossiersModule, DossierTransitionService, FileSweepWorkerModule } from '@app/dossiers';
import { FilesModule } from '@app/files';
import { FormsModule, IssuedFormsWorkerModule } from '@app/forms';
import { ReportsModule } from '@app/reports';
import { AgenciesController } from './agencies.controller';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CalendarController } from './calendar.controller';
import { clientNetwork } from './client-network';
import { DossierFilesController } from './dossier-files.controller';
import { DossierFormsController } from './dossier-forms.controller';
import { DossiersController } from './dossiers.controller';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ProceduresController } from './procedures.controller';
import { PublicController } from './public.controller';
import { ReportsController } from './reports.controller';
import { SeedService } from './seed.service';
import { SharedThrottlerStorage } from './shared-throttler-storage.service';
import { TwoFactorController } from './two-factor.controller';
import { UsersController } from './users.controller';

/** Every controller of the API (the OpenAPI script documents the same list). */
export const API_CONTROLLERS = [
  AuthController,
  TwoFactorController,
  DossiersController,
  DossierFilesController,
  DossierFormsController,
  ProceduresController,
  CalendarController,
  AgenciesController,
  UsersController,
  AuditController,
  PublicController,
  ReportsController,
  HealthController,
  MetricsController,
];

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
        FilesModule.forRoot(config),
        FormsModule,
        DossiersModule,
        AuthModule.forRoot(config),
        AuditModule,
        ReportsModule,
        // The limits guard the public lookup and the login against scraping and guessing, shared by every API process.
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            throttlers: [
              {
                name: 'default',
                ttl: 60_000,
                limit: (context) => (context.getClass() === AuthController ? c.http.loginRateLimitPerMinute : c.http.publicRateLimitPerMinute),
              },
              {
                // Logins from one /24 or /64 together: many addresses of one network cannot each spend the per-address limit.
                name: 'network',
                ttl: 60_000,
                limit: c.http.loginNetworkRateLimitPerMinute,
                getTracker: (req) => clientNetwork((req as { ip?: string }).ip),
                skipIf: (context) => context.getClass() !== AuthController,
              },
            ],
            storage: new SharedThrottlerStorage(c.redis.url, c.timers.queuePrefix),
          }),
        }),
        ...(opts.withWorker ? [DeadlineWorkerModule.register(DossiersModule, DossierTransitionService, DeadlineRecomputeService), FileSweepWorkerModule, IssuedFormsWorkerModule] : []),
      ],
      controllers: API_CONTROLLERS,
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, MetricsService, HealthService, SeedService, DossierFilesService],
    };
  }
}
