/** The reports API's shapes (api.md "Reports", README "Reports") as the supervisor's screens read them. */

export interface Shares {
  early: number | null;
  onTime: number | null;
  overdue: number | null;
  onTimeOrBetter: number | null;
}

/** Biểu 06a columns 3–13 and the shares of the resolved dossiers. */
export interface ReportNumbers {
  received: { total: number; online: number; directOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; overdue: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  shares: Shares;
}

export interface PeriodView {
  from: string;
  to: string;
  asOf: string;
}

export type ReportSummary = ReportNumbers & { period: PeriodView };

export type GroupBy = 'agency' | 'field' | 'procedure';

export interface Report06a {
  period: PeriodView;
  groupBy: GroupBy;
  rows: (ReportNumbers & { key: string; label: string })[];
  total: ReportNumbers;
}

export interface Progress766 {
  period: PeriodView;
  numerator: number;
  denominator: number;
  ratio: number | null;
  score: number | null;
  maxScore: number;
}

export interface LiveCounts {
  inProgress: number;
  dueSoon: number;
  overdue: number;
  awaitingSupplement: number;
  suspended: number;
  resultReady: number;
}

export interface LiveReport extends LiveCounts {
  asOf: string;
  byAgency: (LiveCounts & { agencyCode: string; name: string; parentCode: string | null })[];
  mostOverdue: {
    id: string;
    code: string;
    procedureCode: string;
    procedureName: string;
    agencyCode: string;
    status: string;
    dueAt: string;
    currentStep: { id: string; name: string; role: string } | null;
  }[];
}
