export { type NaiveQueryInput, type NaiveRow, naiveReportQuery, naiveRowNumbers } from './naive-report.query';
export { LiveCountsService } from './live-counts.service';
export { XLSX_CONTENT_TYPE, report06aFileName, report06aWorkbook } from './report-06a.workbook';
export * from './report-formulas';
export { MAX_PERIOD_DAYS, parseLocalDate } from './report-period';
export { GROUP_BYS, type GroupBy, type ReportPeriod, type ReportScope } from './report-scope';
export type { Grouping } from './report-sql';
export { ReportsModule } from './reports.module';
export { type PeriodView, type ProgressReport766, type Report06a, type Report06aRow, type ReportSummary, type ResolvedPeriod, ReportsService } from './reports.service';
