import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An optional TOTP second factor per account: its secret (pending until confirmed), when it was enabled, the last step used. */
export class TwoFactor1764700200000 implements MigrationInterface {
  name = 'TwoFactor1764700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN totp_secret text, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN totp_last_step integer');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step');
  }
}
