import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1763820000000 implements MigrationInterface {
  name = 'Users1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(100) NOT NULL,
        full_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        agency_code varchar(50),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_agency_fk FOREIGN KEY (agency_code) REFERENCES agency(code) ON DELETE RESTRICT
      )`);
    await q.query('CREATE UNIQUE INDEX app_user_username_key ON app_user (username)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE app_user');
  }
}
