import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DossierForm, FileKind } from '@app/common';
import { Dossier } from './dossier.entity';

/** bigint comes back from the driver as a string; sizes stay far below 2^53. */
const bigintNumber = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/**
 * One file of a dossier (a scanned component or the result), its bytes in the file storage under `sha256`. Immutable:
 * a replacement is a new row that `supersedes` this one. Written with its FILE_ATTACHED event (`eventSeq`) in one transaction.
 */
@Entity({ name: 'dossier_file' })
@Index('dossier_file_dossier_idx', ['dossierId', 'uploadedAt'])
@Index('dossier_file_sha256_idx', ['sha256'])
@Index('dossier_file_issued_idx', ['dossierId', 'issuedForSeq'], { unique: true, where: 'issued_for_seq IS NOT NULL' })
export class DossierFile {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'dossier_file_pk' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier)
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'dossier_file_dossier_fk' })
  dossier?: Dossier;

  @Column({ type: 'varchar', length: 20 })
  kind!: FileKind;

  /** The required document (procedure's requiredDocuments code) a component is a scan of; null for a result or an extra paper. */
  @Column({ name: 'document_code', type: 'varchar', length: 50, nullable: true })
  documentCode!: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  /** Detected from the bytes, never from the name or the client's header. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 64 })
  uploadedById!: string;

  @Column({ name: 'uploaded_by_username', type: 'varchar', length: 100 })
  uploadedByUsername!: string;

  /** The file of the same dossier this one replaces (files are immutable evidence: the old one stays). */
  @Column({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @ManyToOne(() => DossierFile)
  @JoinColumn({ name: 'supersedes', foreignKeyConstraintName: 'dossier_file_supersedes_fk' })
  superseded?: DossierFile;

  /** For an issued form (kind `form`): which form, and the event that issued it. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  form!: DossierForm | null;

  @Column({ name: 'issued_for_seq', type: 'int', nullable: true })
  issuedForSeq!: number | null;

  /** The FILE_ATTACHED event that recorded it. */
  @Column({ name: 'event_seq', type: 'int' })
  eventSeq!: number;
}
