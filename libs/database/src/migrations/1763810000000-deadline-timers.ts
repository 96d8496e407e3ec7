import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineTimers1763810000000 implements MigrationInterface {
  name = 'DeadlineTimers1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier
      ADD COLUMN due_soon_at timestamptz,
      ADD COLUMN due_soon_flagged_at timestamptz,
      ADD COLUMN overdue_flagged_at timestamptz,
      ADD COLUMN step_overdue_flagged_at timestamptz`);
    // The reconciliation's scans: running dossiers whose deadline has no flag yet.
    await q.query(`CREATE INDEX dossier_unflagged_due_idx ON dossier (due_at) WHERE status = 'processing' AND overdue_flagged_at IS NULL`);
    await q.query(`CREATE INDEX dossier_unflagged_due_soon_idx ON dossier (due_soon_at) WHERE status = 'processing' AND due_soon_flagged_at IS NULL`);
    await q.query(`CREATE INDEX dossier_unflagged_step_due_idx ON dossier (step_due_at) WHERE status = 'processing' AND step_overdue_flagged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_unflagged_step_due_idx');
    await q.query('DROP INDEX dossier_unflagged_due_soon_idx');
    await q.query('DROP INDEX dossier_unflagged_due_idx');
    await q.query(`ALTER TABLE dossier DROP COLUMN due_soon_at, DROP COLUMN due_soon_flagged_at, DROP COLUMN overdue_flagged_at, DROP COLUMN step_overdue_flagged_at`);
  }
}
