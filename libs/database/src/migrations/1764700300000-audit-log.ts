import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log of administrative actions (who, when, what before and after, from which address). Like the event log it
 * is evidence: a trigger refuses UPDATE, DELETE and TRUNCATE, so an operator who must remove rows disables it explicitly.
 */
export class AuditLog1764700300000 implements MigrationInterface {
  name = 'AuditLog1764700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id varchar(64),
        actor_username varchar(100),
        action varchar(40) NOT NULL,
        target_type varchar(30) NOT NULL,
        target_id varchar(100),
        before jsonb,
        after jsonb,
        ip inet,
        user_agent text
      )`);
    await q.query('CREATE INDEX audit_log_at_idx ON audit_log (at, id)');
    await q.query('CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at)');
    await q.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)');
    await q.query(`
      CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query('CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable()');
    await q.query('CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable()');
    await q.query('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_immutable');
  }
}
