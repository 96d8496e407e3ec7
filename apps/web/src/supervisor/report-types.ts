/** The reports API's shapes, generated from its OpenAPI document (../api-schema.d.ts): short names for the screens. */
import type { components } from '../api-schema';

type Schemas = components['schemas'];

export type Shares = Schemas['ResolvedSharesDto'];
export type ReportNumbers = Schemas['ReportNumbersDto'];
export type PeriodView = Schemas['ReportPeriodDto'];
export type ReportSummary = Schemas['ReportSummaryDto'];
export type GroupBy = Schemas['ReportGroupBy'];
export type Report06a = Schemas['Report06aDto'];
export type Progress766 = Schemas['Progress766Dto'];
export type LiveReport = Schemas['LiveReportDto'];
export type LiveCounts = Pick<LiveReport, 'inProgress' | 'dueSoon' | 'overdue' | 'awaitingSupplement' | 'suspended' | 'resultReady'>;
export type LatenessReport = Schemas['LatenessReportDto'];
export type LatenessCounts = Schemas['LatenessCountsDto'];
