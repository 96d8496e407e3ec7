import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@app/calendar';
import { Clock } from '@app/config';
import { dueSoonSql, overdueSql } from '@app/dossiers';
import type { ReportScope } from './report-scope';

/** How many dossiers of an agency (or of the whole scope) are live now, by what a supervisor watches. */
export interface LiveCounts {
  /** Open: processing, awaiting a supplement or suspended (06a's "đang giải quyết"). */
  inProgress: number;
  /** Processing, not overdue, less than the due-soon threshold left. */
  dueSoon: number;
  /** Open and overdue (isOverdue's rule: a dossier waiting since before its due time is not). */
  overdue: number;
  awaitingSupplement: number;
  suspended: number;
  /** Result ready at the desk, not yet handed back. */
  resultReady: number;
}

export interface LiveAgencyCounts extends LiveCounts {
  agencyCode: string;
  name: string;
  parentCode: string | null;
}

export interface OverdueDossierBrief {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  status: string;
  dueAt: string;
  currentStep: { id: string; name: string; role: string } | null;
}

export type LiveReport = LiveCounts & {
  /** The server's now the counts were taken at. */
  asOf: string;
  /** Every agency in the scope, zeros included, by code. */
  byAgency: LiveAgencyCounts[];
  /** The open overdue dossiers whose due time passed longest ago (at most MOST_OVERDUE). */
  mostOverdue: OverdueDossierBrief[];
};

/** Whose live dossiers a row counts: the resolving agency's (the dossier's own) or the receiving desk's. */
export type LiveGroupBy = 'agency' | 'receiving';

export const LIVE_GROUP_BYS: readonly LiveGroupBy[] = ['agency', 'receiving'];

const MOST_OVERDUE = 10;
const KEYS: (keyof LiveCounts)[] = ['inProgress', 'dueSoon', 'overdue', 'awaitingSupplement', 'suspended', 'resultReady'];
// The same predicates as isOverdue and DossierQueryService.list, so the dashboard, the list and a dossier agree.
const OVERDUE = overdueSql('$1');
const DUE_SOON = dueSoonSql('$1');

const COUNTS = `
  count(d.agency_code) FILTER (WHERE d.status IN ('processing', 'awaiting_supplement', 'suspended')) AS in_progress,
  count(d.agency_code) FILTER (WHERE ${DUE_SOON}) AS due_soon,
  count(d.agency_code) FILTER (WHERE ${OVERDUE}) AS overdue,
  count(d.agency_code) FILTER (WHERE d.status = 'awaiting_supplement') AS awaiting_supplement,
  count(d.agency_code) FILTER (WHERE d.status = 'suspended') AS suspended,
  count(d.agency_code) FILTER (WHERE d.status = 'result_ready') AS result_ready`;
const LIVE = `d.status IN ('processing', 'awaiting_supplement', 'suspended', 'result_ready')`;
// $1 now, $2 the resolving agencies in scope (null: all).
const BY_AGENCY = `
  SELECT a.code, a.name, a.parent_code, ${COUNTS}
  FROM agency a
  LEFT JOIN dossier d ON d.agency_code = a.code AND ${LIVE}
  WHERE $2::text[] IS NULL OR a.code = ANY($2)
  GROUP BY a.code ORDER BY a.code`;
// The scope stays the resolving agency's: a desk outside it appears when it received one of the scope's dossiers.
// receiving_agency_code is not in dossier_live_idx: this one reads the live rows from the table.
const BY_DESK = `
  SELECT a.code, a.name, a.parent_code, ${COUNTS}
  FROM agency a
  LEFT JOIN dossier d ON d.receiving_agency_code = a.code AND ${LIVE} AND ($2::text[] IS NULL OR d.agency_code = ANY($2))
  GROUP BY a.code
  HAVING $2::text[] IS NULL OR a.code = ANY($2) OR count(d.agency_code) > 0
  ORDER BY a.code`;

/**
 * The supervisor's live counters, straight from the dossiers: one COUNT … FILTER over the live ones (open or result
 * ready), an index-only scan of the partial index dossier_live_idx, which holds only those and every column read here
 * (hence count(d.agency_code), not count(d.id)). 1M dossiers, 84k of them live: p50 46 ms for all 141 agencies, 9 ms for
 * a district (16), against 1.5 s and 1.9 s without the index.
 */
@Injectable()
export class LiveCountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * `groupBy` `agency` (default): per resolving agency, every agency of the scope listed; `receiving`: the same dossiers
   * (those of the agencies in scope, by resolving agency) per receiving desk, the desks in scope listed and any other
   * desk that received one of them. Each dossier counts once either way, so the totals agree.
   */
  async live(scope: Pick<ReportScope, 'agencyCodes' | 'agencyCode'>, groupBy: LiveGroupBy = 'agency'): Promise<LiveReport> {
    const now = this.clock.now();
    // An agencyCode narrows to that agency's own dossiers, as in the other reports.
    const codes = scope.agencyCode !== undefined ? [scope.agencyCode] : scope.agencyCodes === 'all' ? null : [...scope.agencyCodes];
    const [agencies, overdue] = await Promise.all([
      this.dataSource.query(groupBy === 'receiving' ? BY_DESK : BY_AGENCY, [now, codes]) as Promise<Record<string, string | null>[]>,
      this.dataSource.query(
        `SELECT d.id, d.code, d.procedure_code, pv.name AS procedure_name, d.agency_code, d.status, d.due_at,
           (SELECT s FROM jsonb_array_elements(pv.definition->'steps') s WHERE s->>'id' = d.step_id) AS step
         FROM dossier d
         JOIN procedure_version pv ON pv.code = d.procedure_code AND pv.version = d.procedure_version
         WHERE d.status IN ('processing', 'awaiting_supplement', 'suspended') AND d.due_at < $1 AND ${OVERDUE}
           AND ($2::text[] IS NULL OR d.agency_code = ANY($2))
         ORDER BY d.due_at, d.id LIMIT ${MOST_OVERDUE}`,
        // due_at < now follows from OVERDUE (a wait starts before now); said outright, it bounds the due_at index scan.
        [now, codes],
      ) as Promise<{ id: string; code: string; procedure_code: string; procedure_name: string; agency_code: string; status: string; due_at: Date; step: { id: string; name: string; role: string } | null }[]>,
    ]);
    const byAgency = agencies.map((r) => ({
      agencyCode: r.code!,
      name: r.name!,
      parentCode: r.parent_code,
      inProgress: Number(r.in_progress),
      dueSoon: Number(r.due_soon),
      overdue: Number(r.overdue),
      awaitingSupplement: Number(r.awaiting_supplement),
      suspended: Number(r.suspended),
      resultReady: Number(r.result_ready),
    }));
    const totals = Object.fromEntries(KEYS.map((k) => [k, byAgency.reduce((sum, a) => sum + a[k], 0)])) as unknown as LiveCounts;
    return {
      asOf: formatLocal(now),
      ...totals,
      byAgency,
      mostOverdue: overdue.map((r) => ({
        id: r.id,
        code: r.code,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        agencyCode: r.agency_code,
        status: r.status,
        dueAt: formatLocal(r.due_at),
        currentStep: r.step ? { id: r.step.id, name: r.step.name, role: r.step.role } : null,
      })),
    };
  }
}
