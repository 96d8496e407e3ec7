import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued forms kept with the dossier (issue 17): the PDF a form gave the applicant at its event (receipt at intake, Mẫu 02 at
 * REQUEST_SUPPLEMENT, 04 at EXTEND, 05 at WITHDRAW) is a dossier file of kind `form`, once per event.
 */
export class IssuedForms1764800700000 implements MigrationInterface {
  name = 'IssuedForms1764800700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dossier_file ADD COLUMN form varchar(30), ADD COLUMN issued_for_seq int');
    // One filed form per event however many workers file it.
    await q.query('CREATE UNIQUE INDEX dossier_file_issued_idx ON dossier_file (dossier_id, issued_for_seq) WHERE issued_for_seq IS NOT NULL');
    // The sweep looks for recent issuing events without their form; the partial index keeps that off the whole log.
    await q.query(`CREATE INDEX dossier_event_issuing_idx ON dossier_event (at) WHERE type IN ('RECEIVE', 'REQUEST_SUPPLEMENT', 'EXTEND', 'WITHDRAW')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_event_issuing_idx');
    await q.query('DROP INDEX dossier_file_issued_idx');
    await q.query('ALTER TABLE dossier_file DROP COLUMN issued_for_seq, DROP COLUMN form');
  }
}
