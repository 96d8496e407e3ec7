import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@app/calendar';
import { Clock } from '@app/config';
import { invalidField } from '@app/common';
import { type PeriodCounts, type Progress766, type ReportNumbers, ZERO_COUNTS, addCounts, progressScore766, reportNumbers } from './report-formulas';
import { MAX_PERIOD_DAYS, dayStart, localDay, parseLocalDate } from './report-period';
import { type NaiveRow, naiveReportQuery, naiveRowCounts } from './naive-report.query';
import { rollupCountsQuery } from './report-rollup.query';
import type { GroupBy, ReportPeriod, ReportScope } from './report-scope';
import type { Grouping } from './report-sql';

/** A period resolved against the clock. */
export interface ResolvedPeriod {
  from: string;
  to: string;
  fromDay: number;
  /** Exclusive: the day after `to`. */
  toDay: number;
  start: Date;
  end: Date;
  /** When "at the end of the period" is taken: its end, or now if it has not ended. */
  asOf: Date;
  ended: boolean;
}

export interface PeriodView {
  from: string;
  to: string;
  /** ISO time the in-progress columns are taken at (the end of the period, or now while it runs). */
  asOf: string;
}

export type ReportSummary = ReportNumbers & { period: PeriodView };

export interface Report06aRow extends ReportNumbers {
  key: string;
  label: string;
}

export interface Report06a {
  period: PeriodView;
  groupBy: GroupBy;
  rows: Report06aRow[];
  /** The sum of the rows (Tổng cộng). */
  total: ReportNumbers;
}

export type ProgressReport766 = Progress766 & { period: PeriodView };

type CountRow = Record<
  | 'key'
  | 'received_online'
  | 'received_other'
  | 'withdrawn_online'
  | 'withdrawn_other'
  | 'finished_early'
  | 'finished_on_time'
  | 'finished_overdue'
  | 'finished_in_time_multi'
  | 'open'
  | 'overdue'
  | 'multi'
  | 'multi_overdue'
  | 'withdrawn_ended'
  | 'withdrawn_ended_in_time',
  string
>;

/**
 * Biểu 06a, the summary and the 766 progress indicator, read from the rollups the `dossier` triggers keep
 * (migration ReportRollups1763830000000): a year's report reads a few rows per agency × procedure, whatever the volume.
 *
 * Rules (README "Reports"): a period is [from 00:00, to + 1 00:00) local time; a dossier withdrawn before the end of the
 * period counts nowhere in that period's table (one withdrawn later was open at the end, and counts as such); carried
 * over = received before the period and neither finished before it nor withdrawn before its end; in progress at the
 * end = neither finished nor withdrawn then; overdue among them = its dueAt passed before the end, unless it was
 * waiting (supplement, suspension) since before its dueAt — isOverdue's rule, on the dossier's current dueAt and wait.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async summary(period: ReportPeriod, scope: ReportScope): Promise<ReportSummary> {
    const p = this.resolvePeriod(period);
    const counts = await this.counts(p, 'all', scope);
    return { period: periodView(p), ...reportNumbers(counts.get('') ?? ZERO_COUNTS) };
  }

  async report06a(period: ReportPeriod, groupBy: GroupBy, scope: ReportScope): Promise<Report06a> {
    const p = this.resolvePeriod(period);
    const counts = await this.counts(p, groupBy, scope);
    const labels = await this.labels(groupBy, [...counts.keys()]);
    const rows: Report06aRow[] = [];
    let total: PeriodCounts = ZERO_COUNTS;
    for (const [key, c] of counts) {
      const numbers = reportNumbers(c);
      // A group that only had dossiers closed before the period has nothing to show.
      if (numbers.received.total === 0 && numbers.resolved.total === 0 && numbers.inProgress.total === 0) continue;
      rows.push({ key, label: labels.get(key) ?? key, ...numbers });
      total = addCounts(total, c);
    }
    rows.sort(groupBy === 'field' ? (a, b) => a.label.localeCompare(b.label, 'vi') : (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { period: periodView(p), groupBy, rows, total: reportNumbers(total) };
  }

  async progress766(period: ReportPeriod, scope: ReportScope): Promise<ProgressReport766> {
    const p = this.resolvePeriod(period);
    const counts = await this.counts(p, 'all', scope);
    return { period: periodView(p), ...progressScore766(counts.get('') ?? ZERO_COUNTS) };
  }

  /** Validates a period and places it on the clock; a period may end in the future (then "at the end" is now). */
  resolvePeriod(period: ReportPeriod): ResolvedPeriod {
    const fromDay = parseLocalDate(period.from);
    if (fromDay === null) throw invalidField('from', 'must be a real date YYYY-MM-DD', 'bad_date');
    const toDay = parseLocalDate(period.to);
    if (toDay === null) throw invalidField('to', 'must be a real date YYYY-MM-DD', 'bad_date');
    if (toDay < fromDay) throw invalidField('to', 'must not be before from', 'end_before_start');
    if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) throw invalidField('to', `the period may span at most ${MAX_PERIOD_DAYS} days`, 'range_too_long', { max: MAX_PERIOD_DAYS });
    const now = this.clock.now();
    if (fromDay > localDay(now)) throw invalidField('from', 'must not be after today', 'in_the_future');
    const start = dayStart(fromDay);
    const end = dayStart(toDay + 1);
    const ended = end.getTime() <= now.getTime();
    return { from: period.from, to: period.to, fromDay, toDay: toDay + 1, start, end, asOf: ended ? end : now, ended };
  }

  /** The counts of each group over the rollups (by receiving desk: from the dossiers); exported for the benchmark and the consistency test. */
  async counts(p: ResolvedPeriod, grouping: Grouping, scope: ReportScope): Promise<Map<string, PeriodCounts>> {
    if (grouping === 'receiving') return this.countsByDesk(p, scope);
    const { sql, params } = rollupCountsQuery({ fromDay: p.fromDay, toDay: p.toDay, now: p.asOf, ended: p.ended, grouping, scope });
    const rows: CountRow[] = await this.dataSource.query(sql, params);
    return new Map(rows.map((r) => [r.key, toCounts(r)]));
  }

  /**
   * By receiving desk: the rollups are kept per resolving agency, so these are read from the dossiers themselves, by the
   * reference query the rollups are held equal to (the same dossiers, the same numbers; slower over a large scope).
   */
  private async countsByDesk(p: ResolvedPeriod, scope: ReportScope): Promise<Map<string, PeriodCounts>> {
    const { sql, params } = naiveReportQuery({ start: p.start, end: p.end, asOf: p.asOf, grouping: 'receiving', scope });
    const rows: NaiveRow[] = await this.dataSource.query(sql, params);
    return new Map(rows.map((r) => [r.key, naiveRowCounts(r)]));
  }

  private async labels(groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'field' || keys.length === 0) return new Map(keys.map((k) => [k, k]));
    const rows: { key: string; label: string }[] =
      groupBy === 'agency' || groupBy === 'receiving'
        ? await this.dataSource.query('SELECT code AS key, name AS label FROM agency WHERE code = ANY($1)', [keys])
        : // A procedure is named as in its latest version.
          await this.dataSource.query(
            'SELECT DISTINCT ON (code) code AS key, name AS label FROM procedure_version WHERE code = ANY($1) ORDER BY code, version DESC',
            [keys],
          );
    return new Map(rows.map((r) => [r.key, r.label]));
  }
}

function toCounts(r: CountRow): PeriodCounts {
  return {
    receivedOnline: Number(r.received_online),
    receivedOther: Number(r.received_other),
    withdrawnOnline: Number(r.withdrawn_online),
    withdrawnOther: Number(r.withdrawn_other),
    finishedEarly: Number(r.finished_early),
    finishedOnTime: Number(r.finished_on_time),
    finishedOverdue: Number(r.finished_overdue),
    finishedInTimeMultiSupplement: Number(r.finished_in_time_multi),
    open: Number(r.open),
    openOverdue: Number(r.overdue),
    openMultiSupplement: Number(r.multi),
    openMultiSupplementOverdue: Number(r.multi_overdue),
    withdrawnEnded: Number(r.withdrawn_ended),
    withdrawnEndedInTime: Number(r.withdrawn_ended_in_time),
  };
}

/** The period as the reports show it. */
export function periodView(p: ResolvedPeriod): PeriodView {
  return { from: p.from, to: p.to, asOf: formatLocal(p.asOf) };
}
