import type { GrainRange } from './report-period';
import type { GroupBy, ReportScope } from './report-scope';

/** Positional parameters collected while a statement is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type Grouping = GroupBy | 'all';

/** Rows carry agency, procedure and pinned version; the field comes from that version (it may change between versions). */
export function needsProcedureVersion(grouping: Grouping, scope: ReportScope): boolean {
  return grouping === 'field' || scope.field !== undefined;
}

export function joinProcedureVersion(alias: string): string {
  return `JOIN procedure_version pv ON pv.code = ${alias}.procedure_code AND pv.version = ${alias}.procedure_version`;
}

export function groupKey(alias: string, grouping: Grouping): string {
  switch (grouping) {
    case 'agency':
      return `${alias}.agency_code::text`;
    // Only the dossier table has it: the rollups are kept per resolving agency.
    case 'receiving':
      return `${alias}.receiving_agency_code::text`;
    case 'procedure':
      return `${alias}.procedure_code::text`;
    case 'field':
      return 'pv.field';
    case 'all':
      return `''::text`;
  }
}

/** The scope and filters as SQL conditions on a table with agency_code / procedure_code (and pv joined for field). */
export function scopeConditions(alias: string, scope: ReportScope, p: SqlParams): string[] {
  const out: string[] = [];
  if (scope.agencyCodes !== 'all') out.push(`${alias}.agency_code = ANY(${p.add([...scope.agencyCodes])}::varchar[])`);
  if (scope.agencyCode !== undefined) out.push(`${alias}.agency_code = ${p.add(scope.agencyCode)}`);
  if (scope.procedureCode !== undefined) out.push(`${alias}.procedure_code = ${p.add(scope.procedureCode)}`);
  if (scope.field !== undefined) out.push(`pv.field = ${p.add(scope.field)}`);
  return out;
}

export function rangeCondition(alias: string, ranges: readonly GrainRange[], p: SqlParams): string {
  if (ranges.length === 0) return 'false';
  const parts = ranges.map((r) => {
    const lower = r.from === null ? '' : ` AND ${alias}.period >= ${p.add(r.from)}::date`;
    return `(${alias}.grain = '${r.grain}'${lower} AND ${alias}.period < ${p.add(r.to)}::date)`;
  });
  return `(${parts.join(' OR ')})`;
}
