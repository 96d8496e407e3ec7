import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RecomputeReason } from '@app/common';
import { Agency } from './agency.entity';

/**
 * A recomputation of open deadlines that a calendar or office-hours change requires, written in the change's own
 * transaction; the batches advance `lastDossierId` (dossiers in id order) until `doneAt`.
 */
@Entity({ name: 'deadline_recompute' })
@Index('deadline_recompute_unfinished_idx', ['requestedAt'], { where: 'done_at IS NULL' })
export class DeadlineRecompute {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  reason!: RecomputeReason;

  /** Only this agency's open dossiers (its office hours changed); null: every agency's (a calendar day changed). */
  @Column({ name: 'agency_code', type: 'varchar', length: 50, nullable: true })
  agencyCode!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_code', foreignKeyConstraintName: 'deadline_recompute_agency_fk' })
  agency?: Agency | null;

  /** The calendar date set or cleared; null for office hours. */
  @Column({ name: 'calendar_date', type: 'date', nullable: true })
  calendarDate!: string | null;

  /** Who asked: the DEADLINE_RECOMPUTED events name them, also when another process finishes the work. */
  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_username', type: 'varchar', length: 100 })
  actorUsername!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The last dossier (by id) the batches have passed; null before the first batch. */
  @Column({ name: 'last_dossier_id', type: 'uuid', nullable: true })
  lastDossierId!: string | null;

  /** Open dossiers whose deadlines moved so far. */
  @Column({ name: 'recomputed_dossiers', type: 'int', default: 0 })
  recomputedDossiers!: number;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  /** A later change over the same dossiers took over from the start: this one ended unfinished, needlessly. */
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy!: string | null;
}
