import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyLevel } from '@app/common';
import type { ProcedureDefinition } from './procedure-definition';

/** One published, immutable version of a procedure; dossiers pin the version they were received under. */
@Entity({ name: 'procedure_version' })
export class ProcedureVersion {
  @PrimaryColumn({ name: 'code', type: 'varchar', length: 50 })
  code!: string;

  @PrimaryColumn({ name: 'version', type: 'int' })
  version!: number;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'field', type: 'text' })
  field!: string;

  @Column({ name: 'level', type: 'varchar', length: 20 })
  level!: AgencyLevel;

  /** The whole validated definition, so a version can be recompiled exactly as published. */
  @Column({ name: 'definition', type: 'jsonb' })
  definition!: ProcedureDefinition;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
