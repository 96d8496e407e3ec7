import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervisor's live counters (GET /api/v1/reports/live) count the live dossiers per agency: open ones and results
 * waiting at the desk. Only those rows, with every column the counters filter on, so each agency is one short range.
 * Every column here is already indexed or never changes, so no update that was HOT stops being so.
 */
export class LiveCounts1763840000000 implements MigrationInterface {
  name = 'LiveCounts1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX dossier_live_idx ON dossier (agency_code, status, due_at, due_soon_at, paused_at)
      WHERE status IN ('processing', 'awaiting_supplement', 'suspended', 'result_ready')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_live_idx');
  }
}
