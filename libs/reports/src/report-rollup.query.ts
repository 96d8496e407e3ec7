import { type SignedRanges, dayStart, formatDay, signedRanges } from './report-period';
import type { ReportScope } from './report-scope';
import { type Grouping, SqlParams, groupKey, joinProcedureVersion, needsProcedureVersion, rangeCondition, scopeConditions } from './report-sql';

const PERIOD_COLUMNS = [
  'received_online',
  'received_other',
  'withdrawn_online',
  'withdrawn_other',
  'finished_early',
  'finished_on_time',
  'finished_overdue',
  'finished_in_time_multi',
];
const CUMULATIVE_COLUMNS = ['open_delta', 'overdue_delta', 'multi_delta', 'multi_overdue_delta'];

export type RollupGrouping = Exclude<Grouping, 'receiving'>;

export interface RollupQueryInput {
  /** Day numbers: the period is [fromDay, toDay) in local days. */
  fromDay: number;
  toDay: number;
  /** When the period has not ended yet, "at its end" means now, and overdue is read from the open dossiers. */
  now: Date;
  ended: boolean;
  /** The rollups are kept per resolving agency: a receiving desk is not among their keys. */
  grouping: RollupGrouping;
  scope: ReportScope;
}

/**
 * One statement (one snapshot, so the numbers agree with each other while dossiers change) over the rollups:
 * the period's own counters from few day/month/year rows whose signed sum covers it, the cumulative "open at the end"
 * deltas likewise for every day before its end, the withdrawals received in it but withdrawn only after it (to add back),
 * the withdrawals in the period (the 766 ends a dossier there; few, read from the dossiers), and,
 * for a period that has not ended, the overdue ones among the open dossiers now (the partial index of open dossiers).
 */
export function rollupCountsQuery(q: RollupQueryInput): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const pv = needsProcedureVersion(q.grouping, q.scope);
  const where = (conds: string[]) => conds.map((c) => ` AND ${c}`).join('');
  const join = (alias: string) => (pv ? joinProcedureVersion(alias) : '');
  // Rows to add and rows to subtract, each condition once per row in WHERE (index ranges), the sign applied per row.
  const signedSum = (ranges: SignedRanges, columns: string[]) => {
    const branch = (sign: '' | '-', list: typeof ranges.plus) =>
      `SELECT ${groupKey('r', q.grouping)} AS key, ${columns.map((c) => `${sign}r.${c} AS ${c}`).join(', ')}
        FROM report_rollup r ${join('r')} WHERE ${rangeCondition('r', list, p)}${where(scopeConditions('r', q.scope, p))}`;
    const branches = [branch('', ranges.plus), ...(ranges.minus.length ? [branch('-', ranges.minus)] : [])];
    return `SELECT key, ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (${branches.join(' UNION ALL ')}) x GROUP BY key`;
  };
  const per = signedSum(signedRanges(q.fromDay, q.toDay), PERIOD_COLUMNS);
  const cum = signedSum(signedRanges(null, q.toDay), CUMULATIVE_COLUMNS);
  const from = p.add(formatDay(q.fromDay));
  const to = p.add(formatDay(q.toDay));
  // Received in the period and withdrawn on or after its end: they straddle the end (the range index finds them).
  const straddling = `daterange(w.received_day, w.withdrawn_day, '(]') @> ${to}::date AND w.received_day >= ${from}::date${where(scopeConditions('w', q.scope, p))}`;
  const live = q.ended
    ? ''
    : `, live AS (
      SELECT ${groupKey('d', q.grouping)} AS key, count(*) AS overdue, count(*) FILTER (WHERE d.supplement_count >= 2) AS multi_overdue
      FROM dossier d ${join('d')}
      WHERE d.status IN ('processing', 'awaiting_supplement', 'suspended') AND d.due_at < ${p.add(q.now)}
        AND NOT (d.paused_at IS NOT NULL AND d.paused_at <= d.due_at)${where(scopeConditions('d', q.scope, p))}
      GROUP BY 1)`;
  const sql = `
    WITH per AS (${per}),
    cum AS (${cum}),
    wd AS (
      SELECT ${groupKey('w', q.grouping)} AS key, sum(w.dossiers) FILTER (WHERE w.online) AS later_online,
        sum(w.dossiers) FILTER (WHERE NOT w.online) AS later_other
      FROM report_withdrawal w ${join('w')}
      WHERE ${straddling}
      GROUP BY 1
    ),
    -- The 766 ends a dossier at its withdrawal: the ones withdrawn in the period, from the dossiers (partial index on withdrawn_at).
    ended AS (
      SELECT ${groupKey('d', q.grouping)} AS key, count(*) AS withdrawn_ended,
        count(*) FILTER (WHERE d.withdrawn_at <= d.due_at AND d.supplement_count < 2) AS withdrawn_ended_in_time
      FROM dossier d ${join('d')}
      WHERE d.withdrawn_at >= ${p.add(dayStart(q.fromDay))} AND d.withdrawn_at < ${p.add(dayStart(q.toDay))}${where(scopeConditions('d', q.scope, p))}
      GROUP BY 1
    )${live}
    SELECT key,
      coalesce(per.received_online, 0) AS received_online, coalesce(per.received_other, 0) AS received_other,
      coalesce(per.withdrawn_online, 0) - coalesce(wd.later_online, 0) AS withdrawn_online,
      coalesce(per.withdrawn_other, 0) - coalesce(wd.later_other, 0) AS withdrawn_other,
      coalesce(per.finished_early, 0) AS finished_early, coalesce(per.finished_on_time, 0) AS finished_on_time,
      coalesce(per.finished_overdue, 0) AS finished_overdue, coalesce(per.finished_in_time_multi, 0) AS finished_in_time_multi,
      coalesce(cum.open_delta, 0) AS open, ${q.ended ? 'coalesce(cum.overdue_delta, 0)' : 'coalesce(live.overdue, 0)'} AS overdue,
      coalesce(cum.multi_delta, 0) AS multi, ${q.ended ? 'coalesce(cum.multi_overdue_delta, 0)' : 'coalesce(live.multi_overdue, 0)'} AS multi_overdue,
      coalesce(ended.withdrawn_ended, 0) AS withdrawn_ended, coalesce(ended.withdrawn_ended_in_time, 0) AS withdrawn_ended_in_time
    FROM per FULL JOIN cum USING (key) FULL JOIN wd USING (key) FULL JOIN ended USING (key)${q.ended ? '' : ' FULL JOIN live USING (key)'}`;
  return { sql, params: p.values };
}
