import { type PeriodCounts, type ReportNumbers, sharesOf } from './report-formulas';
import type { ReportScope } from './report-scope';
import { type Grouping, SqlParams, groupKey, joinProcedureVersion, needsProcedureVersion, scopeConditions } from './report-sql';

export interface NaiveQueryInput {
  /** Start and end instants of the period [start, end). */
  start: Date;
  end: Date;
  /** The end of the period, or now if it has not ended: "overdue" is judged then (nothing has happened after now). */
  asOf: Date;
  grouping: Grouping;
  scope: ReportScope;
  /** Also the 766 numerator and denominator (looks up the second supplement request in the event log). */
  with766?: boolean;
}

/**
 * The reference: every 06a cell straight from its definition over the raw `dossier` table, one pass, no rollups.
 * The benchmark measures the rollups against it and the tests prove both give the same numbers.
 */
export function naiveReportQuery(q: NaiveQueryInput): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const F = p.add(q.start);
  const T = p.add(q.end);
  const O = p.add(q.asOf);
  const pv = needsProcedureVersion(q.grouping, q.scope);
  const filters = scopeConditions('d', q.scope, p);
  const multi = `(d.supplement_count >= 2 AND (SELECT e.at FROM dossier_event e WHERE e.dossier_id = d.id AND e.type = 'REQUEST_SUPPLEMENT'
      ORDER BY e.seq OFFSET 1 LIMIT 1) < ${T})`;
  const progress = q.with766
    ? `,
      count(*) FILTER (WHERE (x.resolved AND d.outcome IN ('early', 'on_time') AND d.supplement_count < 2)
                          OR (x.withdrawn_in_period AND d.withdrawn_at <= d.due_at AND d.supplement_count < 2)
                          OR (x.open_at_end AND NOT x.overdue_at_end AND NOT ${multi})) AS numerator_766,
      count(*) FILTER (WHERE x.resolved OR x.withdrawn_in_period OR x.open_at_end) AS denominator_766`
    : '';
  const sql = `
    SELECT ${groupKey('d', q.grouping)} AS key,
      count(*) FILTER (WHERE d.received_at >= ${F} AND d.received_at < ${T} AND d.channel = 'online' AND NOT x.withdrawn_before_end) AS online,
      count(*) FILTER (WHERE d.received_at >= ${F} AND d.received_at < ${T} AND d.channel <> 'online' AND NOT x.withdrawn_before_end) AS direct_or_postal,
      count(*) FILTER (WHERE d.received_at < ${F} AND (d.finished_at IS NULL OR d.finished_at >= ${F}) AND NOT x.withdrawn_before_end) AS carried_over,
      count(*) FILTER (WHERE x.resolved AND d.outcome = 'early') AS early,
      count(*) FILTER (WHERE x.resolved AND d.outcome = 'on_time') AS on_time,
      count(*) FILTER (WHERE x.resolved AND d.outcome = 'overdue') AS overdue,
      count(*) FILTER (WHERE x.open_at_end) AS in_progress,
      count(*) FILTER (WHERE x.open_at_end AND x.overdue_at_end) AS in_progress_overdue${progress}
    FROM dossier d ${pv ? joinProcedureVersion('d') : ''}
    CROSS JOIN LATERAL (SELECT
      d.withdrawn_at IS NOT NULL AND d.withdrawn_at < ${T} AS withdrawn_before_end,
      d.finished_at >= ${F} AND d.finished_at < ${T} AS resolved,
      coalesce(d.withdrawn_at >= ${F} AND d.withdrawn_at < ${T}, false) AS withdrawn_in_period,
      d.received_at < ${T} AND coalesce(d.finished_at, d.withdrawn_at, 'infinity') >= ${T} AS open_at_end,
      greatest(d.due_at, d.received_at) < ${O} AND NOT coalesce(d.paused_at <= d.due_at, false) AS overdue_at_end) x
    ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
    GROUP BY 1`;
  return { sql, params: p.values };
}

/** One row of naiveReportQuery, as the driver returns it (counts are bigint strings). */
export type NaiveRow = Record<string, string>;

/** The naive row as the same report numbers the service returns (and the 766 fraction when asked for). */
export function naiveRowNumbers(r: NaiveRow): { numbers: ReportNumbers; numerator766: number | null; denominator766: number | null } {
  const n = (k: string) => Number(r[k]);
  const resolved = { total: n('early') + n('on_time') + n('overdue'), early: n('early'), onTime: n('on_time'), overdue: n('overdue') };
  const received = { online: n('online'), directOrPostal: n('direct_or_postal'), carriedOver: n('carried_over') };
  return {
    numbers: {
      received: { total: received.online + received.directOrPostal + received.carriedOver, ...received },
      resolved,
      inProgress: { total: n('in_progress'), withinDeadline: n('in_progress') - n('in_progress_overdue'), overdue: n('in_progress_overdue') },
      shares: sharesOf(resolved),
    },
    numerator766: r.numerator_766 === undefined ? null : n('numerator_766'),
    denominator766: r.denominator_766 === undefined ? null : n('denominator_766'),
  };
}

/**
 * The naive row as the counts the rollups give, for reportNumbers and addCounts: received is net of withdrawals already,
 * and carried over follows from resolved + in progress − received (reportNumbers' identity). No 766 fraction (its
 * second-supplement counts are left at zero): for the 06a only.
 */
export function naiveRowCounts(r: NaiveRow): PeriodCounts {
  const n = (k: string) => Number(r[k]);
  return {
    receivedOnline: n('online'),
    receivedOther: n('direct_or_postal'),
    withdrawnOnline: 0,
    withdrawnOther: 0,
    finishedEarly: n('early'),
    finishedOnTime: n('on_time'),
    finishedOverdue: n('overdue'),
    finishedInTimeMultiSupplement: 0,
    open: n('in_progress'),
    openOverdue: n('in_progress_overdue'),
    openMultiSupplement: 0,
    openMultiSupplementOverdue: 0,
    withdrawnEnded: 0,
    withdrawnEndedInTime: 0,
  };
}
