import { Client } from 'pg';
import { AgencyService, CalendarService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { checkConsistency, formatProblem } from '@app/consistency';
import { DeadlineRecomputeService } from '@app/dossiers';
import { cloneReceivedDossier } from './support/dossier-clones';
import { ADMIN, expectStatus, receive } from './support/dossier-api';
import { reconcilerOf } from './support/flag-tally';
import { startTestApp, TEST_REDIS_URL, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const LLTP = '1.000600'; // 10 working days
const AGENCY = 'H12.10';
/** Three batches of the recomputation (500 each). */
const DOSSIERS = 1200;
const RECEIVED = '2026-12-07T09:00:00+07:00'; // a Monday: due Monday 21/12 09:00
const iso = (local: string) => new Date(local).toISOString();
const AFTERNOONS = [{ from: '13:00', to: '17:00' }];

/**
 * Issue 14, item 1: a calendar or office-hours change commits with its recomputation request (deadline_recompute), so a
 * crash between the change and the batches leaves work that the reconciliation, the queue job or the same request again
 * finishes, instead of open dossiers that keep their old deadlines for good.
 */
describe('recomputing deadlines after a crash', () => {
  let t: TestApp;
  let db: Client;
  let admin: Actor;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp(RECEIVED);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const template = await receive(t, { procedureCode: LLTP, agencyCode: AGENCY });
    expect(template.dueAt).toBe('2026-12-21T09:00:00+07:00');
    ids = [template.id, ...(await cloneReceivedDossier(db, template.id, DOSSIERS - 1))];
    const { rows } = await db.query(`SELECT id, username FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`);
    admin = { id: rows[0].id, username: rows[0].username, roles: ['admin'], agencyCode: null };
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const check = () =>
    checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, timers: { reconcileIntervalMs: 60_000 }, now: t.clock.now() });
  /** How many of the dossiers are due at each time. */
  const dueTimes = async () => {
    const { rows } = await db.query<{ due_at: Date; n: number }>('SELECT due_at, count(*)::int AS n FROM dossier WHERE id = ANY($1) GROUP BY due_at', [ids]);
    return Object.fromEntries(rows.map((r) => [r.due_at.toISOString(), r.n]));
  };
  const recomputedEvents = async () => {
    const { rows } = await db.query<{ n: number; dossiers: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT dossier_id)::int AS dossiers FROM dossier_event WHERE type = 'DEADLINE_RECOMPUTED' AND dossier_id = ANY($1)`,
      [ids],
    );
    return rows[0];
  };
  const recomputeRow = async (id: string) =>
    (await db.query<{ done: boolean; recomputed_dossiers: number }>('SELECT done_at IS NOT NULL AS done, recomputed_dossiers FROM deadline_recompute WHERE id = $1', [id])).rows[0];

  it('a holiday committed but not recomputed (the process died before the batches): the checker reports it, the reconciliation finishes it', async () => {
    // The request's first step, as it commits it, and then nothing: the process died.
    const { recompute } = await t.app.get(CalendarService).setDay('2026-12-09', false, 'Nghỉ đột xuất', { actor: admin, ip: null, userAgent: null });
    expect(await dueTimes()).toEqual({ [iso('2026-12-21T09:00:00+07:00')]: DOSSIERS });

    const before = await check();
    const kinds = new Set(before.problems.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['deadline_vs_calendar', 'recompute_unfinished']);
    const unfinished = before.problems.filter((p) => p.kind === 'recompute_unfinished');
    expect(unfinished.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^recompute_unfinished: recompute ${recompute.id}: the recomputation of every open dossier \\(calendar_changed 2026-12-09\\).*no batch has run`)),
    ]);

    // A restarted worker's reconciliation.
    const swept = await reconcilerOf(t).reconcile();
    expect(swept.recomputed).toBe(DOSSIERS);
    expect(await dueTimes()).toEqual({ [iso('2026-12-22T09:00:00+07:00')]: DOSSIERS });
    expect(await recomputedEvents()).toEqual({ n: DOSSIERS, dossiers: DOSSIERS });
    expect(await recomputeRow(recompute.id)).toEqual({ done: true, recomputed_dossiers: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);
    // Nothing left for the next one.
    expect((await reconcilerOf(t).reconcile()).recomputed).toBe(0);
  });

  it('the same PUT again finishes what a crash left, with the recomputation it left; once all is right it moves nothing', async () => {
    const { recompute } = await t.app.get(CalendarService).setDay('2026-12-10', false, 'Nghỉ đột xuất', { actor: admin, ip: null, userAgent: null });
    const again = await t.http.put('/api/v1/calendar/days/2026-12-10').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(again, 200);
    expect(again.body).toEqual({
      date: '2026-12-10',
      working: false,
      note: 'Nghỉ đột xuất',
      recomputedDossiers: DOSSIERS,
      recompute: { id: recompute.id, status: 'done', recomputedDossiers: DOSSIERS },
    });
    expect(await dueTimes()).toEqual({ [iso('2026-12-23T09:00:00+07:00')]: DOSSIERS });
    expect(await recomputedEvents()).toEqual({ n: 2 * DOSSIERS, dossiers: DOSSIERS });

    // Deadlines all right: the same request checks them again, and writes nothing.
    const third = await t.http.put('/api/v1/calendar/days/2026-12-10').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(third, 200);
    expect(third.body).toMatchObject({ recomputedDossiers: 0, recompute: { status: 'done', recomputedDossiers: 0 } });
    expect(third.body.recompute.id).not.toBe(recompute.id);
    expect(await recomputedEvents()).toEqual({ n: 2 * DOSSIERS, dossiers: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);
  });

  it('the same PUT again also repairs a calendar row committed without any recomputation (a crash before this release)', async () => {
    await db.query(`INSERT INTO calendar_day (date, working, note) VALUES ('2026-12-11', false, 'Nghỉ đột xuất')`);
    await db.query(`SELECT pg_notify('calendar_changed', '')`);
    await waitFor(async () => (await t.http.get('/api/v1/calendar/days').query({ from: '2026-12-11', to: '2026-12-11' })).body.items[0].working === false, 5_000, 'the new day');
    expect(new Set((await check()).problems.map((p) => p.kind))).toEqual(new Set(['deadline_vs_calendar']));

    const again = await t.http.put('/api/v1/calendar/days/2026-12-11').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ recomputedDossiers: DOSSIERS, recompute: { status: 'done', recomputedDossiers: DOSSIERS } });
    expect(await dueTimes()).toEqual({ [iso('2026-12-24T09:00:00+07:00')]: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);
  });

  it('the same office hours again finish what a crash left of the first PATCH', async () => {
    const context = { actor: admin, ip: null, userAgent: null };
    const { recompute } = await t.app.get(AgencyService).update(AGENCY, { officeHours: AFTERNOONS }, context, admin);
    expect(recompute).not.toBeNull();
    expect(await dueTimes()).toEqual({ [iso('2026-12-24T09:00:00+07:00')]: DOSSIERS });

    const again = await t.http.patch(`/api/v1/agencies/${AGENCY}`).set(ADMIN).send({ officeHours: AFTERNOONS });
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ code: AGENCY, officeHours: AFTERNOONS, recomputedDossiers: DOSSIERS, recompute: { id: recompute!.id, status: 'done' } });
    // Received Monday 09:00, before the afternoon opening: ten afternoons (the three holidays skipped) end Wednesday 23/12 at 17:00.
    expect(await dueTimes()).toEqual({ [iso('2026-12-23T17:00:00+07:00')]: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);

    // A rename alone touches no deadline and requests nothing.
    const renamed = await t.http.patch(`/api/v1/agencies/${AGENCY}`).set(ADMIN).send({ name: 'UBND huyện Quế Võ' });
    expectStatus(renamed, 200);
    expect(renamed.body).toMatchObject({ recomputedDossiers: 0, recompute: null });
  });

  it('two workers and the reconciliation resuming one recomputation at once move every dossier exactly once', async () => {
    const { recompute } = await t.app.get(CalendarService).setDay('2026-12-14', false, 'Nghỉ đột xuất', { actor: admin, ip: null, userAgent: null });
    const events = (await recomputedEvents()).n;
    const service = t.app.get(DeadlineRecomputeService);
    const [, , swept] = await Promise.all([service.resume(recompute.id), service.resume(recompute.id), reconcilerOf(t).reconcile()]);
    expect((await recomputedEvents()).n).toBe(events + DOSSIERS);
    expect(swept.recomputed).toBeLessThanOrEqual(DOSSIERS);
    expect(await recomputeRow(recompute.id)).toEqual({ done: true, recomputed_dossiers: DOSSIERS });
    expect(await dueTimes()).toEqual({ [iso('2026-12-24T17:00:00+07:00')]: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);
  });

  it('a later change takes over an unfinished recomputation of the same dossiers', async () => {
    const first = (await t.app.get(CalendarService).setDay('2026-12-15', false, 'Nghỉ đột xuất', { actor: admin, ip: null, userAgent: null })).recompute;
    const second = await t.http.delete('/api/v1/calendar/days/2026-12-15').set(ADMIN);
    expectStatus(second, 200);
    // The first one's dossiers are the second one's: it ends, and the deadlines are those of the calendar now.
    const { rows } = await db.query('SELECT superseded_by, done_at IS NOT NULL AS done FROM deadline_recompute WHERE id = $1', [first.id]);
    expect(rows[0]).toEqual({ superseded_by: second.body.recompute.id, done: true });
    expect(second.body.recomputedDossiers).toBe(0);
    expect(await dueTimes()).toEqual({ [iso('2026-12-24T17:00:00+07:00')]: DOSSIERS });
    expect((await check()).problems.map(formatProblem)).toEqual([]);
  });
});

describe('a recomputation handed to the queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No time for it in the request, and no scheduled reconciliation within the test: only the queue job can finish it.
    t = await startTestApp({ now: RECEIVED, withWorker: true, env: { RECOMPUTE_INLINE_SECONDS: '0', RECONCILE_INTERVAL_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers pending at once, and the worker finishes it', async () => {
    const d = await receive(t, { procedureCode: LLTP, agencyCode: AGENCY });
    const res = await t.http.put('/api/v1/calendar/days/2026-12-09').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ date: '2026-12-09', working: false, recomputedDossiers: 0, recompute: { status: 'pending', recomputedDossiers: 0 } });
    const dueAt = () => t.http.get(`/api/v1/dossiers/${d.id}`).then((r) => r.body.dueAt as string);
    await waitFor(async () => (await dueAt()) === '2026-12-22T09:00:00+07:00', 15_000, 'the recomputed due time');
    const report = await checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: t.queuePrefix, now: t.clock.now() });
    expect(report.problems.map(formatProblem)).toEqual([]);
  });
});
