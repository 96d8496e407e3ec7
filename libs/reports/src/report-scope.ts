/** Which dossiers a report covers: the caller's agencies, narrowed by optional filters. */

/** The agency codes the caller may see (their agency and everything under it); 'all' for an administrator. */
export type AgencyCodes = readonly string[] | 'all';

export interface ReportScope {
  agencyCodes: AgencyCodes;
  /** Only this agency's own dossiers (not its subtree); must be within agencyCodes, else 404. */
  agencyCode?: string;
  procedureCode?: string;
  /** The procedure's field (lĩnh vực) as published in the dossier's pinned procedure version. */
  field?: string;
}

export type GroupBy = 'agency' | 'field' | 'procedure';

export const GROUP_BYS: readonly GroupBy[] = ['agency', 'field', 'procedure'];

/** Local dates YYYY-MM-DD, both inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
}
