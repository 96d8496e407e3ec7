import type { ReportScope } from './report-scope';
import { SqlParams, joinProcedureVersion, needsProcedureVersion, scopeConditions } from './report-sql';

export interface DigitizationQueryInput {
  /** The period [start, end); files count as they stood at `end` (a closed period's figures do not move afterwards). */
  start: Date;
  end: Date;
  scope: ReportScope;
}

/** The one row of digitizationMetricsQuery, as the driver returns it (counts are bigint strings). */
export interface DigitizationQueryRow {
  finished: string;
  finished_with_result: string;
  finished_digitized_with_result: string;
  paper_received: string;
  paper_received_digitized: string;
}

/**
 * The counts behind the 766 digitization metrics, in one statement over the dossiers the 06a counts: finished (`COMPLETE`)
 * in the period (its column 7), and received on paper (direct or postal) in it and not withdrawn before its end (column 5).
 * A dossier's files are those uploaded before the end and not superseded by then (a replacement takes the old file's place).
 * Its components are digitized when it has a component file and every document line (`documents[].code`) has one.
 */
export function digitizationMetricsQuery(q: DigitizationQueryInput): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const F = p.add(q.start);
  const T = p.add(q.end);
  const pv = needsProcedureVersion('all', q.scope);
  const scope = scopeConditions('d', q.scope, p)
    .map((c) => ` AND ${c}`)
    .join('');
  // Online dossiers arrive as electronic components already: their components need no scan (README "Reports").
  const sql = `
    SELECT
      count(*) FILTER (WHERE s.finished) AS finished,
      count(*) FILTER (WHERE s.finished AND y.has_result) AS finished_with_result,
      count(*) FILTER (WHERE s.finished AND y.has_result AND (d.channel = 'online' OR y.digitized)) AS finished_digitized_with_result,
      count(*) FILTER (WHERE s.paper_received) AS paper_received,
      count(*) FILTER (WHERE s.paper_received AND y.digitized) AS paper_received_digitized
    FROM dossier d ${pv ? joinProcedureVersion('d') : ''}
    CROSS JOIN LATERAL (SELECT
      d.finished_at >= ${F} AND d.finished_at < ${T} AS finished,
      d.received_at >= ${F} AND d.received_at < ${T} AND d.channel <> 'online' AND NOT coalesce(d.withdrawn_at < ${T}, false) AS paper_received) s
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE f.kind = 'component') AS components, count(*) FILTER (WHERE f.kind = 'result') AS results,
        coalesce(array_agg(f.document_code) FILTER (WHERE f.kind = 'component' AND f.document_code IS NOT NULL), '{}') AS codes
      FROM dossier_file f
      WHERE f.dossier_id = d.id AND f.uploaded_at < ${T}
        AND NOT EXISTS (SELECT 1 FROM dossier_file r WHERE r.dossier_id = d.id AND r.supersedes = f.id AND r.uploaded_at < ${T})) c
    CROSS JOIN LATERAL (SELECT
      c.results > 0 AS has_result,
      c.components > 0 AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.documents) doc WHERE NOT (doc->>'code' = ANY(c.codes))) AS digitized) y
    WHERE ((d.finished_at >= ${F} AND d.finished_at < ${T}) OR (d.received_at >= ${F} AND d.received_at < ${T} AND d.channel <> 'online'))${scope}`;
  return { sql, params: p.values };
}
