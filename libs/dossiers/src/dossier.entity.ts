import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import type { ApplicantType, Channel, DossierStatus, Outcome, ResultType, SuspendReason } from '@app/common';
import { type PersistedDossierSnapshot, ProcedureVersion } from '@app/procedures';

export interface Applicant {
  type: ApplicantType;
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface SubmittedDocument {
  code: string;
  name: string;
  copies: number;
}

@Entity({ name: 'dossier' })
@Index('dossier_agency_received_idx', ['agencyCode', 'receivedAt', 'id'])
@Index('dossier_received_idx', ['receivedAt', 'id'])
// A key is the receiving desk's own: the same key at another desk is another intake, and a 422 must not reveal it exists there.
@Index('dossier_idempotency_key', ['receivingAgencyCode', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('dossier_unflagged_due_idx', ['dueAt'], { where: "status = 'processing' AND overdue_flagged_at IS NULL" })
@Index('dossier_unflagged_step_due_idx', ['stepDueAt'], { where: "status = 'processing' AND step_overdue_flagged_at IS NULL" })
@Index('dossier_step_agency_idx', ['stepAgencyCode', 'stepDueAt'], { where: 'step_agency_code IS NOT NULL' })
// The 766 digitization metrics read the dossiers finished in a period.
@Index('dossier_finished_idx', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
// The withdrawals of a period (the 766 progress indicator counts them as the portal does).
@Index('dossier_withdrawn_idx', ['withdrawnAt'], { where: 'withdrawn_at IS NOT NULL' })
@Index('dossier_live_idx', ['agencyCode', 'status', 'dueAt', 'dueSoonAt', 'pausedAt'], { where: "status IN ('processing', 'awaiting_supplement', 'suspended', 'result_ready')" })
export class Dossier {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('dossier_code_key', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  code!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 50 })
  procedureCode!: string;

  @Column({ name: 'procedure_version', type: 'int' })
  procedureVersion!: number;

  @Column({ name: 'agency_code', type: 'varchar', length: 50 })
  agencyCode!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_code', foreignKeyConstraintName: 'dossier_agency_fk' })
  agency?: Agency;

  /** The desk that received it (liên thông: often not the resolving agency, `agencyCode`). */
  @Column({ name: 'receiving_agency_code', type: 'varchar', length: 50 })
  receivingAgencyCode!: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'receiving_agency_code', foreignKeyConstraintName: 'dossier_receiving_agency_fk' })
  receivingAgency?: Agency;

  /** The agency holding the current step (whose officers work it); null at no step. */
  @Column({ name: 'step_agency_code', type: 'varchar', length: 50, nullable: true })
  stepAgencyCode!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'step_agency_code', foreignKeyConstraintName: 'dossier_step_agency_fk' })
  stepAgency?: Agency | null;

  @ManyToOne(() => ProcedureVersion, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'procedure_code', referencedColumnName: 'code', foreignKeyConstraintName: 'dossier_procedure_version_fk' },
    { name: 'procedure_version', referencedColumnName: 'version', foreignKeyConstraintName: 'dossier_procedure_version_fk' },
  ])
  procedure?: ProcedureVersion;

  @Column({ type: 'varchar', length: 10 })
  channel!: Channel;

  @Column({ type: 'jsonb' })
  applicant!: Applicant;

  @Column({ type: 'jsonb' })
  documents!: SubmittedDocument[];

  @Column({ type: 'varchar', length: 30 })
  status!: DossierStatus;

  @Column({ name: 'suspend_reason', type: 'varchar', length: 30, nullable: true })
  suspendReason!: SuspendReason | null;

  /** The XState persisted snapshot of the pinned procedure version's machine. */
  @Column({ type: 'jsonb' })
  snapshot!: PersistedDossierSnapshot;

  @Column({ name: 'step_id', type: 'varchar', length: 40, nullable: true })
  stepId!: string | null;

  @Column({ name: 'step_started_at', type: 'timestamptz', nullable: true })
  stepStartedAt!: Date | null;

  @Column({ name: 'step_due_at', type: 'timestamptz', nullable: true })
  stepDueAt!: Date | null;

  /** Working minutes the current step waited (suspension, paused supplement): added to its allotment. */
  @Column({ name: 'step_paused_minutes', type: 'int', default: 0 })
  stepPausedMinutes!: number;

  @Column({ name: 'assignee_id', type: 'varchar', length: 64, nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** When the processing clock last (re)started: intake, or a supplement's arrival under the restart policy. */
  @Column({ name: 'clock_started_at', type: 'timestamptz' })
  clockStartedAt!: Date;

  /** Working minutes the dossier waited since clockStartedAt (suspensions, paused supplements): added to the due time. */
  @Column({ name: 'paused_minutes', type: 'int', default: 0 })
  pausedMinutes!: number;

  /** Start of the current wait (awaiting_supplement or suspended). */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  @Index('dossier_open_due_idx', { where: "status IN ('processing', 'awaiting_supplement', 'suspended')" })
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** When less than the due-soon threshold of working time remains before the (extended) due time. */
  @Index('dossier_unflagged_due_soon_idx', { where: "status = 'processing' AND due_soon_flagged_at IS NULL" })
  @Column({ name: 'due_soon_at', type: 'timestamptz', nullable: true })
  dueSoonAt!: Date | null;

  @Column({ name: 'due_soon_flagged_at', type: 'timestamptz', nullable: true })
  dueSoonFlaggedAt!: Date | null;

  @Column({ name: 'overdue_flagged_at', type: 'timestamptz', nullable: true })
  overdueFlaggedAt!: Date | null;

  @Column({ name: 'step_overdue_flagged_at', type: 'timestamptz', nullable: true })
  stepOverdueFlaggedAt!: Date | null;

  @Column({ name: 'extended_due_at', type: 'timestamptz', nullable: true })
  extendedDueAt!: Date | null;

  @Column({ name: 'supplement_count', type: 'int', default: 0 })
  supplementCount!: number;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'result_type', type: 'varchar', length: 10, nullable: true })
  resultType!: ResultType | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome!: Outcome | null;

  /** Time of the last officer transition; back-dated events may not go before it. */
  @Column({ name: 'last_transition_at', type: 'timestamptz' })
  lastTransitionAt!: Date;

  @Column({ name: 'event_count', type: 'int', default: 0 })
  eventCount!: number;

  /** Bumped by every change; clients send it back to detect that a concurrent change won. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** Unguessable: printed on the receipt and in its QR code; shown only to those who may read the dossier. */
  // Written as TypeORM reads PostgreSQL's normalized default back (casts stripped), so the schema check sees no difference.
  @Column({ name: 'lookup_key', type: 'varchar', length: 32, default: () => "replace((gen_random_uuid()), '-', '')" })
  lookupKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
