import type { Channel, DossierEventType, FileKind, ResultType, SuspendReason } from '@app/common';
import type { Applicant, SubmittedDocument } from './dossier.entity';

export interface IntakeInput {
  procedureCode: string;
  /** The resolving agency; default the caller's. */
  agencyCode?: string;
  /** The receiving desk; default the caller's agency (only an administrator names another). */
  receivingAgencyCode?: string;
  channel: Channel;
  applicant: Applicant;
  documents?: SubmittedDocument[];
  /** Back-dating, for imports: admin only, never in the future. */
  receivedAt?: Date;
  idempotencyKey?: string;
}

export interface EventInput {
  type: DossierEventType;
  note?: string;
  assigneeId?: string;
  reason?: SuspendReason | string;
  resultType?: ResultType;
  extendedDueAt?: Date;
  missingItems?: string[];
  /** Back-dating, for imports: admin only, never in the future, not before the last transition. */
  occurredAt?: Date;
  /** The dossier version the client acted on; a different current version means a concurrent change won. */
  expectedVersion?: number;
  /** A retry with the same key (same dossier, same body) sends nothing again and answers the dossier. */
  idempotencyKey?: string;
}

/** What the caller says about a file before its bytes flow (the multipart fields). */
export interface AttachInput {
  kind: FileKind;
  documentCode?: string | null;
  supersedes?: string | null;
}

/** A file whose bytes are stored, to be recorded (FILE_ATTACHED). */
export interface AttachedFile extends AttachInput {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}
