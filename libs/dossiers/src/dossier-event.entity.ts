import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DossierStatus } from '@app/common';
import { Dossier } from './dossier.entity';

/** Details of one event: missing items, reasons, deadlines before and after. */
export type EventData = Record<string, string | number | boolean | null | string[]>;

/** The immutable event log (phiếu kiểm soát quá trình giải quyết hồ sơ): one row per change of a dossier. */
@Entity({ name: 'dossier_event' })
// A key names one event of one dossier: a retry finds it instead of sending the event again.
@Index('dossier_event_idempotency_key', ['dossierId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
// The events that finished a step, by time: the lateness report's period.
@Index('dossier_event_step_end_idx', ['at'], { where: 'step_on_time IS NOT NULL' })
// The events that issue a form, by time: the sweep that files issued forms reads recent ones.
@Index('dossier_event_issuing_idx', ['at'], { where: "type IN ('RECEIVE', 'REQUEST_SUPPLEMENT', 'EXTEND', 'WITHDRAW')" })
export class DossierEvent {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @ManyToOne(() => Dossier, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'dossier_event_dossier_fk' })
  dossier?: Dossier;

  @Column({ type: 'varchar', length: 30 })
  type!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_username', type: 'varchar', length: 100 })
  actorUsername!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 30, nullable: true })
  fromStatus!: DossierStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 30 })
  toStatus!: DossierStatus;

  @Column({ name: 'from_step', type: 'varchar', length: 40, nullable: true })
  fromStep!: string | null;

  @Column({ name: 'to_step', type: 'varchar', length: 40, nullable: true })
  toStep!: string | null;

  /** Deadline of the step the dossier is in after this event. */
  @Column({ name: 'step_due_at', type: 'timestamptz', nullable: true })
  stepDueAt!: Date | null;

  /** Whether the step this event finished was finished by its deadline; null when no step finished. */
  @Column({ name: 'step_on_time', type: 'boolean', nullable: true })
  stepOnTime!: boolean | null;

  /** A handover (liên thông): the agency that held the step before the event and the one holding it after; else both null. */
  @Column({ name: 'from_agency', type: 'varchar', length: 50, nullable: true })
  fromAgency!: string | null;

  @Column({ name: 'to_agency', type: 'varchar', length: 50, nullable: true })
  toAgency!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: EventData;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** The client's Idempotency-Key for this event, if it sent one. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** sha256 of what the keyed request asked for: the same key with another request is refused, not replayed. */
  @Column({ name: 'request_digest', type: 'varchar', length: 64, nullable: true })
  requestDigest!: string | null;
}
