import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last dossier number used by an agency on a local date; incremented inside the intake transaction, so a failed intake leaves no gap. */
@Entity({ name: 'dossier_code_sequence' })
export class DossierCodeSequence {
  @PrimaryColumn({ name: 'agency_code', type: 'varchar', length: 50 })
  agencyCode!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'last_value', type: 'int' })
  lastValue!: number;
}
