import type { ReportScope } from './report-scope';
import { SqlParams, joinProcedureVersion, scopeConditions } from './report-sql';

export interface LatenessQueryInput {
  /** The period [start, end): steps finished in it. */
  start: Date;
  end: Date;
  /** Open steps overdue are counted at this instant. */
  now: Date;
  /** agencyCodes and agencyCode apply to the agency holding the step; procedureCode and field to its dossier. */
  scope: ReportScope;
}

/** One row per agency holding a step: as the driver returns it (counts are bigint strings, `late` a json array). */
export interface LatenessQueryRow {
  agency_code: string;
  name: string;
  steps_held: string;
  steps_late: string;
  /** The late steps as [due, ended] ISO instants, for the working minutes on the agency's calendar; null when none. */
  late: [string, string][] | null;
  open_overdue: string;
}

// The agency holding the step an event ended: the handover's sender, else the one the pinned version's step names (stepAgencyOf).
const HOLDER = `coalesce(e.from_agency, (
    SELECT CASE WHEN s->'agency' ? 'code' THEN s->'agency'->>'code'
                WHEN s->'agency'->>'relation' = 'receiving' THEN d.receiving_agency_code
                ELSE d.agency_code END
    FROM jsonb_array_elements(pv.definition->'steps') s WHERE s->>'id' = e.from_step), d.agency_code)`;

/**
 * Steps finished in the period per agency that held them, and the steps each holds now past their deadline. A step is
 * finished by the event that records `step_on_time` (FORWARD, RETURN, COMPLETE, judged by the transition path); its
 * deadline is the one the log held just before, the previous event's `step_due_at` (every event records the deadline of
 * the step the dossier is in after it). The late ones come back as pairs: their working minutes need the agency's calendar.
 */
export function latenessQuery(q: LatenessQueryInput): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const F = p.add(q.start);
  const T = p.add(q.end);
  const N = p.add(q.now);
  const and = (conds: string[]) => conds.map((c) => ` AND ${c}`).join('');
  const byDossier = { agencyCodes: 'all' as const, procedureCode: q.scope.procedureCode, field: q.scope.field };
  const byHolder = { agencyCodes: q.scope.agencyCodes, agencyCode: q.scope.agencyCode };
  const pv = q.scope.field !== undefined ? joinProcedureVersion('d') : '';
  const sql = `
    WITH ended AS (
      SELECT ${HOLDER} AS agency_code, e.step_on_time, e.at, prev.step_due_at AS due_at
      FROM dossier_event e
      JOIN dossier d ON d.id = e.dossier_id
      ${joinProcedureVersion('d')}
      LEFT JOIN dossier_event prev ON prev.dossier_id = e.dossier_id AND prev.seq = e.seq - 1
      WHERE e.step_on_time IS NOT NULL AND e.at >= ${F} AND e.at < ${T}${and(scopeConditions('d', byDossier, p))}
    ),
    held AS (
      SELECT h.agency_code, count(*) AS steps_held, count(*) FILTER (WHERE NOT h.step_on_time) AS steps_late,
        json_agg(json_build_array(h.due_at, h.at)) FILTER (WHERE NOT h.step_on_time) AS late
      FROM ended h
      WHERE true${and(scopeConditions('h', byHolder, p))}
      GROUP BY h.agency_code
    ),
    overdue_now AS (
      SELECT o.agency_code, count(*) AS open_overdue
      FROM (SELECT d.step_agency_code AS agency_code FROM dossier d ${pv}
            WHERE d.status = 'processing' AND d.step_due_at < ${N}${and(scopeConditions('d', byDossier, p))}) o
      WHERE true${and(scopeConditions('o', byHolder, p))}
      GROUP BY o.agency_code
    )
    SELECT agency_code, a.name, coalesce(held.steps_held, 0) AS steps_held, coalesce(held.steps_late, 0) AS steps_late, held.late,
      coalesce(overdue_now.open_overdue, 0) AS open_overdue
    FROM held FULL JOIN overdue_now USING (agency_code)
    JOIN agency a ON a.code = agency_code
    ORDER BY agency_code`;
  return { sql, params: p.values };
}
