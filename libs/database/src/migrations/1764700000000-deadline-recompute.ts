import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A calendar or office-hours change and the recomputation of the open deadlines it moves commit together: this row says
 * which dossiers (all, or one agency's) still wait, and how far the batches got, so a crash leaves work to resume, not
 * stale deadlines.
 */
export class DeadlineRecompute1764700000000 implements MigrationInterface {
  name = 'DeadlineRecompute1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_recompute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reason varchar(30) NOT NULL,
        agency_code varchar(50),
        calendar_date date,
        actor_id varchar(64) NOT NULL,
        actor_username varchar(100) NOT NULL,
        requested_at timestamptz NOT NULL,
        last_dossier_id uuid,
        recomputed_dossiers int NOT NULL DEFAULT 0,
        done_at timestamptz,
        superseded_by uuid,
        CONSTRAINT deadline_recompute_agency_fk FOREIGN KEY (agency_code) REFERENCES agency (code) ON DELETE RESTRICT
      )`);
    await q.query('CREATE INDEX deadline_recompute_unfinished_idx ON deadline_recompute (requested_at) WHERE done_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deadline_recompute');
  }
}
