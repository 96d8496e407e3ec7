/** The API's shapes (api.md) as the web app reads them. */

export type Role = 'admin' | 'supervisor' | 'reception' | 'specialist' | 'leader' | 'clerk';
export type DossierStatus = 'processing' | 'awaiting_supplement' | 'suspended' | 'result_ready' | 'returned' | 'withdrawn';
export type Channel = 'direct' | 'online' | 'postal';
export type EventType =
  | 'FORWARD'
  | 'RETURN'
  | 'ASSIGN'
  | 'REQUEST_SUPPLEMENT'
  | 'SUPPLEMENT_RECEIVED'
  | 'SUSPEND'
  | 'RESUME'
  | 'EXTEND'
  | 'COMPLETE'
  | 'DELIVER'
  | 'WITHDRAW';

export interface User {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  agencyCode: string | null;
  active?: boolean;
}

export interface Agency {
  code: string;
  name: string;
  level: 'ministry' | 'province' | 'district' | 'commune';
  parentCode: string | null;
  officeHours: { from: string; to: string }[];
}

export interface Duration {
  value: number;
  unit: 'working_days' | 'working_hours' | 'calendar_days' | 'months';
}

export interface ProcedureStep {
  id: string;
  name: string;
  role: Role;
  allotted: Duration;
}

export interface Procedure {
  code: string;
  version: number;
  name: string;
  field: string;
  level: Agency['level'];
  processingTime: Duration;
  onlineProcessingTime: Duration | null;
  cutoff: string | null;
  supplementPolicy: 'restart' | 'pause';
  steps: ProcedureStep[];
  requiredDocuments: { code: string; name: string; copies: number }[];
  fee: number;
  /** When this version was published. */
  createdAt: string;
}

export interface Applicant {
  type: 'citizen' | 'enterprise' | 'organization';
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface Dossier {
  id: string;
  code: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  agencyCode: string;
  channel: Channel;
  applicant: Applicant;
  documents: { code: string; name: string; copies: number }[] | null;
  status: DossierStatus;
  nationalStatusCode: number;
  suspendReason: string | null;
  currentStep: { id: string; name: string; role: Role; assigneeId: string | null; startedAt: string | null; dueAt: string | null } | null;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  dueSoon: boolean;
  overdue: boolean;
  overdueFlaggedAt: string | null;
  supplementCount: number;
  finishedAt: string | null;
  returnedAt: string | null;
  withdrawnAt: string | null;
  resultType: 'approved' | 'refused' | null;
  outcome: 'early' | 'on_time' | 'overdue' | null;
  version: number;
  allowedEvents: EventType[];
}

export interface DossierEvent {
  seq: number;
  type: string;
  at: string;
  actor: { id: string | null; username: string };
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  fromStep: string | null;
  toStep: string | null;
  stepDueAt: string | null;
  stepOnTime: boolean | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PublicDossier {
  code: string;
  procedureName: string;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
}
