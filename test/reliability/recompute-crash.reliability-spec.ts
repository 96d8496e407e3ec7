import { Client } from 'pg';
import { checkConsistency, formatProblem } from '@app/consistency';
import { ApiProcess, type ApiEnvironment, createApiEnvironment } from '../support/api-process';
import { cloneReceivedDossier } from '../support/dossier-clones';
import { call, login, random, RELIABILITY_SEED as SEED } from '../support/load-client';
import { freePort, TEST_REDIS_URL } from '../support/redis-server';
import { recordReliability } from '../support/reliability-report';
import { pause, waitFor } from '../support/wait-for';

/**
 * Issue 14, item 1: a holiday PUT on 10,000 open dossiers, and the default start (API and workers in one process)
 * SIGKILLed at random moments while it recomputes their deadlines, then started again. The recomputation committed with
 * the holiday resumes where its last batch ended: every dossier gets its new due time exactly once, and the consistency
 * checker finds nothing.
 */

const DOSSIERS = 10_000;
const AGENCIES = ['H12.10', 'H12.01', 'H12.02', 'H12.01.05'];
const LLTP = '1.000600'; // 10 working days
const KILLS = 3;
const BATCH = 500;

interface Group {
  agencyCode: string;
  ids: string[];
  dueAt: Date;
}

describe('recomputing deadlines through SIGKILLs of the default start', () => {
  let env: ApiEnvironment;
  let api: ApiProcess;
  let db: Client;
  beforeAll(async () => {
    env = await createApiEnvironment({ DATABASE_POOL_SIZE: '8' });
    // No arguments: `npm start`, with the deadline workers and their start-up reconciliation in the same process.
    api = new ApiProcess(await freePort(), env.env, []);
    await api.start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await db?.end();
    await env?.cleanup();
  });

  const progress = async () =>
    (await db.query<{ id: string; done: boolean; moved: number }>('SELECT id, done_at IS NOT NULL AS done, recomputed_dossiers AS moved FROM deadline_recompute ORDER BY requested_at DESC LIMIT 1'))
      .rows[0];

  it(`${DOSSIERS} open dossiers get the holiday's due time exactly once through ${KILLS} SIGKILLs (RELIABILITY_SEED=${SEED})`, async () => {
    const rnd = random(SEED);
    const token = await login(api.url, 'admin');
    const groups: Group[] = [];
    for (const agencyCode of AGENCIES) {
      const res = await call(api.url, 'POST', '/api/v1/dossiers', {
        token,
        body: { procedureCode: LLTP, agencyCode, channel: 'direct', applicant: { type: 'citizen', fullName: `Người nộp ${agencyCode}`, idNumber: '001090012345' } },
      });
      expect(res.status).toBe(201);
      const clones = await cloneReceivedDossier(db, res.body.id, DOSSIERS / AGENCIES.length - 1);
      // The row's due time to the millisecond (the answer shows whole seconds).
      const { rows } = await db.query<{ due_at: Date }>('SELECT due_at FROM dossier WHERE id = $1', [res.body.id]);
      groups.push({ agencyCode, ids: [res.body.id, ...clones], dueAt: rows[0].due_at });
    }

    // A working day inside every dossier's ten: from three days ahead (after any clock start), on the product's calendar.
    const localToday = new Date(Date.now() + 7 * 3600_000);
    const ahead = (days: number) => new Date(localToday.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const week = await call(api.url, 'GET', `/api/v1/calendar/days?from=${ahead(3)}&to=${ahead(10)}`, { token });
    const holiday = (week.body.items as { date: string; working: boolean }[]).find((d) => d.working)!.date;

    // The PUT, and the first kill while its request recomputes (the finding: killed 0.7 s after the PUT).
    const put = fetch(`${api.url}/api/v1/calendar/days/${holiday}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ working: false, note: 'Nghỉ đột xuất' }),
    }).then(
      (r) => r.status,
      () => 0,
    );
    const started = Date.now();
    await waitFor(async () => (await progress()) ?? undefined, 10_000, 'the recomputation row');
    const movedAtKills: number[] = [];
    const kill = async () => {
      await api.kill('SIGKILL');
      const p = await progress();
      // Each kill hit a recomputation under way: dossiers were still to come.
      expect(p.done).toBe(false);
      movedAtKills.push(p.moved);
    };
    await pause(300 + Math.floor(rnd() * 600));
    await kill();
    expect(await put).toBe(0);
    for (let i = 1; i < KILLS; i++) {
      await api.start();
      // The restarted process's start-up reconciliation resumes it; the kill comes at a random point of its batches.
      const target = movedAtKills[i - 1] + BATCH + Math.floor(rnd() * 3 * BATCH);
      await waitFor(async () => (await progress()).moved >= target || undefined, 60_000, `${target} dossiers recomputed`);
      await pause(Math.floor(rnd() * 400));
      await kill();
    }
    await api.start();
    await waitFor(async () => (await progress()).done || undefined, 60_000, 'the recomputation done');
    const timeToDoneMs = Date.now() - started;

    const final = await progress();
    expect(final.moved).toBe(DOSSIERS);
    const { rows: unfinished } = await db.query('SELECT id FROM deadline_recompute WHERE done_at IS NULL');
    expect(unfinished).toEqual([]);
    // Exactly once: a batch cut by a kill committed nothing, a committed one is never redone.
    const { rows: events } = await db.query<{ n: number; dossiers: number; other: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT dossier_id)::int AS dossiers,
              count(*) FILTER (WHERE data->>'reason' <> 'calendar_changed')::int AS other
       FROM dossier_event WHERE type = 'DEADLINE_RECOMPUTED'`,
    );
    expect(events[0]).toEqual({ n: DOSSIERS, dossiers: DOSSIERS, other: 0 });

    // Every dossier is due one working day later than before, at the same time of day: the holiday's place in its ten.
    const days = await call(api.url, 'GET', `/api/v1/calendar/days?from=${ahead(0)}&to=${ahead(40)}`, { token });
    const working = (days.body.items as { date: string; working: boolean }[]).filter((d) => d.working).map((d) => d.date);
    const wrong: string[] = [];
    for (const g of groups) {
      const oldDay = new Date(g.dueAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      const nextDay = working.find((d) => d > oldDay)!;
      const expected = new Date(g.dueAt.getTime() + (Date.parse(nextDay) - Date.parse(oldDay)));
      const { rows } = await db.query<{ due_at: Date; n: number }>('SELECT due_at, count(*)::int AS n FROM dossier WHERE id = ANY($1) GROUP BY due_at', [g.ids]);
      for (const r of rows) if (r.due_at.getTime() !== expected.getTime()) wrong.push(`${g.agencyCode}: ${r.n} due ${r.due_at.toISOString()}, expected ${expected.toISOString()}`);
    }
    expect(wrong).toEqual([]);

    const report = await checkConsistency({ databaseUrl: env.databaseUrl, redisUrl: TEST_REDIS_URL, queuePrefix: env.env.QUEUE_PREFIX });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.checked).toBe(DOSSIERS);

    recordReliability('recompute-crash', {
      scenario: `holiday PUT over ${DOSSIERS} open dossiers, the default start SIGKILLed ${KILLS} times while recomputing, restarted`,
      operationsSent: DOSSIERS,
      faultsInjected: api.kills,
      lost: DOSSIERS - final.moved,
      duplicates: events[0].n - events[0].dossiers,
      serverErrors: 0,
      dossiers: DOSSIERS,
      movedAtKills: movedAtKills.join(', '),
      timeToDoneMs,
      seed: SEED,
    });
  });
});
