import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each dossier's lookup key (api.md "Payments and ratings"): unguessable, printed on the receipt and in its QR code, so the
 * applicant's lookup link opens their dossier and nobody else's. Existing dossiers get one too (the update touches no
 * column a report trigger watches).
 */
export class LookupKey1764800500000 implements MigrationInterface {
  name = 'LookupKey1764800500000';

  async up(q: QueryRunner): Promise<void> {
    // gen_random_uuid() draws from the server's strong random source: 122 random bits.
    await q.query("ALTER TABLE dossier ADD COLUMN lookup_key varchar(32) NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dossier DROP COLUMN lookup_key');
  }
}
