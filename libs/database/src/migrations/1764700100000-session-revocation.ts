import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens that end at once: a version per account (a token of an older version is refused; bumped by a password change,
 * deactivation, a role or agency change, "log out everywhere") and the sessions ended by logout, kept until they would have expired.
 */
export class SessionRevocation1764700100000 implements MigrationInterface {
  name = 'SessionRevocation1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0');
    await q.query(`
      CREATE TABLE ended_session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT ended_session_user_fk FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX ended_session_expires_at ON ended_session (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ended_session');
    await q.query('ALTER TABLE app_user DROP COLUMN token_version');
  }
}
