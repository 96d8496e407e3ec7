import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DossiersModule } from '@app/dossiers';
import { AgenciesController } from './agencies.controller';
import { CalendarController } from './calendar.controller';
import { DossiersController } from './dossiers.controller';
import { HealthController } from './health.controller';
import { ProceduresController } from './procedures.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(databaseUrl, config.database.poolSize), DossiersModule],
      controllers: [DossiersController, ProceduresController, CalendarController, AgenciesController, HealthController],
    };
  }
}
