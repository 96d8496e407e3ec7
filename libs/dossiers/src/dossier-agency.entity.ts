import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import { Dossier } from './dossier.entity';

/**
 * The agencies a dossier concerns (resolving, receiving, every agency that holds or held a step): who may see it, with
 * the supervisors above them. Written by the transition path in the transaction that involves the agency.
 */
@Entity({ name: 'dossier_agency' })
@Index('dossier_agency_agency_idx', ['agencyCode', 'dossierId'])
export class DossierAgency {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid', primaryKeyConstraintName: 'dossier_agency_pk' })
  dossierId!: string;

  @PrimaryColumn({ name: 'agency_code', type: 'varchar', length: 50, primaryKeyConstraintName: 'dossier_agency_pk' })
  agencyCode!: string;

  @ManyToOne(() => Dossier, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'dossier_agency_dossier_fk' })
  dossier?: Dossier;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_code', foreignKeyConstraintName: 'dossier_agency_agency_fk' })
  agency?: Agency;
}
