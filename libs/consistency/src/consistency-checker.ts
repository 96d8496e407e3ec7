import { createHash } from 'node:crypto';
import { createPostgresBackend, createRedisBackend, type JobType, type Queue, withBackend } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AgencyCalendarService } from '@app/agencies';
import { formatLocal, toLocalDate, type WorkingCalendar } from '@app/calendar';
import { canonicalJson, DEADLINE_KINDS, DOSSIER_EVENT_TYPES, type DeadlineKind, type DossierEventType, OPEN_STATUSES, RECORD_EVENT_TYPES, type RecordEventType } from '@app/common';
import { type AppConfig, loadConfig } from '@app/config';
import { dataSourceOptions, entityFromRow } from '@app/database';
import { DEADLINE_QUEUE, DEADLINE_TABLE, deadlineJobId, kindOfFlagEvent, parseDeadlineJobId, pendingTimers } from '@app/deadlines';
import { DOSSIER_EVENTS, RECORD_EVENTS, deadlinesOf, Dossier, DossierEvent, ENTITIES, handoverOf, isOpen, type ReplayedRow, stepAgencyAt, timerColumns } from '@app/dossiers';
import type { FileStorage } from '@app/files';
import { type CompiledProcedure, type PersistedDossierSnapshot, ProceduresService } from '@app/procedures';

export type ConsistencyProblemKind =
  /** The log itself: numbering, chaining, an event the machine refuses or records differently. */
  | 'event_log'
  /** A column of the row differs from what replaying its event log gives. */
  | 'row_vs_log'
  /** An open dossier's deadline differs from what the working calendar computes now. */
  | 'deadline_vs_calendar'
  | 'code_gap'
  | 'code_duplicate'
  /** A code that does not name the dossier's agency and day of receipt. */
  | 'code_mismatch'
  /** dossier_code_sequence disagrees with the codes issued: a later intake would issue one again. */
  | 'code_sequence'
  | 'timer_missing'
  | 'timer_stale'
  | 'deadline_unflagged'
  /** A recomputation of deadlines a calendar or office-hours change requested is not finished (a crash, or still running). */
  | 'recompute_unfinished'
  /** dossier_agency (who sees the dossier) disagrees with the agencies the log says are part of it (liên thông). */
  | 'dossier_agency'
  /** A dossier file whose bytes are not in the file storage (architecture.md "Files"). */
  | 'file_missing'
  /** A dossier file whose stored bytes have another size, or (with verifyBytes) another SHA-256, than its row says. */
  | 'file_damaged';

export interface ConsistencyProblem {
  kind: ConsistencyProblemKind;
  dossierId?: string;
  /** The deadline_recompute row (recompute_unfinished). */
  recomputeId?: string;
  code?: string;
  /** The column, event or deadline concerned. */
  field?: string;
  message: string;
}

export interface ConsistencyReport {
  checked: number;
  problems: ConsistencyProblem[];
  /** The check stopped at maxProblems. */
  truncated: boolean;
}

export type ConsistencyTimerSettings = Pick<AppConfig['timers'], 'dueSoonWorkingDays' | 'horizonMs' | 'reconcileIntervalMs'>;
export type DeadlineQueueReader = Pick<Queue, 'getJobState' | 'getRanges'>;

interface PassOptions {
  now: () => Date;
  batchSize: number;
  maxProblems: number;
  /** Only these agencies' dossiers, codes and jobs (null: all). */
  agencies: string[] | null;
  /** Only dossiers whose clock runs or waits (OPEN_STATUSES): the quick check; finished ones cannot drift any more. */
  openOnly: boolean;
}

export interface CheckScope {
  agencies?: string[] | null;
  openOnly?: boolean;
}
/** A second look covers only what the first one found. */
interface Scope {
  ids: string[];
  codes: boolean;
  recomputes: boolean;
}
interface ExpectedJob {
  dossier: Dossier;
  kind: DeadlineKind;
  at: Date;
}

const ARMED_STATES: JobType[] = ['active', 'delayed', 'prioritized', 'waiting'];
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
// The sequence pads to four digits and never pads a longer number.
const CODE_NUMBER = /^(?!0000$)(\d{4}|[1-9]\d{4,})$/;
const GAPS_LISTED = 20;

/**
 * Compares, on a live database, what the product keeps twice: each dossier's row against the replay of its event log
 * through its pinned machine; open deadlines against the working calendar (with the transition service's own
 * functions); codes against their sequences; armed queue jobs against the deadlines. Reads in short read-only
 * REPEATABLE READ transactions (one per batch), and reports only what a second look confirms, since live traffic can fall
 * between two reads (a commit and its job, a calendar change and its recomputation).
 */
class ConsistencyChecker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: ConsistencyTimerSettings,
    /** null: no job checks (passed deadlines are still checked against their flags). */
    private readonly queue: DeadlineQueueReader | null,
    /** null: no file checks. */
    private readonly storage: FileStorage | null = null,
    /** Also read every file's bytes and compare their SHA-256 (slow: all the stored bytes are read). */
    private readonly verifyBytes = false,
  ) {}

  async check(opts: { now?: Date; batchSize?: number; maxProblems?: number } & CheckScope = {}): Promise<ConsistencyReport> {
    const pass: PassOptions = {
      now: () => opts.now ?? new Date(),
      batchSize: opts.batchSize ?? 500,
      maxProblems: opts.maxProblems ?? 1000,
      agencies: opts.agencies?.length ? opts.agencies : null,
      openOnly: opts.openOnly ?? false,
    };
    const first = await this.pass(pass, null);
    if (first.problems.length === 0) return first;
    const suspects = {
      ids: [...new Set(first.problems.flatMap((p) => (p.dossierId ? [p.dossierId] : [])))],
      codes: first.problems.some((p) => p.kind.startsWith('code_')),
      recomputes: first.problems.some((p) => p.kind === 'recompute_unfinished'),
    };
    const again = await this.pass(pass, suspects);
    const found = new Set(first.problems.map(problemKey));
    return { checked: first.checked, problems: again.problems.filter((p) => found.has(problemKey(p))), truncated: first.truncated };
  }

  private async checkFile(f: { id: string; sha256: string; size: string }): Promise<Pick<ConsistencyProblem, 'kind' | 'message'> | null> {
    const storage = this.storage!;
    const stat = await storage.stat(f.sha256);
    if (!stat) return { kind: 'file_missing', message: `file ${f.id}: the storage holds no object under ${f.sha256}` };
    if (stat.size !== Number(f.size)) return { kind: 'file_damaged', message: `file ${f.id}: the storage holds ${stat.size} bytes under ${f.sha256}, the row says ${f.size}` };
    if (!this.verifyBytes) return null;
    const body = await storage.get(f.sha256);
    if (!body) return { kind: 'file_missing', message: `file ${f.id}: the storage holds no object under ${f.sha256}` };
    const hash = createHash('sha256');
    for await (const chunk of body) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    return actual === f.sha256 ? null : { kind: 'file_damaged', message: `file ${f.id}: the bytes stored under ${f.sha256} hash to ${actual}` };
  }

  private async pass(opts: PassOptions, scope: Scope | null): Promise<ConsistencyReport> {
    // Fresh caches per pass: a calendar changed since the last one must be read again.
    const procedures = new ProceduresService(this.dataSource);
    const calendars = new AgencyCalendarService(this.dataSource);
    const problems: ConsistencyProblem[] = [];
    const full = () => problems.length >= opts.maxProblems;
    // First: an unfinished recomputation explains the stale deadlines reported after it.
    if (!scope || scope.recomputes) problems.push(...(await this.readOnly((m) => checkRecomputes(m, opts.agencies))));
    let checked = 0;
    let after = FIRST_ID;
    while (!full()) {
      const now = opts.now();
      const { count, last, expected, files } = await this.readOnly(async (m) => {
        const rows: Record<string, unknown>[] = await m.query(
          `SELECT * FROM dossier WHERE id > $1 AND ($3::uuid[] IS NULL OR id = ANY($3))
             AND ($4::text[] IS NULL OR agency_code = ANY($4)) AND ($5::text[] IS NULL OR status = ANY($5))
           ORDER BY id LIMIT $2`,
          [after, opts.batchSize, scope?.ids ?? null, opts.agencies, opts.openOnly ? OPEN_STATUSES : null],
        );
        const dossiers = rows.map((row) => entityFromRow(m, Dossier, row));
        const events = await eventsOf(m, dossiers.map((d) => d.id));
        const agencies = await agenciesOf(m, dossiers.map((d) => d.id));
        const jobs: ExpectedJob[] = [];
        for (const d of dossiers) {
          const procedure = await procedures.compile(d.procedureCode, d.procedureVersion, m);
          const calendar = isOpen(d.status) ? await calendars.forAgency(d.agencyCode, m) : null;
          // The step's deadline is on the calendar of the agency holding it.
          const stepCalendar = calendar && d.stepAgencyCode && d.stepAgencyCode !== d.agencyCode ? await calendars.forAgency(d.stepAgencyCode, m) : calendar;
          const clocks = calendar && stepCalendar ? { calendar, stepCalendar } : null;
          problems.push(...checkDossier(d, events.get(d.id) ?? [], agencies.get(d.id) ?? new Set(), procedure, clocks, this.settings.dueSoonWorkingDays));
          const timers = checkTimers(d, now, this.settings);
          problems.push(...timers.problems);
          if (this.queue) jobs.push(...timers.expected);
        }
        const files: { id: string; dossierId: string; code: string; sha256: string; size: string }[] = this.storage
          ? await m.query(
              'SELECT f.id, f.dossier_id AS "dossierId", d.code, f.sha256, f.size FROM dossier_file f JOIN dossier d ON d.id = f.dossier_id WHERE f.dossier_id = ANY($1::uuid[]) ORDER BY f.id',
              [dossiers.map((d) => d.id)],
            )
          : [];
        return { count: dossiers.length, last: dossiers[dossiers.length - 1]?.id, expected: jobs, files };
      });
      // Rows never point to missing bytes: the bytes are stored before the row is written (architecture.md "Files").
      for (const f of files) {
        const problem = await this.checkFile(f);
        if (problem) problems.push({ ...problem, dossierId: f.dossierId, code: f.code, field: `file ${f.id}` });
      }
      for (const job of expected) {
        const id = deadlineJobId({ dossierId: job.dossier.id, kind: job.kind, at: job.at.getTime() });
        const state = await this.queue!.getJobState(id);
        if (!(ARMED_STATES as string[]).includes(state)) {
          const what = state === 'unknown' ? 'absent' : state;
          problems.push(problem('timer_missing', job.dossier, job.kind, `${job.kind} deadline ${iso(job.at)} is inside the timer horizon but its job ${id} is ${what}`));
        }
      }
      checked += count;
      if (count < opts.batchSize || !last) break;
      after = last;
    }
    if (this.queue && !full()) problems.push(...(await this.staleJobs(scope, opts.agencies)));
    // Codes are issued to every dossier, finished or not: the quick check of open dossiers leaves them to the full one.
    if ((!scope || scope.codes) && !opts.openOnly && !full()) problems.push(...(await this.readOnly((m) => checkCodes(m, opts.agencies))));
    return { checked, problems: problems.slice(0, opts.maxProblems), truncated: full() };
  }

  /** Armed jobs whose deadline no longer holds: a closed or paused dossier, a moved deadline, a dossier that is gone. */
  private async staleJobs(scope: Scope | null, agencies: string[] | null): Promise<ConsistencyProblem[]> {
    const ids = (await this.queue!.getRanges(ARMED_STATES, 0, -1)).map(String);
    const jobs = ids.flatMap((id) => {
      const job = parseDeadlineJobId(id);
      return job && (!scope || scope.ids.includes(job.dossierId)) ? [{ id, ...job }] : [];
    });
    const problems: ConsistencyProblem[] = [];
    const inScope = agencies ? new Set(agencies) : null;
    const dossierIds = [...new Set(jobs.map((j) => j.dossierId))];
    for (let i = 0; i < dossierIds.length; i += 500) {
      const chunk = dossierIds.slice(i, i + 500);
      const dossiers = await this.readOnly(async (m) => {
        const rows: Record<string, unknown>[] = await m.query('SELECT * FROM dossier WHERE id = ANY($1::uuid[])', [chunk]);
        return new Map(rows.map((row) => [row.id as string, entityFromRow(m, Dossier, row)]));
      });
      const inChunk = new Set(chunk);
      for (const job of jobs.filter((j) => inChunk.has(j.dossierId))) {
        const d = dossiers.get(job.dossierId);
        const armedFor = `job ${job.id} is armed for ${job.kind} at ${iso(new Date(job.at))}`;
        // Narrowed to agencies: a job whose dossier is gone names no agency, so only the full check reports it.
        if (inScope && (!d || !inScope.has(d.agencyCode))) continue;
        if (!d) {
          problems.push({ kind: 'timer_stale', dossierId: job.dossierId, field: job.kind, message: `${armedFor} but the dossier does not exist` });
          continue;
        }
        // A flagged deadline's job may still wait its turn: it holds the same deadline and will find the flag set.
        const deadline = d.status === 'processing' ? d[DEADLINE_TABLE[job.kind].field] : null;
        if (deadline?.getTime() === job.at) continue;
        const why = d.status === 'processing' ? `its ${job.kind} deadline is ${iso(deadline)}` : `the dossier is ${d.status} (no clock runs)`;
        problems.push(problem('timer_stale', d, job.kind, `${armedFor} but ${why}`));
      }
    }
    return problems;
  }

  private readOnly<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return work(m);
    });
  }
}

export interface CheckConsistencyOptions extends CheckScope {
  databaseUrl: string;
  /** The deadline queue on Redis; without it, on BullMQ's PostgreSQL backend in the same database (the product's own rule). */
  redisUrl?: string | null;
  queuePrefix?: string;
  /** false: no job checks. */
  queue?: boolean;
  /** Defaults: the product's (DUE_SOON_WORKING_DAYS, TIMER_HORIZON_MINUTES, RECONCILE_INTERVAL_SECONDS). */
  timers?: Partial<ConsistencyTimerSettings>;
  now?: Date;
  batchSize?: number;
  maxProblems?: number;
  /** The file storage (FILE_STORAGE) to check dossier files against; without it, files are not checked. */
  storage?: FileStorage | null;
  /** Read every file's bytes and compare their SHA-256 with the row (otherwise presence and size only). */
  verifyBytes?: boolean;
}

/** The whole check with its own connections, closed afterwards: for the command-line script and tests. */
export async function checkConsistency(opts: CheckConsistencyOptions): Promise<ConsistencyReport> {
  const defaults = loadConfig({}).timers;
  const settings = { ...defaults, ...opts.timers };
  const dataSource = new DataSource({ ...dataSourceOptions(opts.databaseUrl, 2), entities: ENTITIES });
  await dataSource.initialize();
  const queue = opts.queue === false ? null : openDeadlineQueue(opts.databaseUrl, opts.redisUrl ?? null, opts.queuePrefix ?? defaults.queuePrefix);
  try {
    const agencies = opts.agencies?.length ? await subtreesOf(dataSource, opts.agencies) : null;
    return await new ConsistencyChecker(dataSource, settings, queue, opts.storage ?? null, opts.verifyBytes ?? false).check({ ...opts, agencies });
  } finally {
    await queue?.close();
    await dataSource.destroy();
  }
}

/** The agencies named and every agency under them (a province's operator checks the province); an unknown code is an error. */
async function subtreesOf(dataSource: DataSource, codes: string[]): Promise<string[]> {
  const known: { code: string }[] = await dataSource.query('SELECT code FROM agency WHERE code = ANY($1)', [codes]);
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw new Error(`no agency with code ${unknown.join(', ')}`);
  const rows: { code: string }[] = await dataSource.query(
    `WITH RECURSIVE tree AS (SELECT code FROM agency WHERE code = ANY($1) UNION SELECT a.code FROM agency a JOIN tree t ON a.parent_code = t.code)
     SELECT code FROM tree ORDER BY code`,
    [codes],
  );
  return rows.map((r) => r.code);
}

/** One line per problem, naming the dossier by code and id. */
export function formatProblem(p: ConsistencyProblem): string {
  const subject = p.dossierId ? `dossier ${p.code ?? '(none)'} (${p.dossierId})` : p.recomputeId ? `recompute ${p.recomputeId}` : `code ${p.code}`;
  return `${p.kind}: ${subject}: ${p.message}`;
}

function openDeadlineQueue(databaseUrl: string, redisUrl: string | null, prefix: string) {
  // Bound to a backend explicitly: the process-wide default may have been switched (prepareQueueBackend).
  if (redisUrl) return new (withBackend(createRedisBackend).Queue)(DEADLINE_QUEUE, { connection: { url: redisUrl } as never, prefix });
  return new (withBackend(createPostgresBackend).Queue)(DEADLINE_QUEUE, { connection: { connectionString: databaseUrl, max: 2 }, prefix });
}

async function eventsOf(m: EntityManager, ids: string[]): Promise<Map<string, DossierEvent[]>> {
  const rows: Record<string, unknown>[] = await m.query('SELECT * FROM dossier_event WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, seq', [ids]);
  const byDossier = new Map<string, DossierEvent[]>();
  for (const row of rows) {
    const e = entityFromRow(m, DossierEvent, row);
    const log = byDossier.get(e.dossierId);
    if (log) log.push(e);
    else byDossier.set(e.dossierId, [e]);
  }
  return byDossier;
}

/** The agencies dossier_agency lists for each dossier (who sees it). */
async function agenciesOf(m: EntityManager, ids: string[]): Promise<Map<string, Set<string>>> {
  const rows: { dossier_id: string; agency_code: string }[] = await m.query('SELECT dossier_id, agency_code FROM dossier_agency WHERE dossier_id = ANY($1::uuid[])', [ids]);
  const byDossier = new Map<string, Set<string>>();
  for (const r of rows) byDossier.set(r.dossier_id, (byDossier.get(r.dossier_id) ?? new Set()).add(r.agency_code));
  return byDossier;
}

/**
 * Replays one dossier's log and compares the row with it; an open dossier's deadlines also with the calendars (the
 * resolving agency's, and the step agency's for the step deadline); dossier_agency with the agencies the log names.
 */
function checkDossier(
  d: Dossier,
  events: DossierEvent[],
  listed: Set<string>,
  procedure: CompiledProcedure,
  calendars: { calendar: WorkingCalendar; stepCalendar: WorkingCalendar } | null,
  dueSoonWorkingDays: number,
): ConsistencyProblem[] {
  const calendar = calendars?.calendar ?? null;
  const problems: ConsistencyProblem[] = [];
  const report = (kind: ConsistencyProblemKind, field: string, message: string) => problems.push(problem(kind, d, field, message));
  const compare = (kind: ConsistencyProblemKind, field: string, expected: unknown, actual: unknown, source: string) => {
    if (!same(expected, actual)) report(kind, field, `${field}: expected ${show(expected)} (${source}), actual ${show(actual)}`);
  };

  const prefix = `${d.agencyCode}-${toLocalDate(d.receivedAt).slice(2).replaceAll('-', '')}-`;
  if (!d.code.startsWith(prefix) || !CODE_NUMBER.test(d.code.slice(prefix.length))) {
    report('code_mismatch', 'code', `code: expected ${prefix}NNNN (agency ${d.agencyCode}, received ${toLocalDate(d.receivedAt)}), actual ${d.code}`);
  }

  const r = replay(d, events, procedure, report);
  if (r) {
    const fromLog = 'from the event log';
    compare('row_vs_log', 'eventCount', events.length, d.eventCount, 'events in the log');
    compare('row_vs_log', 'version', r.version, d.version, 'officer events in the log');
    compare('row_vs_log', 'status', r.status, d.status, 'replayed through the machine');
    compare('row_vs_log', 'stepId', r.stepId, d.stepId, 'replayed through the machine');
    compare('row_vs_log', 'stepAgencyCode', r.stepAgencyCode, d.stepAgencyCode, 'the agency the pinned procedure gives the replayed step');
    const expected = new Set([d.agencyCode, d.receivingAgencyCode, ...r.heldBy]);
    const missing = [...expected].filter((a) => !listed.has(a));
    const extra = [...listed].filter((a) => !expected.has(a));
    if (missing.length || extra.length) {
      const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `not part of it ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
      report('dossier_agency', 'dossier_agency', `dossier_agency: expected ${[...expected].sort().join(', ')} (resolving, receiving and every agency that held a step), ${parts}`);
    }
    if (canonicalJson(r.snapshot) !== canonicalJson(d.snapshot)) {
      report('row_vs_log', 'snapshot', `snapshot: expected ${canonicalJson(stateOf(r.snapshot))} (replayed through the machine), actual ${canonicalJson(stateOf(d.snapshot))}`);
    }
    for (const field of ['receivedAt', 'lastTransitionAt', 'supplementCount', 'pausedAt', 'finishedAt', 'returnedAt', 'withdrawnAt', 'resultType', 'outcome', 'stepDueAt'] as const) {
      compare('row_vs_log', field, r[field], d[field], fromLog);
    }
    // A log without a recorded due time (imported history) cannot say it.
    if (r.dueAt) compare('row_vs_log', 'dueAt', r.dueAt, d.dueAt, 'the last due time the log records');
    if (r.extendedExact || !r.extendedDueAt) compare('row_vs_log', 'extendedDueAt', r.extendedDueAt, d.extendedDueAt, fromLog);
    else if (!d.extendedDueAt || d.extendedDueAt < r.extendedDueAt) {
      report('row_vs_log', 'extendedDueAt', `extendedDueAt: expected ${show(r.extendedDueAt)} or later (the EXTEND event, moved by later waits), actual ${show(d.extendedDueAt)}`);
    }
    for (const kind of DEADLINE_KINDS) {
      const { flagField: field, event } = DEADLINE_TABLE[kind];
      const flag = r.flags[kind];
      // A later write clears a flag whose deadline moved into the future, so after a later event either value is right.
      if (!flag?.followed) compare('row_vs_log', field, flag?.at ?? null, d[field], `the last ${event} event`);
      else if (d[field] && !same(d[field], flag.at)) {
        report('row_vs_log', field, `${field}: expected null or ${show(flag.at)} (the last ${event} event), actual ${show(d[field])}`);
      }
    }
  }

  const fromCalendar = 'the working calendar now';
  if (calendars) {
    const due = deadlinesOf(d, procedure.definition, calendars.calendar, calendars.stepCalendar);
    compare('deadline_vs_calendar', 'dueAt', due.dueAt, d.dueAt, fromCalendar);
    compare('deadline_vs_calendar', 'stepDueAt', due.stepDueAt, d.stepDueAt, fromCalendar);
  }
  // Only the due-soon moment of timerColumns is wanted here; its flags depend on the time of the write.
  const dueSoonAt = calendar ? timerColumns(d, false, calendar, dueSoonWorkingDays, d.dueAt).dueSoonAt : null;
  compare('deadline_vs_calendar', 'dueSoonAt', dueSoonAt, d.dueSoonAt, calendar ? fromCalendar : 'no clock runs');
  return problems;
}

/** The row the log describes: the machine's state event by event, and what each event writes besides (the event catalogue). */
/** The replayed row with what liên thông adds: the agency holding the step, and every agency that held one. */
type Replayed = ReplayedRow & { stepAgencyCode: string | null; heldBy: Set<string> };

function replay(d: Dossier, events: DossierEvent[], { workflow, definition }: CompiledProcedure, report: (kind: ConsistencyProblemKind, field: string, message: string) => void): Replayed | null {
  if (events.some((e, i) => e.seq !== i + 1)) {
    const seqs = events.map((e) => e.seq);
    report('event_log', 'seq', `seq: expected 1..${events.length} without gaps, actual ${seqs.slice(0, 20).join(', ')}${seqs.length > 20 ? ', …' : ''}`);
  }
  const [first] = events;
  if (first?.type !== 'RECEIVE') {
    report('event_log', 'seq', `the first event: expected RECEIVE, actual ${first ? `${first.type} (seq ${first.seq})` : 'no event at all'}`);
    return null;
  }
  let snapshot = workflow.initial();
  let view = workflow.view(snapshot);
  const recorded = (e: DossierEvent, label: string) => {
    if (e.toStatus !== view.status || e.toStep !== view.stepId) {
      report('event_log', label, `${label}: expected to lead to ${state(view.status, view.stepId)} (the machine), recorded ${state(e.toStatus, e.toStep)}`);
    }
  };
  recorded(first, `event 1 RECEIVE`);
  // The agency holding each step, from the pinned definition; a change of agency must be logged as a handover.
  let holder = stepAgencyAt(d, definition, view.stepId);
  const handover = (e: DossierEvent, label: string, expected: { fromAgency: string | null; toAgency: string | null }) => {
    if (e.fromAgency !== expected.fromAgency || e.toAgency !== expected.toAgency) {
      const describeHandover = (h: { fromAgency: string | null; toAgency: string | null }) => (h.fromAgency || h.toAgency ? `${h.fromAgency} → ${h.toAgency}` : 'no handover');
      report('event_log', label, `${label}: expected ${describeHandover(expected)} (the agencies of its steps), recorded ${describeHandover(e)}`);
    }
  };
  handover(first, 'event 1 RECEIVE', handoverOf(d.receivingAgencyCode, holder));
  const heldBy = new Set(holder ? [holder] : []);
  const r: Replayed = {
    snapshot,
    ...view,
    version: 1,
    receivedAt: first.at,
    lastTransitionAt: first.at,
    dueAt: dateOf(first.data.dueAt),
    stepDueAt: first.stepDueAt,
    supplementCount: 0,
    pausedAt: null,
    extendedDueAt: null,
    extendedExact: true,
    finishedAt: null,
    returnedAt: null,
    withdrawnAt: null,
    resultType: null,
    outcome: null,
    flags: { due_soon: null, overdue: null, step_overdue: null },
    stepAgencyCode: holder,
    heldBy,
  };
  let previous = first;
  for (const e of events.slice(1)) {
    const label = `event ${e.seq} ${e.type}`;
    if (e.fromStatus !== previous.toStatus || e.fromStep !== previous.toStep) {
      report('event_log', label, `${label}: starts from ${state(e.fromStatus, e.fromStep)} but event ${previous.seq} left ${state(previous.toStatus, previous.toStep)}`);
    }
    for (const kind of DEADLINE_KINDS) if (r.flags[kind]) r.flags[kind]!.followed = true;
    const flagKind = kindOfFlagEvent(e.type);
    if (flagKind || e.type === 'DEADLINE_RECOMPUTED') {
      recorded(e, label);
      handover(e, label, handoverOf(null, null));
      if (flagKind) r.flags[flagKind] = { at: e.at, followed: false };
      else r.dueAt = dateOf(e.data.dueAt) ?? r.dueAt;
    } else if ((RECORD_EVENT_TYPES as readonly string[]).includes(e.type)) {
      // A file attached: the dossier does not move.
      recorded(e, label);
      handover(e, label, handoverOf(null, null));
      RECORD_EVENTS[e.type as RecordEventType].replay(r, e);
    } else {
      if (!(DOSSIER_EVENT_TYPES as readonly string[]).includes(e.type)) {
        report('event_log', label, `${label}: not an event type of the product`);
        return null;
      }
      if (e.at < r.lastTransitionAt) report('event_log', label, `${label}: at ${iso(e.at)}, earlier than the transition before it (${iso(r.lastTransitionAt)})`);
      const event = { type: e.type as DossierEventType, beforeDue: r.dueAt !== null && e.at < r.dueAt };
      if (!workflow.can(snapshot, event)) {
        const allowed = workflow.allowedEvents(snapshot, event).join(', ') || 'none';
        report('event_log', label, `${label}: not allowed in ${state(view.status, view.stepId)} (the machine allows ${allowed}); the replay stops here`);
        return null;
      }
      snapshot = workflow.transition(snapshot, event);
      view = workflow.view(snapshot);
      recorded(e, label);
      const next = stepAgencyAt(d, definition, view.stepId);
      handover(e, label, handoverOf(holder, next));
      holder = next;
      if (next) heldBy.add(next);
      Object.assign(r, { snapshot, ...view, version: r.version + 1, lastTransitionAt: e.at, stepAgencyCode: next });
      DOSSIER_EVENTS[event.type].replay(r, e, definition, d);
    }
    r.stepDueAt = e.stepDueAt;
    previous = e;
  }
  return r;
}

/** Passed deadlines must be flagged within one reconciliation; near ones must have their job. */
function checkTimers(d: Dossier, now: Date, settings: ConsistencyTimerSettings): { problems: ConsistencyProblem[]; expected: ExpectedJob[] } {
  const problems: ConsistencyProblem[] = [];
  const expected: ExpectedJob[] = [];
  const pending = pendingTimers(d);
  const grace = settings.reconcileIntervalMs;
  for (const kind of DEADLINE_KINDS) {
    const at = pending[kind];
    if (!at) continue;
    if (at.getTime() <= now.getTime() - grace) {
      const late = Math.round((now.getTime() - at.getTime()) / 60_000);
      problems.push(problem('deadline_unflagged', d, kind, `${kind} deadline ${iso(at)} passed ${late} min ago and is not flagged (the reconciliation runs every ${grace / 1000} s)`));
    } else if (at.getTime() <= now.getTime() + settings.horizonMs - grace) {
      // A deadline that entered the horizon before the last reconciliation is armed by it, if not by its transition.
      expected.push({ dossier: d, kind, at });
    }
  }
  return { problems, expected };
}

/**
 * Codes are `{agency}-{yymmdd}-{n}` with n = 1..last_value of the agency's sequence that day, each once: one grouped scan
 * finds the prefixes that disagree, a second one reads only their codes.
 */
async function checkCodes(m: EntityManager, agencies: string[] | null): Promise<ConsistencyProblem[]> {
  const groups: { prefix: string; lastValue: number | null; count: number | null; numbers: number | null; max: string | null }[] = await m.query(
    `
    WITH issued AS (
      SELECT substring(code from '^(.*-)[0-9]+$') AS prefix, substring(code from '[0-9]+$')::numeric AS n FROM dossier
      WHERE $1::text[] IS NULL OR agency_code = ANY($1)
    ), groups AS (
      SELECT prefix, count(*)::int AS count, count(DISTINCT n)::int AS numbers, max(n) AS max FROM issued WHERE prefix IS NOT NULL GROUP BY prefix
    ), sequences AS (
      SELECT agency_code || '-' || to_char(day, 'YYMMDD') || '-' AS prefix, last_value FROM dossier_code_sequence
      WHERE $1::text[] IS NULL OR agency_code = ANY($1)
    )
    SELECT coalesce(g.prefix, s.prefix) AS prefix, s.last_value AS "lastValue", g.count, g.numbers, g.max::text AS max
    FROM groups g FULL JOIN sequences s ON s.prefix = g.prefix
    WHERE s.last_value IS NULL OR g.prefix IS NULL OR g.count <> s.last_value OR g.numbers <> g.count OR g.max <> s.last_value
    ORDER BY 1 LIMIT 100`,
    [agencies],
  );
  if (groups.length === 0) return [];
  const rows: { id: string; code: string; prefix: string; n: string }[] = await m.query(
    `SELECT id, code, substring(code from '^(.*-)[0-9]+$') AS prefix, substring(code from '[0-9]+$')::numeric::text AS n
     FROM dossier WHERE substring(code from '^(.*-)[0-9]+$') = ANY($1) ORDER BY code`,
    [groups.map((g) => g.prefix)],
  );
  const problems: ConsistencyProblem[] = [];
  for (const g of groups) {
    const issued = rows.filter((r) => r.prefix === g.prefix);
    const byNumber = new Map<number, { id: string; code: string }[]>();
    for (const r of issued) byNumber.set(Number(r.n), [...(byNumber.get(Number(r.n)) ?? []), r]);
    if (g.lastValue === null) {
      problems.push({ kind: 'code_sequence', code: `${g.prefix}*`, message: `no dossier_code_sequence row for ${g.prefix}, yet ${issued.length} code(s) were issued: the next intake would issue ${g.prefix}0001 again` });
    }
    for (const [n, holders] of byNumber) {
      if (holders.length > 1) {
        for (const h of holders) problems.push({ kind: 'code_duplicate', dossierId: h.id, code: h.code, message: `code held by ${holders.length} dossiers: ${holders.map((x) => x.id).join(', ')}` });
      }
      if (g.lastValue !== null && n > g.lastValue) {
        for (const h of holders) problems.push({ kind: 'code_sequence', dossierId: h.id, code: h.code, message: `number ${n} is beyond the sequence of ${g.prefix} (last_value ${g.lastValue}): a later intake would issue it again` });
      }
    }
    const missing: number[] = [];
    for (let n = 1; n <= (g.lastValue ?? 0); n++) if (!byNumber.has(n)) missing.push(n);
    for (const n of missing.slice(0, GAPS_LISTED)) {
      problems.push({ kind: 'code_gap', code: `${g.prefix}${String(n).padStart(4, '0')}`, message: `issued by the sequence (last_value ${g.lastValue}) but no dossier has this code` });
    }
    if (missing.length > GAPS_LISTED) {
      problems.push({ kind: 'code_gap', code: `${g.prefix}*`, message: `${missing.length - GAPS_LISTED} more codes of ${g.prefix} are missing` });
    }
  }
  return problems;
}

/** Recomputations of deadlines not done: until they are, the open dossiers after their progress may keep old deadlines. */
async function checkRecomputes(m: EntityManager, agencies: string[] | null): Promise<ConsistencyProblem[]> {
  const rows: { id: string; reason: string; agency_code: string | null; calendar_date: string | null; requested_at: Date; last_dossier_id: string | null; recomputed_dossiers: number }[] =
    await m.query(
      `SELECT id, reason, agency_code, calendar_date::text, requested_at, last_dossier_id, recomputed_dossiers FROM deadline_recompute
       WHERE done_at IS NULL AND ($1::text[] IS NULL OR agency_code IS NULL OR agency_code = ANY($1)) ORDER BY requested_at, id`,
      [agencies],
    );
  return rows.map((r) => {
    const which = r.agency_code ? `agency ${r.agency_code}'s open dossiers` : 'every open dossier';
    const why = `${r.reason}${r.calendar_date ? ` ${r.calendar_date}` : ''}`;
    const progress = r.last_dossier_id ? `it stopped after dossier ${r.last_dossier_id} with ${r.recomputed_dossiers} moved` : 'no batch has run';
    return {
      kind: 'recompute_unfinished',
      recomputeId: r.id,
      field: r.reason,
      message: `the recomputation of ${which} (${why}) requested at ${iso(r.requested_at)} is not finished: ${progress}; the reconciliation or the same request again finishes it`,
    };
  });
}

function problem(kind: ConsistencyProblemKind, d: Pick<Dossier, 'id' | 'code'>, field: string, message: string): ConsistencyProblem {
  return { kind, dossierId: d.id, code: d.code, field, message };
}

function problemKey(p: ConsistencyProblem): string {
  return [p.kind, p.dossierId ?? p.recomputeId ?? '', p.code ?? '', p.field ?? ''].join('|');
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

function show(v: unknown): string {
  return v instanceof Date ? iso(v) : v === null || v === undefined ? 'null' : String(v);
}

/** Local time as the API shows it; milliseconds only when they are what differs. */
function iso(t: Date | null): string {
  return t ? (t.getUTCMilliseconds() ? t.toISOString() : formatLocal(t)) : 'null';
}

function dateOf(v: unknown): Date | null {
  return typeof v === 'string' ? new Date(v) : null;
}

function state(status: string | null, stepId: string | null): string {
  return status ? (stepId ? `${status}/${stepId}` : status) : 'nothing';
}

function stateOf(s: PersistedDossierSnapshot) {
  return { value: s.value, historyValue: s.historyValue, context: s.context };
}
