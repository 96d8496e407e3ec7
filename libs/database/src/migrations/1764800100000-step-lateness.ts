import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The lateness report reads the events that finished a step (they record step_on_time) by time, over a period. */
export class StepLateness1764800100000 implements MigrationInterface {
  name = 'StepLateness1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX dossier_event_step_end_idx ON dossier_event (at) WHERE step_on_time IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dossier_event_step_end_idx');
  }
}
