import type { Duration } from '@app/calendar';
import type { ApplicantType, Channel } from '@app/common';

/** An agency as a form names it: its name under its parent's (the header), and the place its documents are dated at. */
export interface FormAgency {
  code: string;
  name: string;
  parentName: string | null;
  place: string | null;
}

export interface FormApplicant {
  type: ApplicantType;
  fullName: string;
  idNumber: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** What every form of a dossier prints about it. */
export interface FormDossier {
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: Channel;
  applicant: FormApplicant;
  documents: { code: string; name: string; copies: number }[];
  receivedAt: Date;
  /** The appointment given at intake. */
  dueAt: Date | null;
  processingTime: Duration;
  /** The desk that received the dossier and hands back the result. */
  desk: FormAgency;
  /** The resolving agency when another than the desk (liên thông). */
  resolving: FormAgency | null;
}

/** An officer who signs: full name when known, else the account name. */
export interface FormSigner {
  fullName: string;
}

/** Mẫu 01: the receipt and appointment slip. */
export interface ReceiptInput {
  dossier: FormDossier;
  /** PUBLIC_BASE_URL/tra-cuu?ma=…&k=…: printed and in the QR code. */
  lookupUrl: string;
  receivedBy: FormSigner;
}

/** Mẫu 02: what the applicant must add. */
export interface SupplementRequestInput {
  dossier: FormDossier;
  requestedAt: Date;
  missingItems: string[];
  reason: string;
  requestedBy: FormSigner;
  lookupUrl: string;
}

/** Mẫu 04: the apology and the new appointment. */
export interface ApologyInput {
  dossier: FormDossier;
  at: Date;
  reason: string;
  previousDueAt: Date;
  extendedDueAt: Date;
  /** The agency that apologizes (the resolving one). */
  agency: FormAgency;
}

/** Mẫu 05: the applicant stopped the dossier. */
export interface StopNoticeInput {
  dossier: FormDossier;
  at: Date;
  reason: string | null;
  notedBy: FormSigner;
}

/** Mẫu 06: one handover of the dossier between holders, as the event log records it. */
export interface ControlSheetRow {
  from: string;
  to: string;
  at: Date;
  /** Đúng hạn / Quá hạn for the step the handover ended; null when not judged. */
  onTime: boolean | null;
  by: string;
  note: string | null;
}

export interface ControlSheetInput {
  dossier: FormDossier;
  rows: ControlSheetRow[];
  printedAt: Date;
}

/** Mẫu 07: one dossier received at the desk, as the register lists it. */
export interface RegisterRow {
  code: string;
  procedureName: string;
  applicantName: string;
  address: string | null;
  phone: string | null;
  /** The resolving agency (cơ quan chủ trì giải quyết). */
  resolvingName: string;
  deskCode: string;
  deskName: string;
  receivedAt: Date;
  /** The appointment given at intake (the receipt's), not a later extension. */
  appointment: Date | null;
  /** The first handover to another agency (liên thông). */
  handedOverAt: Date | null;
  /** When the result was ready (COMPLETE). */
  completedAt: Date | null;
  /** When the result was handed to the applicant (DELIVER). */
  deliveredAt: Date | null;
  status: string;
  withdrawnAt: Date | null;
  /** The latest extended appointment. */
  extendedDueAt: Date | null;
  supplementCount: number;
}

export interface RegisterInput {
  /** The agency whose register it is (the header). */
  agency: FormAgency;
  /** Local dates YYYY-MM-DD, both included. */
  from: string;
  to: string;
  rows: RegisterRow[];
  printedAt: Date;
}
