import { coveringRanges, formatDay, rangesBefore } from './report-period';
import type { ReportScope } from './report-scope';
import { type Grouping, SqlParams, groupKey, joinProcedureVersion, needsProcedureVersion, rangeCondition, scopeConditions } from './report-sql';

export interface RollupQueryInput {
  /** Day numbers: the period is [fromDay, toDay) in local days. */
  fromDay: number;
  toDay: number;
  /** When the period has not ended yet, "at its end" means now, and overdue is read from the open dossiers. */
  now: Date;
  ended: boolean;
  grouping: Grouping;
  scope: ReportScope;
}

/**
 * One statement (one snapshot, so the numbers agree with each other while dossiers change) over the rollups:
 * the period's own counters from the fewest day/month/year rows that cover it, the cumulative "open at the end"
 * deltas from the rows before its end, the withdrawals received and withdrawn inside it, and, for a period that has
 * not ended, the overdue ones among the open dossiers now (the partial index of open dossiers, a small set).
 */
export function rollupCountsQuery(q: RollupQueryInput): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const pv = needsProcedureVersion(q.grouping, q.scope);
  const where = (conds: string[]) => conds.map((c) => ` AND ${c}`).join('');
  const join = (alias: string) => (pv ? joinProcedureVersion(alias) : '');
  // Each condition once per row, in WHERE (index ranges), not once per aggregate in FILTER clauses.
  const period = `${rangeCondition('r', coveringRanges(q.fromDay, q.toDay), p)}${where(scopeConditions('r', q.scope, p))}`;
  const before = `${rangeCondition('r', rangesBefore(q.toDay), p)}${where(scopeConditions('r', q.scope, p))}`;
  const from = p.add(formatDay(q.fromDay));
  const to = p.add(formatDay(q.toDay));
  const withdrawn = `w.received_day >= ${from}::date AND w.received_day < ${to}::date AND w.withdrawn_day < ${to}::date${where(scopeConditions('w', q.scope, p))}`;
  const live = q.ended
    ? ''
    : `, live AS (
      SELECT ${groupKey('d', q.grouping)} AS key, count(*) AS overdue, count(*) FILTER (WHERE d.supplement_count >= 2) AS multi_overdue
      FROM dossier d ${join('d')}
      WHERE d.status IN ('processing', 'awaiting_supplement', 'suspended') AND d.due_at < ${p.add(q.now)}
        AND NOT (d.paused_at IS NOT NULL AND d.paused_at <= d.due_at)${where(scopeConditions('d', q.scope, p))}
      GROUP BY 1)`;
  const sql = `
    WITH per AS (
      SELECT ${groupKey('r', q.grouping)} AS key, sum(r.received_online) AS received_online, sum(r.received_other) AS received_other,
        sum(r.finished_early) AS finished_early, sum(r.finished_on_time) AS finished_on_time, sum(r.finished_overdue) AS finished_overdue,
        sum(r.finished_in_time_multi) AS finished_in_time_multi
      FROM report_rollup r ${join('r')}
      WHERE ${period}
      GROUP BY 1
    ), cum AS (
      SELECT ${groupKey('r', q.grouping)} AS key, sum(r.open_delta) AS open, sum(r.overdue_delta) AS overdue, sum(r.multi_delta) AS multi,
        sum(r.multi_overdue_delta) AS multi_overdue
      FROM report_rollup r ${join('r')}
      WHERE ${before}
      GROUP BY 1
    ), wd AS (
      SELECT ${groupKey('w', q.grouping)} AS key, sum(w.dossiers) FILTER (WHERE w.online) AS withdrawn_online,
        sum(w.dossiers) FILTER (WHERE NOT w.online) AS withdrawn_other
      FROM report_withdrawal w ${join('w')}
      WHERE ${withdrawn}
      GROUP BY 1
    )${live}
    SELECT key,
      coalesce(per.received_online, 0) AS received_online, coalesce(per.received_other, 0) AS received_other,
      coalesce(wd.withdrawn_online, 0) AS withdrawn_online, coalesce(wd.withdrawn_other, 0) AS withdrawn_other,
      coalesce(per.finished_early, 0) AS finished_early, coalesce(per.finished_on_time, 0) AS finished_on_time,
      coalesce(per.finished_overdue, 0) AS finished_overdue, coalesce(per.finished_in_time_multi, 0) AS finished_in_time_multi,
      coalesce(cum.open, 0) AS open, coalesce(${q.ended ? 'cum' : 'live'}.overdue, 0) AS overdue,
      coalesce(cum.multi, 0) AS multi, coalesce(${q.ended ? 'cum' : 'live'}.multi_overdue, 0) AS multi_overdue
    FROM per FULL JOIN cum USING (key) FULL JOIN wd USING (key)${q.ended ? '' : ' FULL JOIN live USING (key)'}`;
  return { sql, params: p.values };
}
