import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { flagTally, receivePastDue, reconcilerOf } from './support/flag-tally';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { useWorkerProcesses, workerEnvOf } from './support/worker-process';

/**
 * Regressions found by the worker fault scenarios: a worker restarted into a large backlog did not count as started until
 * its start-up sweep had gone through all of it (and a database error during that sweep stopped the worker); and the
 * scheduled sweeps, fired every interval, piled up while a long one ran.
 */
describe('the reconciliation sweep', () => {
  let t: TestApp;
  let db: DataSource;
  const workers = useWorkerProcesses();

  beforeAll(async () => {
    t = await startTestApp({ now: new Date().toISOString() });
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  const receivedAt = () => new Date(t.clock.now().getTime() - 14 * 24 * 3600_000);

  it('skips a dossier another transaction holds instead of waiting for it, and flags it in the next sweep', async () => {
    const [held, free] = await receivePastDue(t, { n: 2, agencies: ['H12.01.05'], receivedAt: receivedAt() });
    const reconciler = reconcilerOf(t);
    // An officer's transition (or another worker) holding the row: the sweep used to wait for it, one row at a time.
    const officer = new Client({ connectionString: t.databaseUrl });
    await officer.connect();
    try {
      await officer.query('BEGIN');
      await officer.query('SELECT 1 FROM dossier WHERE id = $1 FOR UPDATE', [held]);
      expect((await reconciler.reconcile()).flagged).toBe(3);
      expect(await flagTally(db, [free], t.clock.now())).toMatchObject({ due: 3, flagged: 3, lost: 0 });
      expect(await flagTally(db, [held], t.clock.now())).toMatchObject({ due: 3, flagged: 0 });
    } finally {
      await officer.query('ROLLBACK');
      await officer.end();
    }
    expect((await reconciler.reconcile()).flagged).toBe(3);
    expect(await flagTally(db, [held, free], t.clock.now())).toMatchObject({ due: 6, flagged: 6, lost: 0, duplicates: 0, rowMismatches: 0 });
  });

  it('runs once at a time in a process: calls during a sweep share the one sweep that starts after it', async () => {
    // More rows than one flagging transaction takes, so the sweep's lanes run side by side and their counts add up.
    await receivePastDue(t, { n: 120, agencies: ['H12.02'], receivedAt: receivedAt() });
    const reconciler = reconcilerOf(t);
    const [first, second, third] = await Promise.all([reconciler.reconcile(), reconciler.reconcile(), reconciler.reconcile()]);
    // The first sweep flagged all three deadlines of each dossier; the follow-up found nothing left to flag.
    expect(first.flagged).toBe(360);
    expect(second).toBe(third);
    expect(second.flagged).toBe(0);
  });

  it('lets a worker start while its start-up sweep waits for the database, and flags once the database answers', async () => {
    const ids = await receivePastDue(t, { n: 5, agencies: ['H12.01'], receivedAt: receivedAt() });
    // A long transaction holds the dossier table: the start-up sweep (and every flag) must wait for it.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE dossier IN ACCESS EXCLUSIVE MODE');
      await workers.start(workerEnvOf(t, { DATABASE_POOL_SIZE: '4' }));
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    await waitFor(async () => (await flagTally(db, ids, new Date())).flagged === 15 || undefined, 30_000, 'the 15 flags');
    expect(await flagTally(db, ids, new Date())).toEqual({ due: 15, flagged: 15, lost: 0, duplicates: 0, rowMismatches: 0 });
  });
});
