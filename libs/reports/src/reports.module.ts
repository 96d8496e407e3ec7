import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { DigitizationMetricsService } from './digitization-metrics.service';
import { LatenessReportService } from './lateness-report.service';
import { LiveCountsService } from './live-counts.service';
import { ReportsService } from './reports.service';

/** Reads what the dossiers lib writes (rollups kept by database triggers); needs the TypeORM data source and the Clock, and the agencies' calendars for step lateness. */
@Module({
  imports: [AgenciesModule],
  providers: [ReportsService, LiveCountsService, LatenessReportService, DigitizationMetricsService],
  exports: [ReportsService, LiveCountsService, LatenessReportService, DigitizationMetricsService],
})
export class ReportsModule {}
