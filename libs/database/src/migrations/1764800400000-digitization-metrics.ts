import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The 766 digitization metrics read the dossiers finished in a period (the received ones have dossier_received_idx). */
export class DigitizationMetrics1764800400000 implements MigrationInterface {
  name = 'DigitizationMetrics1764800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX dossier_finished_idx ON dossier (finished_at) WHERE finished_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_finished_idx');
  }
}
