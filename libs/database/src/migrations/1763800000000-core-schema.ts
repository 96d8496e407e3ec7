import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreSchema1763800000000 implements MigrationInterface {
  name = 'CoreSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency (
        code varchar(50) PRIMARY KEY,
        name text NOT NULL,
        level varchar(20) NOT NULL,
        parent_code varchar(50),
        office_hours jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_parent_fk FOREIGN KEY (parent_code) REFERENCES agency(code) ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TABLE calendar_day (
        date date PRIMARY KEY,
        working boolean NOT NULL,
        note text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE procedure_version (
        code varchar(50) NOT NULL,
        version int NOT NULL,
        name text NOT NULL,
        field text NOT NULL,
        level varchar(20) NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE dossier_code_sequence (
        agency_code varchar(50) NOT NULL,
        day date NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (agency_code, day)
      )`);
    await q.query(`
      CREATE TABLE dossier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(80) NOT NULL,
        procedure_code varchar(50) NOT NULL,
        procedure_version int NOT NULL,
        agency_code varchar(50) NOT NULL,
        channel varchar(10) NOT NULL,
        applicant jsonb NOT NULL,
        documents jsonb NOT NULL,
        status varchar(30) NOT NULL,
        suspend_reason varchar(30),
        snapshot jsonb NOT NULL,
        step_id varchar(40),
        step_started_at timestamptz,
        step_due_at timestamptz,
        step_paused_minutes int NOT NULL DEFAULT 0,
        assignee_id varchar(64),
        received_at timestamptz NOT NULL,
        clock_started_at timestamptz NOT NULL,
        paused_minutes int NOT NULL DEFAULT 0,
        paused_at timestamptz,
        due_at timestamptz NOT NULL,
        extended_due_at timestamptz,
        supplement_count int NOT NULL DEFAULT 0,
        finished_at timestamptz,
        returned_at timestamptz,
        withdrawn_at timestamptz,
        result_type varchar(10),
        outcome varchar(10),
        last_transition_at timestamptz NOT NULL,
        event_count int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        idempotency_key varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dossier_agency_fk FOREIGN KEY (agency_code) REFERENCES agency(code) ON DELETE RESTRICT,
        CONSTRAINT dossier_procedure_version_fk FOREIGN KEY (procedure_code, procedure_version)
          REFERENCES procedure_version(code, version) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX dossier_code_key ON dossier (code)`);
    await q.query(`CREATE UNIQUE INDEX dossier_idempotency_key ON dossier (idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX dossier_agency_received_idx ON dossier (agency_code, received_at, id)`);
    await q.query(`CREATE INDEX dossier_received_idx ON dossier (received_at, id)`);
    await q.query(`CREATE INDEX dossier_open_due_idx ON dossier (due_at) WHERE status IN ('processing', 'awaiting_supplement', 'suspended')`);
    await q.query(`
      CREATE TABLE dossier_event (
        dossier_id uuid NOT NULL,
        seq int NOT NULL,
        type varchar(30) NOT NULL,
        at timestamptz NOT NULL,
        actor_id varchar(64) NOT NULL,
        actor_username varchar(100) NOT NULL,
        from_status varchar(30),
        to_status varchar(30) NOT NULL,
        from_step varchar(40),
        to_step varchar(40),
        step_due_at timestamptz,
        step_on_time boolean,
        note text,
        data jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dossier_id, seq),
        CONSTRAINT dossier_event_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier(id) ON DELETE CASCADE
      )`);
    // The event log is evidence: rows are appended, never changed.
    await q.query(`
      CREATE FUNCTION dossier_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'dossier_event is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event
      FOR EACH ROW EXECUTE FUNCTION dossier_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dossier_event');
    await q.query('DROP FUNCTION dossier_event_immutable');
    await q.query('DROP TABLE dossier');
    await q.query('DROP TABLE dossier_code_sequence');
    await q.query('DROP TABLE procedure_version');
    await q.query('DROP TABLE calendar_day');
    await q.query('DROP TABLE agency');
  }
}
