import { Module } from '@nestjs/common';
import { LiveCountsService } from './live-counts.service';
import { ReportsService } from './reports.service';

/** Reads what the dossiers lib writes (rollups kept by database triggers); needs the TypeORM data source and the Clock. */
@Module({
  providers: [ReportsService, LiveCountsService],
  exports: [ReportsService, LiveCountsService],
})
export class ReportsModule {}
