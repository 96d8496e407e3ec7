import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An Idempotency-Key is unique per agency, not across the country: another desk's key is neither replayed nor revealed. */
export class IdempotencyKeyPerAgency1764650100000 implements MigrationInterface {
  name = 'IdempotencyKeyPerAgency1764650100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_idempotency_key');
    await q.query('CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (agency_code, idempotency_key) WHERE idempotency_key IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_idempotency_key');
    await q.query('CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (idempotency_key) WHERE idempotency_key IS NOT NULL');
  }
}
