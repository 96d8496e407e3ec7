import type { Pool, PoolClient } from 'pg';
import { toLocalDate } from '@app/calendar';
import { DossierWorkflow, SEED_PROCEDURES } from '@app/procedures';

/** The columns of a dossier row as the intake writes them (every one, as the ORM's INSERT names them). */
const DOSSIER_COLUMNS = [
  'code', 'procedure_code', 'procedure_version', 'agency_code', 'receiving_agency_code', 'step_agency_code', 'channel', 'applicant', 'documents', 'status', 'suspend_reason',
  'snapshot', 'step_id', 'step_started_at', 'step_due_at', 'step_paused_minutes', 'assignee_id', 'received_at', 'clock_started_at',
  'paused_minutes', 'paused_at', 'due_at', 'due_soon_at', 'due_soon_flagged_at', 'overdue_flagged_at', 'step_overdue_flagged_at',
  'extended_due_at', 'supplement_count', 'finished_at', 'returned_at', 'withdrawn_at', 'result_type', 'outcome',
  'last_transition_at', 'event_count', 'version', 'idempotency_key',
] as const;
const JSONB = new Set(['applicant', 'documents', 'snapshot']);

const INSERT_DOSSIER = `INSERT INTO dossier (${DOSSIER_COLUMNS.join(', ')})
  VALUES (${DOSSIER_COLUMNS.map((c, i) => `$${i + 1}${JSONB.has(c) ? '::jsonb' : ''}`).join(', ')}) RETURNING id`;
const INSERT_EVENT = `INSERT INTO dossier_event
  (dossier_id, seq, type, at, actor_id, actor_username, from_status, to_status, from_step, to_step, step_due_at, step_on_time, note, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)`;
const NEXT_CODE = `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
  ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
  RETURNING last_value`;
const UPDATE_FORWARD = `UPDATE dossier SET snapshot = $2::jsonb, status = $3, step_id = $4, step_started_at = $5, step_due_at = $6,
  step_paused_minutes = 0, assignee_id = NULL, last_transition_at = $5, due_soon_at = $7, due_soon_flagged_at = NULL,
  overdue_flagged_at = NULL, step_overdue_flagged_at = NULL, version = $8, event_count = $9, updated_at = now()
  WHERE id = $1`;

const RAW_ACTOR = 'bench-raw';

async function inTransaction(pool: Pool, fn: (c: PoolClient) => Promise<void>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await fn(c);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/**
 * The intake's database work with nothing around it: one transaction that takes the next code (the same locked
 * sequence row as the product), inserts the dossier row and its RECEIVE event, and commits.
 */
export class RawIntake {
  private constructor(private readonly template: Record<string, unknown>) {}

  /** The template is a dossier the API received, so the raw rows are the same size and shape. */
  static async fromDossier(pool: Pool, id: string): Promise<RawIntake> {
    const { rows } = await pool.query<Record<string, unknown>>('SELECT * FROM dossier WHERE id = $1', [id]);
    if (!rows[0]) throw new Error(`no dossier ${id}`);
    return new RawIntake(rows[0]);
  }

  async run(pool: Pool, applicant: object): Promise<void> {
    const t = this.template;
    const agencyCode = String(t.agency_code);
    const now = new Date();
    await inTransaction(pool, async (c) => {
      const day = toLocalDate(now);
      const [{ last_value }] = (await c.query<{ last_value: number }>(NEXT_CODE, [agencyCode, day])).rows;
      const code = `${agencyCode}-${day.slice(2).replaceAll('-', '')}-${String(last_value).padStart(4, '0')}`;
      const row: Record<string, unknown> = { ...t, code, applicant, received_at: now, last_transition_at: now, idempotency_key: null };
      const values = DOSSIER_COLUMNS.map((col) => (JSONB.has(col) ? JSON.stringify(row[col]) : row[col]));
      const [{ id }] = (await c.query<{ id: string }>(INSERT_DOSSIER, values)).rows;
      await c.query(INSERT_EVENT, [
        id, 1, 'RECEIVE', now, RAW_ACTOR, RAW_ACTOR, null, t.status, null, t.step_id, t.step_due_at, null, null,
        JSON.stringify({ channel: t.channel, dueAt: (t.due_at as Date).toISOString() }),
      ]);
      await c.query('INSERT INTO dossier_agency (dossier_id, agency_code) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING', [
        id,
        [t.agency_code, t.receiving_agency_code, t.step_agency_code].filter(Boolean),
      ]);
    });
  }
}

interface StepState {
  status: string;
  stepId: string | null;
  snapshot: string;
}

/**
 * One FORWARD's database work with nothing around it: lock the row (SELECT … FOR UPDATE), update it with the next
 * step's snapshot and deadlines, append the event, commit. The snapshots are the product machine's own, computed once.
 */
export class RawForward {
  /** The persisted snapshot after 0, 1, 2 … FORWARDs from intake. */
  readonly states: StepState[];

  constructor(procedureCode: string) {
    const definition = SEED_PROCEDURES.find((p) => p.code === procedureCode);
    if (!definition) throw new Error(`no seeded procedure ${procedureCode}`);
    const workflow = new DossierWorkflow({ ...definition, version: 1 });
    let snapshot = workflow.initial();
    this.states = [];
    for (let i = 0; i < definition.steps.length; i++) {
      this.states.push({ ...workflow.view(snapshot), snapshot: JSON.stringify(snapshot) });
      if (i < definition.steps.length - 1) snapshot = workflow.transition(snapshot, { type: 'FORWARD' });
    }
  }

  /** FORWARDs one dossier from the step after `done` FORWARDs to the next one. */
  async run(pool: Pool, id: string, done: number): Promise<void> {
    const next = this.states[done + 1];
    if (!next) throw new Error(`no step after ${done} FORWARDs`);
    await inTransaction(pool, async (c) => {
      const { rows } = await c.query<{ status: string; step_id: string | null; step_due_at: Date | null; version: number; event_count: number }>(
        'SELECT * FROM dossier WHERE id = $1 FOR UPDATE',
        [id],
      );
      const d = rows[0];
      if (!d) throw new Error(`no dossier ${id}`);
      const now = new Date();
      const stepDueAt = new Date(now.getTime() + 4 * 3_600_000);
      const dueSoonAt = new Date(now.getTime() + 24 * 3_600_000);
      await c.query(UPDATE_FORWARD, [id, next.snapshot, next.status, next.stepId, now, stepDueAt, dueSoonAt, d.version + 1, d.event_count + 1]);
      await c.query(INSERT_EVENT, [
        id, d.event_count + 1, 'FORWARD', now, RAW_ACTOR, RAW_ACTOR, d.status, next.status, d.step_id, next.stepId, stepDueAt,
        d.step_due_at ? now.getTime() <= d.step_due_at.getTime() : null, null, '{}',
      ]);
    });
  }
}
