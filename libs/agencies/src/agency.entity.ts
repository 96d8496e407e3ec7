import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { OfficeInterval } from '@app/calendar';
import type { AgencyLevel, ReceivesFor } from '@app/common';

@Entity({ name: 'agency' })
export class Agency {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: AgencyLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 50, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'agency_parent_fk' })
  parent?: Agency | null;

  /** null: the default office hours. */
  @Column({ name: 'office_hours', type: 'jsonb', nullable: true })
  officeHours!: OfficeInterval[] | null;

  /** Whose dossiers this agency's desk may receive. */
  @Column({ name: 'receives_for', type: 'varchar', length: 10, default: 'self' })
  receivesFor!: ReceivesFor;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
