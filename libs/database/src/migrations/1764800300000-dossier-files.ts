import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossier files (issue 16): one row per attached file, its bytes in the file storage under their SHA-256. Rows are
 * immutable: a replacement is a new row that `supersedes` the old one; `event_seq` is the FILE_ATTACHED event that recorded it.
 */
export class DossierFiles1764800300000 implements MigrationInterface {
  name = 'DossierFiles1764800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dossier_file (
      id uuid NOT NULL,
      dossier_id uuid NOT NULL,
      kind varchar(20) NOT NULL,
      document_code varchar(50),
      file_name varchar(255) NOT NULL,
      content_type varchar(100) NOT NULL,
      size bigint NOT NULL,
      sha256 char(64) NOT NULL,
      uploaded_at timestamptz NOT NULL,
      uploaded_by_id varchar(64) NOT NULL,
      uploaded_by_username varchar(100) NOT NULL,
      supersedes uuid,
      event_seq int NOT NULL,
      CONSTRAINT dossier_file_pk PRIMARY KEY (id),
      CONSTRAINT dossier_file_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
      CONSTRAINT dossier_file_supersedes_fk FOREIGN KEY (supersedes) REFERENCES dossier_file (id)
    )`);
    await q.query('CREATE INDEX dossier_file_dossier_idx ON dossier_file (dossier_id, uploaded_at)');
    // The orphan sweep and the checker look rows up by their object.
    await q.query('CREATE INDEX dossier_file_sha256_idx ON dossier_file (sha256)');
    // Files are immutable evidence, like the event log that recorded them: a replacement is a new row.
    await q.query(`
      CREATE FUNCTION dossier_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'dossier_file is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER dossier_file_no_change BEFORE UPDATE OR DELETE ON dossier_file
      FOR EACH ROW EXECUTE FUNCTION dossier_file_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dossier_file');
    await q.query('DROP FUNCTION dossier_file_immutable');
  }
}
