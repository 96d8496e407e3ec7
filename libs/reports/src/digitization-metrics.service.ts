import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type DigitizationQueryRow, digitizationMetricsQuery } from './digitization-metrics.query';
import { round4 } from './report-formulas';
import type { ReportPeriod, ReportScope } from './report-scope';
import { type PeriodView, ReportsService, periodView } from './reports.service';

/** The metrics of the 766 digitization group (domain.md "Decision 766"), in the order the portal lists them. */
export const DIGITIZATION_METRIC_IDS = ['electronicResult', 'digitizedComponents', 'digitizedComponentsAndResult', 'reuse'] as const;
export type DigitizationMetricId = (typeof DIGITIZATION_METRIC_IDS)[number];

export type DigitizationMetric =
  | { id: DigitizationMetricId; numerator: number; denominator: number; ratio: number | null; computed: true }
  /** What this system cannot know is reported as such, never invented. */
  | { id: DigitizationMetricId; numerator: null; denominator: null; ratio: null; computed: false };

export interface DigitizationReport766 {
  period: PeriodView;
  metrics: DigitizationMetric[];
}

/** numerator / denominator with 4 decimals, null when there is nothing to divide by. */
function metric(id: DigitizationMetricId, numerator: number, denominator: number): DigitizationMetric {
  return { id, numerator, denominator, ratio: denominator === 0 ? null : round4(numerator / denominator), computed: true };
}

/** The counts as the named metrics; the one place their definitions meet the query's columns. */
export function digitizationMetrics(r: DigitizationQueryRow): DigitizationMetric[] {
  const n = (k: keyof DigitizationQueryRow) => Number(r[k]);
  return [
    metric('electronicResult', n('finished_with_result'), n('finished')),
    metric('digitizedComponents', n('paper_received_digitized'), n('paper_received')),
    metric('digitizedComponentsAndResult', n('finished_digitized_with_result'), n('finished')),
    // Reuse of digitized data happens in other systems (the national portal, the data warehouse): unknown here.
    { id: 'reuse', numerator: null, denominator: null, ratio: null, computed: false },
  ];
}

/**
 * Decision 766, digitization group: the shares the 766 index scores (not scored here: domain.md gives the group 22 points,
 * not their split). Same period, scope and filters as the progress score; read from the dossiers and their files.
 */
@Injectable()
export class DigitizationMetricsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async digitization766(period: ReportPeriod, scope: ReportScope): Promise<DigitizationReport766> {
    const p = this.reports.resolvePeriod(period);
    const { sql, params } = digitizationMetricsQuery({ start: p.start, end: p.end, scope });
    const [row]: DigitizationQueryRow[] = await this.dataSource.query(sql, params);
    return { period: periodView(p), metrics: digitizationMetrics(row) };
  }
}
