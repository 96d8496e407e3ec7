import type { AgencyScope } from '@app/agencies';

/** Which dossiers a report covers: the caller's agencies, narrowed by optional filters. */
export interface ReportScope {
  /** AgencyService.scopeFor the caller and agencyCode. */
  agencyCodes: AgencyScope;
  /** Only this agency's own dossiers (not its subtree); scopeFor has checked it exists within agencyCodes. */
  agencyCode?: string;
  procedureCode?: string;
  /** The procedure's field (lĩnh vực) as published in the dossier's pinned procedure version. */
  field?: string;
}

/** `agency`: the resolving agency (the dossier's own); `receiving`: the desk that received it (liên thông). */
export type GroupBy = 'agency' | 'receiving' | 'field' | 'procedure';

export const GROUP_BYS: readonly GroupBy[] = ['agency', 'receiving', 'field', 'procedure'];

/** Local dates YYYY-MM-DD, both inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
}
