import { getDataSourceToken } from '@nestjs/typeorm';
import { createPostgresBackend, createRedisBackend, withBackend } from 'bullmq';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DEADLINE_QUEUE, deadlineJobId } from '@app/deadlines';
import { type ConsistencyProblem, type ConsistencyReport, checkConsistency } from '@app/consistency';
import { accountId, act, ADMIN, dayAfter, type Dossier, expectStatus, receive } from './support/dossier-api';
import { DIST_DIR } from './support/dist';
import { reconcilerOf } from './support/flag-tally';
import { startTestApp, TEST_REDIS_URL, type TestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';

const HOUSEHOLD_BUSINESS = '1.001193'; // 3 working days, restart policy, 5 steps
const PAUSING = '1.000800'; // 10 working days, pause policy
const HORIZON_MINUTES = 7 * 24 * 60; // the largest allowed: most deadlines of these tests get their job when armed
const TIMERS = { horizonMs: HORIZON_MINUTES * 60_000, reconcileIntervalMs: 60_000, dueSoonWorkingDays: 1 };
const SCRIPT = join(DIST_DIR, 'scripts/check-consistency.js');
const T = '2026-11-25T10:00:00+07:00';

const supplement = { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ', missingItems: ['Bản sao CCCD'] };
const forward = { type: 'FORWARD' };

function problemsOf(report: ConsistencyReport, dossier: Pick<Dossier, 'id'>): { kind: string; field?: string }[] {
  return report.problems.filter((p) => p.dossierId === dossier.id).map((p) => ({ kind: p.kind, field: p.field }));
}

const describeProblems = (problems: ConsistencyProblem[]) => problems.map((p) => `${p.kind} ${p.code} ${p.message}`).join('\n');

describe('npm run check:consistency on the Redis queue', () => {
  let t: TestApp;
  let db: DataSource;
  const check = (now = T) =>
    checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, timers: TIMERS, now: new Date(now) });
  const intake = (procedureCode: string, at: string, extra?: Record<string, unknown>) =>
    receive(t, { procedureCode, agencyCode: 'H12.01', at, headers: extra ? ADMIN : undefined, extra: extra ? { agencyCode: 'H12.01', ...extra } : undefined });
  // The worker's reconciliation, run here once: a worker in the process would also fire the jobs on its own time.
  const sweep = () => reconcilerOf(t).reconcile();
  const dossierOf = async (id: string) => (await t.http.get(`/api/v1/dossiers/${id}`)).body as Dossier;
  const runScript = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // The script judges deadlines as of the test's time, never the machine's date.
      args = args.some((a) => a.startsWith('--at')) ? args : [...args, '--at', T];
      const env = { PATH: process.env.PATH ?? '', DATABASE_URL: t.databaseUrl, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: t.queuePrefix, TIMER_HORIZON_MINUTES: String(HORIZON_MINUTES), LOG_LEVEL: 'error' };
      const child = execFile(process.execPath, [SCRIPT, ...args], { env, timeout: 60_000 }, (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
    });
  const line = (p: ConsistencyProblem) => `${p.kind} ${p.dossierId ?? p.code} ${p.field ?? ''}`;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+07:00', env: { TIMER_HORIZON_MINUTES: String(HORIZON_MINUTES) } });
    await withoutCultureDay2026(t);
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds nothing after dossiers went through every kind of event, a calendar change and the timer flags', async () => {
    // Received, assigned, supplemented (restart), suspended and resumed, apologised for, finished and delivered.
    const full = await intake(HOUSEHOLD_BUSINESS, '2026-11-23T09:00:00+07:00');
    await act(t, full.id, { type: 'ASSIGN', assigneeId: await accountId(t, 'reception') }, { at: '2026-11-23T09:10:00+07:00' });
    await act(t, full.id, supplement, { at: '2026-11-23T10:00:00+07:00' });
    await act(t, full.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-23T14:00:00+07:00' });
    await act(t, full.id, forward, { at: '2026-11-23T15:00:00+07:00' });
    await act(t, full.id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-23T15:30:00+07:00' });
    const resumed = await act(t, full.id, { type: 'RESUME' }, { at: '2026-11-24T08:00:00+07:00' });
    await act(t, full.id, { type: 'EXTEND', extendedDueAt: dayAfter(resumed.dueAt), reason: 'Chờ ý kiến phối hợp' }, { at: '2026-11-24T08:30:00+07:00' });
    for (const at of ['2026-11-24T09:00:00+07:00', '2026-11-24T10:00:00+07:00', '2026-11-24T11:00:00+07:00']) await act(t, full.id, forward, { at });
    await act(t, full.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-11-24T14:00:00+07:00' });
    await act(t, full.id, { type: 'DELIVER' }, { at: '2026-11-24T15:00:00+07:00' });
    // Pause policy: the waits move the due time and the extended date.
    const paused = await intake(PAUSING, '2026-11-23T09:30:00+07:00');
    const forwarded = await act(t, paused.id, forward, { at: '2026-11-23T10:00:00+07:00' });
    await act(t, paused.id, { type: 'EXTEND', extendedDueAt: dayAfter(forwarded.dueAt), reason: 'Chờ xác minh' }, { at: '2026-11-23T10:30:00+07:00' });
    await act(t, paused.id, supplement, { at: '2026-11-23T11:00:00+07:00' });
    await act(t, paused.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-24T11:00:00+07:00' });
    const suspended = await intake(PAUSING, '2026-11-23T10:00:00+07:00');
    await act(t, suspended.id, { type: 'SUSPEND', reason: 'financial_obligation' }, { at: '2026-11-23T11:00:00+07:00' });
    const withdrawn = await intake(HOUSEHOLD_BUSINESS, '2026-11-23T10:30:00+07:00');
    await act(t, withdrawn.id, supplement, { at: '2026-11-23T11:00:00+07:00' });
    await act(t, withdrawn.id, { type: 'WITHDRAW' }, { at: '2026-11-23T14:00:00+07:00' });
    const running = await intake(HOUSEHOLD_BUSINESS, '2026-11-24T08:00:00+07:00');
    // A day off declared ahead: the open dossiers' deadlines are recomputed, each with a DEADLINE_RECOMPUTED event.
    t.clock.set('2026-11-24T16:00:00+07:00');
    const day = await t.http.put('/api/v1/calendar/days/2026-11-26').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(day, 200);
    // The open ones (paused, suspended, running) all have deadlines past 26/11; the delivered and withdrawn ones are closed.
    expect(day.body.recomputedDossiers).toBe(3);
    // The worker's sweep at T flags what passed (due soon, step deadlines) and arms the rest.
    t.clock.set(T);
    await sweep();
    const events: { type: string }[] = await db.query('SELECT DISTINCT type FROM dossier_event');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['DEADLINE_RECOMPUTED', 'STEP_OVERDUE', 'EXTEND', 'RESUME', 'WITHDRAW', 'DELIVER']));
    expect((await dossierOf(running.id)).status).toBe('processing');

    const report = await check();
    expect(describeProblems(report.problems)).toBe('');
    expect(report.checked).toBe(5);
  });

  it('reports each kind of corruption, naming the dossier, and nothing about the untouched ones', async () => {
    const statusChanged = await intake(HOUSEHOLD_BUSINESS, T);
    const eventDeleted = await intake(HOUSEHOLD_BUSINESS, T);
    await act(t, eventDeleted.id, forward, { at: T });
    await act(t, eventDeleted.id, forward, { at: T });
    const dueShifted = await intake(HOUSEHOLD_BUSINESS, T);
    const deleted = await intake(HOUSEHOLD_BUSINESS, T);
    const jobLost = await intake(HOUSEHOLD_BUSINESS, T);
    // Received two days ago (an administrator's back-dated intake) and no sweep since: its passed deadlines wait unflagged.
    const unflagged = await intake(HOUSEHOLD_BUSINESS, T, { receivedAt: '2026-11-23T08:00:00+07:00' });
    const sequenceBehind = await receive(t, { procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.02', at: T });
    expect(describeProblems((await check()).problems)).toMatch(/^(deadline_unflagged .*\n?)+$/);

    await db.query(`UPDATE dossier SET status = 'returned' WHERE id = $1`, [statusChanged.id]);
    // The log refuses deletes: damage done the way an operator would have to, with its trigger disabled.
    await db.query('ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_no_delete');
    await db.query('DELETE FROM dossier_event WHERE dossier_id = $1 AND seq = 2', [eventDeleted.id]);
    await db.query(`UPDATE dossier SET due_at = due_at + interval '1 hour' WHERE id = $1`, [dueShifted.id]);
    await db.query('DELETE FROM dossier WHERE id = $1', [deleted.id]);
    await db.query('ALTER TABLE dossier_event ENABLE TRIGGER dossier_event_no_delete');
    await db.query(`UPDATE dossier_code_sequence SET last_value = last_value - 1 WHERE agency_code = 'H12.02'`);
    const { Queue } = withBackend(createRedisBackend);
    const queue = new Queue(DEADLINE_QUEUE, { connection: { url: TEST_REDIS_URL } as never, prefix: t.queuePrefix });
    const lostJob = deadlineJobId({ dossierId: jobLost.id, kind: 'overdue', at: new Date(jobLost.dueAt).getTime() });
    expect(await queue.getJobState(lostJob)).toBe('delayed');
    await queue.remove(lostJob);
    await queue.close();

    const report = await check();
    expect(problemsOf(report, statusChanged)).toContainEqual({ kind: 'row_vs_log', field: 'status' });
    expect(report.problems.find((p) => p.dossierId === statusChanged.id && p.field === 'status')?.message).toBe(
      "status: expected processing (replayed through the machine), actual returned",
    );
    expect(problemsOf(report, eventDeleted)).toEqual(expect.arrayContaining([{ kind: 'event_log', field: 'seq' }, { kind: 'row_vs_log', field: 'eventCount' }]));
    expect(problemsOf(report, dueShifted)).toEqual(
      expect.arrayContaining([
        { kind: 'deadline_vs_calendar', field: 'dueAt' },
        { kind: 'row_vs_log', field: 'dueAt' },
        // The overdue job still waits for the old due time; the new one has none.
        { kind: 'timer_stale', field: 'overdue' },
        { kind: 'timer_missing', field: 'overdue' },
      ]),
    );
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'code_gap', code: deleted.code }));
    expect(problemsOf(report, deleted)).toContainEqual({ kind: 'timer_stale', field: 'overdue' });
    expect(problemsOf(report, jobLost)).toEqual([{ kind: 'timer_missing', field: 'overdue' }]);
    expect(problemsOf(report, unflagged)).toEqual(expect.arrayContaining([{ kind: 'deadline_unflagged', field: 'step_overdue' }]));
    expect(problemsOf(report, sequenceBehind)).toEqual([{ kind: 'code_sequence', field: undefined }]);
    // Each problem names a dossier of this test, or the deleted one's code; the first test's dossiers stay clean.
    const named = new Set([statusChanged, eventDeleted, dueShifted, deleted, jobLost, unflagged, sequenceBehind].map((d) => d.id));
    expect(report.problems.filter((p) => !(p.dossierId && named.has(p.dossierId)) && p.code !== deleted.code)).toEqual([]);
    expect(report.checked).toBe(5 + 6);
  });

  it('the compiled script exits non-zero and prints each problem with the dossier code, then a summary', async () => {
    expect(existsSync(SCRIPT)).toBe(true);
    const [dossier] = await db.query(`SELECT id, code FROM dossier WHERE status = 'returned' AND event_count = 1`);
    const run = await runScript([]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`row_vs_log: dossier ${dossier.code} (${dossier.id}): status: expected processing (replayed through the machine), actual returned`);
    expect(lines[lines.length - 1]).toMatch(/^checked 11 dossiers, \d+ problem\(s\) found$/);
  });

  it('narrows to an agency and the agencies under it, or to open dossiers; the script takes --agency and --open', async () => {
    const full = await check();
    const district = await checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, timers: TIMERS, now: new Date(T), agencies: ['H12.02'] });
    expect(district.checked).toBe(1);
    expect(district.problems.map((p) => p.kind)).toEqual(['code_sequence']);
    const province = await checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, timers: TIMERS, now: new Date(T), agencies: ['H12'] });
    expect(province.checked).toBe(full.checked);
    // The same findings, but the jobs of the deleted dossier: a job of a missing dossier names no agency.
    const orphanJob = (p: ConsistencyProblem) => p.kind === 'timer_stale' && p.message.endsWith('but the dossier does not exist');
    expect(full.problems.filter(orphanJob)).toHaveLength(3);
    expect(province.problems.map(line)).toEqual(full.problems.filter((p) => !orphanJob(p)).map(line));
    // The returned dossier (status written by hand) and the delivered one are not open: the quick check skips them.
    const open = await checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, timers: TIMERS, now: new Date(T), openOnly: true });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM dossier WHERE status IN ('processing', 'awaiting_supplement', 'suspended')`);
    expect(open.checked).toBe(n);
    expect(open.problems.filter((p) => p.field === 'status')).toEqual([]);

    const scoped = await runScript(['--agency', 'H12.02']);
    expect(scoped.code).toBe(1);
    expect(scoped.stdout.trim().split('\n').pop()).toBe('checked 1 dossiers of H12.02 and the agencies under them, 1 problem(s) found');
    // The sequence problem is about codes, which the quick check of open dossiers leaves to the full one.
    const quick = await runScript(['--agency', 'H12.02', '--open']);
    expect(quick.code).toBe(0);
    expect(quick.stdout.trim()).toBe('checked 1 open dossiers of H12.02 and the agencies under them, 0 problem(s) found');
    const unknown = await runScript(['--agency=H99']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no agency with code H99');
    const wrong = await runScript(['--all']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown argument --all; usage: npm run check:consistency -- [--agency CODE[,CODE…]] [--open] [--at TIME]');
    const badTime = await runScript(['--at', '2026-12-01 17:00']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--at needs a date and time with its offset');
    // Judged as of a later instant, deadlines that had not passed at T have: the open dossiers of H12.02 show them.
    const later = await runScript(['--agency', 'H12.02', '--open', '--at', '2027-06-01T10:00:00+07:00']);
    expect(later.code).toBe(1);
    expect(later.stdout).toContain('deadline_unflagged');
  });

  it('reports a code held twice once the unique index is gone', async () => {
    const a = await intake(HOUSEHOLD_BUSINESS, T);
    const b = await intake(HOUSEHOLD_BUSINESS, T);
    await db.query('DROP INDEX dossier_code_key');
    await db.query('UPDATE dossier SET code = $1 WHERE id = $2', [a.code, b.id]);
    const report = await check();
    const duplicates = report.problems.filter((p) => p.kind === 'code_duplicate');
    expect(duplicates.map((p) => p.dossierId).sort()).toEqual([a.id, b.id].sort());
    expect(duplicates.every((p) => p.code === a.code)).toBe(true);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'code_gap', code: b.code }));
  });
});

describe('npm run check:consistency on the PostgreSQL queue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ queueBackend: 'postgres', env: { TIMER_HORIZON_MINUTES: String(HORIZON_MINUTES) } });
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the jobs from the same database when there is no Redis', async () => {
    const d = await receive(t, { procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.01' });
    const check = () => checkConsistency({ databaseUrl: t.databaseUrl, queuePrefix: t.queuePrefix, timers: TIMERS, now: t.clock.now() });
    expect(describeProblems((await check()).problems)).toBe('');
    const { Queue } = withBackend(createPostgresBackend);
    const queue = new Queue(DEADLINE_QUEUE, { connection: t.databaseUrl, prefix: t.queuePrefix });
    await queue.remove(deadlineJobId({ dossierId: d.id, kind: 'step_overdue', at: new Date(d.currentStep!.dueAt!).getTime() }));
    await queue.close();
    const report = await check();
    expect(report.problems.map((p) => [p.kind, p.dossierId, p.field])).toEqual([['timer_missing', d.id, 'step_overdue']]);
  });
});
