import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An event sent with an Idempotency-Key is logged with it, once per dossier, and with a digest of what was asked to tell a retry from a reuse. */
export class EventIdempotencyKey1764700400000 implements MigrationInterface {
  name = 'EventIdempotencyKey1764700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dossier_event ADD COLUMN idempotency_key varchar(200), ADD COLUMN request_digest varchar(64)');
    await q.query('CREATE UNIQUE INDEX dossier_event_idempotency_key ON dossier_event (dossier_id, idempotency_key) WHERE idempotency_key IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_event_idempotency_key');
    await q.query('ALTER TABLE dossier_event DROP COLUMN request_digest, DROP COLUMN idempotency_key');
  }
}
