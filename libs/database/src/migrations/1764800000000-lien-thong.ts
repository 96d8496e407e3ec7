import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Liên thông: an agency's desk receives for others (receives_for); a dossier records its receiving desk and the agency
 * holding its current step; handover events name both agencies; dossier_agency lists every agency that may see a dossier.
 * Existing dossiers were received and worked by their own agency.
 */
export class LienThong1764800000000 implements MigrationInterface {
  name = 'LienThong1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency ADD COLUMN receives_for varchar(10) NOT NULL DEFAULT 'self'`);
    await q.query('ALTER TABLE dossier ADD COLUMN receiving_agency_code varchar(50), ADD COLUMN step_agency_code varchar(50)');
    await q.query('UPDATE dossier SET receiving_agency_code = agency_code, step_agency_code = CASE WHEN step_id IS NULL THEN NULL ELSE agency_code END');
    await q.query('ALTER TABLE dossier ALTER COLUMN receiving_agency_code SET NOT NULL');
    await q.query(
      'ALTER TABLE dossier ADD CONSTRAINT dossier_receiving_agency_fk FOREIGN KEY (receiving_agency_code) REFERENCES agency(code) ON DELETE RESTRICT',
    );
    await q.query('ALTER TABLE dossier ADD CONSTRAINT dossier_step_agency_fk FOREIGN KEY (step_agency_code) REFERENCES agency(code) ON DELETE RESTRICT');
    // The work queue of an agency: the dossiers whose current step it holds.
    await q.query('CREATE INDEX dossier_step_agency_idx ON dossier (step_agency_code, step_due_at) WHERE step_agency_code IS NOT NULL');
    // A key is the receiving desk's own (the desk sends it), whatever agency resolves the dossier.
    await q.query('DROP INDEX dossier_idempotency_key');
    await q.query('CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (receiving_agency_code, idempotency_key) WHERE idempotency_key IS NOT NULL');
    await q.query('ALTER TABLE dossier_event ADD COLUMN from_agency varchar(50), ADD COLUMN to_agency varchar(50)');
    await q.query(`
      CREATE TABLE dossier_agency (
        dossier_id uuid NOT NULL,
        agency_code varchar(50) NOT NULL,
        CONSTRAINT dossier_agency_pk PRIMARY KEY (dossier_id, agency_code),
        CONSTRAINT dossier_agency_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier(id) ON DELETE CASCADE,
        CONSTRAINT dossier_agency_agency_fk FOREIGN KEY (agency_code) REFERENCES agency(code) ON DELETE RESTRICT
      )`);
    await q.query('CREATE INDEX dossier_agency_agency_idx ON dossier_agency (agency_code, dossier_id)');
    await q.query('INSERT INTO dossier_agency (dossier_id, agency_code) SELECT id, agency_code FROM dossier');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dossier_agency');
    await q.query('ALTER TABLE dossier_event DROP COLUMN to_agency, DROP COLUMN from_agency');
    await q.query('DROP INDEX dossier_idempotency_key');
    await q.query('CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (agency_code, idempotency_key) WHERE idempotency_key IS NOT NULL');
    await q.query('DROP INDEX dossier_step_agency_idx');
    await q.query('ALTER TABLE dossier DROP COLUMN step_agency_code, DROP COLUMN receiving_agency_code');
    await q.query('ALTER TABLE agency DROP COLUMN receives_for');
  }
}
