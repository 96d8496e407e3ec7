import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log is evidence: besides UPDATE, DELETE and TRUNCATE are refused too, so a dossier with history cannot be
 * deleted either (its events would go with it by cascade). An operator who must remove rows disables the trigger
 * explicitly, which leaves a trace in the server's log.
 */
export class EventLogNoDelete1764650000000 implements MigrationInterface {
  name = 'EventLogNoDelete1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER dossier_event_no_delete BEFORE DELETE ON dossier_event
      FOR EACH ROW EXECUTE FUNCTION dossier_event_immutable()`);
    await q.query(`
      CREATE TRIGGER dossier_event_no_truncate BEFORE TRUNCATE ON dossier_event
      FOR EACH STATEMENT EXECUTE FUNCTION dossier_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER dossier_event_no_truncate ON dossier_event');
    await q.query('DROP TRIGGER dossier_event_no_delete ON dossier_event');
  }
}
