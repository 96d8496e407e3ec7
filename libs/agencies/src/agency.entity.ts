import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { OfficeInterval } from '@app/calendar';
import type { AgencyLevel } from '@app/common';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
