import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DEADLINE_QUEUE, deadlineJobId } from '@app/deadlines';
import { deleteKeys } from './support/redis-server';
import { TEST_REDIS_URL, type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { reconcileThroughWorkers, stopWorkerProcess, useWorkerProcesses, workerEnvOf } from './support/worker-process';

/** Real worker processes on one Redis queue, real time: deadlines are placed a few seconds ahead in the database. */
describe('deadline workers as separate processes', () => {
  let t: TestApp;
  let db: DataSource;
  const workers = useWorkerProcesses();
  const startWorker = () => workers.start(workerEnvOf(t, { WORKER_CONCURRENCY: '50', DATABASE_POOL_SIZE: '10' }));
  /** Two more runs of the workers' reconciliation: a late duplicate flag would be in the log by then, and they find nothing left to flag. */
  const twoMoreReconciliations = async () => expect(await reconcileThroughWorkers(TEST_REDIS_URL, t.queuePrefix, 2)).toEqual([expect.objectContaining({ flagged: 0 }), expect.objectContaining({ flagged: 0 })]);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  /** n open dossiers (one by the API, the rest cloned in SQL) whose only pending deadline is `overdue`, inSeconds from now. */
  async function dossiersDueIn(n: number, inSeconds: number, agencyCode: string): Promise<string[]> {
    // The workers run on the machine's clock: received now, the dossier's own deadlines are days ahead of any sweep.
    t.clock.set(new Date());
    const res = await t.http
      .post('/api/v1/dossiers')
      .send({ procedureCode: '1.001193', agencyCode, channel: 'online', applicant: { type: 'citizen', fullName: 'Phạm D', idNumber: '001090088888' } })
      .expect(201);
    // One transaction: a sweep never sees a clone before its deadline is set.
    await db.transaction(async (m) => {
      // Times from the workers' own clock (Node's), not the database server's.
      const now = new Date();
      await m.query(`UPDATE dossier SET due_at = $2, due_soon_flagged_at = $3, step_overdue_flagged_at = $3 WHERE id = $1`, [
        res.body.id,
        new Date(now.getTime() + inSeconds * 1000),
        now,
      ]);
      await m.query(
        `INSERT INTO dossier
         SELECT (jsonb_populate_record(NULL::dossier, to_jsonb(d) || jsonb_build_object('id', gen_random_uuid(), 'code', d.code || '-' || g))).*
         FROM dossier d, generate_series(2, $2::int) g WHERE d.id = $1`,
        [res.body.id, n],
      );
      await m.query(`INSERT INTO dossier_agency (dossier_id, agency_code) SELECT id, agency_code FROM dossier WHERE code LIKE $1 ON CONFLICT DO NOTHING`, [
        `${res.body.code}-%`,
      ]);
    });
    const rows: { id: string }[] = await db.query('SELECT id FROM dossier WHERE agency_code = $1', [agencyCode]);
    expect(rows).toHaveLength(n);
    return rows.map((r) => r.id);
  }

  async function overdueCounts(ids: string[]): Promise<{ flagged: number; duplicates: number }> {
    const [row] = await db.query(
      `SELECT count(*)::int AS flagged, count(*) FILTER (WHERE n > 1)::int AS duplicates FROM (
         SELECT dossier_id, count(*) AS n FROM dossier_event WHERE type = 'OVERDUE' AND dossier_id = ANY($1::uuid[]) GROUP BY dossier_id) x`,
      [ids],
    );
    return row;
  }

  /** How many of these dossiers have their overdue wake-up armed in the queue (for the due time the row holds). */
  async function overdueJobsArmed(ids: string[]): Promise<number> {
    const queue = t.app.get<Queue>(getQueueToken(DEADLINE_QUEUE));
    const rows: { id: string; due_at: Date }[] = await db.query('SELECT id, due_at FROM dossier WHERE id = ANY($1::uuid[])', [ids]);
    const states = await Promise.all(rows.map((r) => queue.getJobState(deadlineJobId({ dossierId: r.id, kind: 'overdue', at: r.due_at.getTime() }))));
    return states.filter((s) => s !== 'unknown').length;
  }

  it('two workers flag 1,000 dossiers falling due together exactly once each', async () => {
    const ids = await dossiersDueIn(1000, 4, 'H12.01');
    await startWorker();
    await startWorker();
    await waitFor(async () => (await overdueCounts(ids)).flagged === 1000, 40_000, '1,000 OVERDUE flags');
    await twoMoreReconciliations();
    expect(await overdueCounts(ids)).toEqual({ flagged: 1000, duplicates: 0 });
    const [{ unflagged }] = await db.query(`SELECT count(*)::int AS unflagged FROM dossier WHERE id = ANY($1::uuid[]) AND overdue_flagged_at IS NULL`, [ids]);
    expect(unflagged).toBe(0);
  });

  it('rebuilds every timer from the database after Redis lost everything', async () => {
    await startWorker();
    // Far enough ahead that a loaded machine arms all 300 wake-ups before the first fires (a fired job is removed).
    const ids = await dossiersDueIn(300, 20, 'H12.02');
    // The reconciliation arms a wake-up for each of them; then Redis loses everything, those jobs included.
    await waitFor(async () => (await overdueJobsArmed(ids)) === ids.length || undefined, 15_000, 'the 300 overdue jobs');
    expect(await overdueCounts(ids)).toEqual({ flagged: 0, duplicates: 0 });
    expect(await deleteKeys(TEST_REDIS_URL, `${t.queuePrefix}:*`)).toBeGreaterThan(ids.length);
    await waitFor(async () => (await overdueCounts(ids)).flagged === 300, 40_000, '300 OVERDUE flags after the flush');
    await twoMoreReconciliations();
    expect(await overdueCounts(ids)).toEqual({ flagged: 300, duplicates: 0 });
  });

  it('finishes its running jobs and stops by itself on SIGTERM, losing nothing', async () => {
    const ids = await dossiersDueIn(500, 2, 'H12.02.03');
    const worker = await startWorker();
    await waitFor(async () => (await overdueCounts(ids)).flagged >= 20 || undefined, 40_000, 'the first flags');
    // Nest closes the workers and connections, then re-raises the signal: a clean exit shows as SIGTERM, not a crash code.
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })));
    worker.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    await startWorker();
    await waitFor(async () => (await overdueCounts(ids)).flagged === 500, 40_000, 'the remaining flags');
    expect(await overdueCounts(ids)).toEqual({ flagged: 500, duplicates: 0 });
  });

  it('loses no flag when a worker is killed with SIGKILL in the middle of a batch', async () => {
    const ids = await dossiersDueIn(1000, 3, 'H12.01.05');
    const first = await startWorker();
    await waitFor(async () => (await overdueCounts(ids)).flagged >= 50 || undefined, 40_000, 'the first flags');
    await stopWorkerProcess(first, 'SIGKILL');
    const atKill = (await overdueCounts(ids)).flagged;
    await startWorker();
    await waitFor(async () => (await overdueCounts(ids)).flagged === 1000, 40_000, 'the remaining flags');
    await twoMoreReconciliations();
    expect(await overdueCounts(ids)).toEqual({ flagged: 1000, duplicates: 0 });
    // Killed in the middle of the batch: some flags were left to the second worker.
    expect(atKill).toBeLessThan(1000);
  });
});
