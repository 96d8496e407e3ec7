import type { ChildProcess } from 'node:child_process';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { DEADLINE_QUEUE, RECONCILE_SCHEDULER_ID } from '@app/deadlines';
import { SEED_AGENCIES } from '@app/agencies';
import { checkConsistency, formatProblem } from '@app/consistency';
import { type FlagTally, flagTally, receivePastDue } from '../support/flag-tally';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { recordReliability } from '../support/reliability-report';
import { type TestApp, startTestApp } from '../support/test-app';
import { pause, waitFor } from '../support/wait-for';
import { reconcileThroughWorkers, stopWorkerProcess, useWorkerProcesses, workerEnvOf } from '../support/worker-process';

const DOSSIERS = 1000;
/** Each dossier has three passed deadlines: due soon, step overdue, overdue. */
const DUE = DOSSIERS * 3;

/**
 * Real worker processes (the compiled build) on a private Redis and a fresh database, with real time: 1,000 dossiers
 * received back-dated, so 3,000 deadlines fall due at once, and a fault hits while the workers flag them. Every flag
 * must arrive exactly once, in the event log and on the row.
 */
describe('deadline workers under faults', () => {
  let redis: RedisServer;
  let t: TestApp;
  let db: DataSource;
  const { running: workers, start } = useWorkerProcesses();
  const receivedAt = new Date(Date.now() - 14 * 24 * 3600_000);

  beforeAll(async () => {
    // Scenario b kills Redis: a private one, so the machine's Redis (shared with other tests) is never touched.
    redis = await startRedisServer();
    t = await startTestApp({ now: new Date().toISOString(), env: { REDIS_URL: redis.url, DATABASE_POOL_SIZE: '8' } });
    db = t.app.get<DataSource>(getDataSourceToken());
    // The API's own queue connection sees scenario b's outage too; its reconnection errors are expected there.
    t.app.get<Queue>(getQueueToken(DEADLINE_QUEUE)).on('error', () => undefined);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill('SIGTERM');
  });

  const startWorker = () => start(workerEnvOf(t, { REDIS_URL: redis.url, WORKER_CONCURRENCY: '50', DATABASE_POOL_SIZE: '8' }));
  const alive = (w: ChildProcess) => w.exitCode === null && w.signalCode === null;
  // A cut connection may fail a count: it is simply asked again. The workers run on the machine's clock, so the tally does too.
  const flaggedSoFar = async (ids: string[]) => (await flagTally(db, ids, new Date()).catch(() => null))?.flagged ?? 0;
  const untilFlagged = (ids: string[], count: number) => waitFor(async () => (await flaggedSoFar(ids)) >= count || undefined, 90_000, `${count} flags`);

  /**
   * Two workers running, then 3,000 deadlines falling due at the same moment: the queue is held while the dossiers are
   * received (their wake-ups pile up) and released at once. Returns the dossiers and the moment of release.
   */
  async function dueAtOnce(): Promise<{ ids: string[]; released: number }> {
    await startWorker();
    await startWorker();
    const queue = t.app.get<Queue>(getQueueToken(DEADLINE_QUEUE));
    await queue.pause();
    const ids = await receivePastDue(t, { n: DOSSIERS, agencies: SEED_AGENCIES.map((a) => a.code), receivedAt });
    await queue.resume();
    return { ids, released: Date.now() };
  }

  /** Waits for every flag, then two more reconciliation runs (a late duplicate would show), and counts. */
  async function settle(ids: string[], released: number): Promise<{ tally: FlagTally; timeToAllFlagsMs: number }> {
    await untilFlagged(ids, DUE);
    const timeToAllFlagsMs = Date.now() - released;
    // Two more runs of the workers' reconciliation, after which a late duplicate would show; they find nothing left to flag.
    expect((await reconcileThroughWorkers(redis.url, t.queuePrefix, 2, 60_000)).map((r) => r.flagged)).toEqual([0, 0]);
    return { tally: await flagTally(db, ids, new Date()), timeToAllFlagsMs };
  }

  /** Every flag once, and nothing else out of place: rows against their logs, codes, deadlines, queue jobs. */
  async function expectExactlyOnce(tally: FlagTally): Promise<void> {
    expect(tally).toEqual({ due: DUE, flagged: DUE, lost: 0, duplicates: 0, rowMismatches: 0 });
    const report = await checkConsistency({ databaseUrl: t.databaseUrl, redisUrl: redis.url, queuePrefix: t.queuePrefix, timers: { reconcileIntervalMs: 1000 } });
    expect(report.problems.map(formatProblem)).toEqual([]);
  }

  it('a) loses and doubles no flag when a worker is SIGKILLed mid-batch, twice, with two running', async () => {
    const { ids, released } = await dueAtOnce();
    const flagsAtKills: number[] = [];
    for (const fraction of [0.2, 0.5]) {
      await untilFlagged(ids, DUE * fraction);
      await stopWorkerProcess(workers.shift()!, 'SIGKILL');
      flagsAtKills.push(await flaggedSoFar(ids));
      await startWorker();
    }
    const { tally, timeToAllFlagsMs } = await settle(ids, released);

    await expectExactlyOnce(tally);
    expect(workers.every(alive)).toBe(true);
    // Both kills hit the batch mid-way: flags were still to come after each.
    expect(flagsAtKills.every((n) => n < DUE)).toBe(true);
    recordReliability('worker-faults-sigkill', {
      scenario: 'worker SIGKILLed mid-batch twice (2 workers, restarted)',
      operationsSent: DUE,
      faultsInjected: flagsAtKills.length,
      lost: tally.lost,
      duplicates: tally.duplicates,
      serverErrors: 0,
      dossiers: DOSSIERS,
      flagsAtKills: flagsAtKills.join(', '),
      timeToAllFlagsMs,
    });
  });

  it('b) rebuilds from PostgreSQL when Redis is SIGKILLed mid-batch and comes back empty', async () => {
    const { ids, released } = await dueAtOnce();
    await untilFlagged(ids, DUE * 0.3);
    const keysBefore = await dbSize(redis.url);
    await redis.kill('SIGKILL');
    const flagsAtKill = await flaggedSoFar(ids);
    await pause(1000); // Redis stays down a moment: the workers' connections fail and retry
    await redis.start();
    const { tally, timeToAllFlagsMs } = await settle(ids, released);

    expect(keysBefore).toBeGreaterThan(0);
    expect(flagsAtKill).toBeLessThan(DUE);
    await expectExactlyOnce(tally);
    // The workers reconnected (they did not exit) and put the reconciliation schedule back into the empty Redis.
    expect(workers.every(alive)).toBe(true);
    expect(await schedulerExists(redis.url, t.queuePrefix)).toBe(true);
    recordReliability('worker-faults-redis-restart', {
      scenario: 'Redis SIGKILLed mid-batch, restarted empty (2 workers)',
      operationsSent: DUE,
      faultsInjected: 1,
      lost: tally.lost,
      duplicates: tally.duplicates,
      serverErrors: 0,
      dossiers: DOSSIERS,
      redisKeysLost: keysBefore,
      flagsAtKill,
      timeToAllFlagsMs,
    });
  });

  it('c) survives its database connections being cut for 5 seconds and flags everything once', async () => {
    const { ids, released } = await dueAtOnce();
    await untilFlagged(ids, DUE * 0.2);
    const flagsAtCut = await flaggedSoFar(ids);
    const { terminated, rounds } = await cutConnections(t.databaseUrl, 5000);
    const { tally, timeToAllFlagsMs } = await settle(ids, released);

    expect(terminated).toBeGreaterThan(0);
    expect(flagsAtCut).toBeLessThan(DUE);
    await expectExactlyOnce(tally);
    // Both original workers are still running: a terminated connection is not fatal.
    expect(workers).toHaveLength(2);
    expect(workers.every(alive)).toBe(true);
    recordReliability('worker-faults-db-connections', {
      scenario: 'database connections terminated for 5 s (2 workers)',
      operationsSent: DUE,
      faultsInjected: terminated,
      lost: tally.lost,
      duplicates: tally.duplicates,
      serverErrors: 0,
      dossiers: DOSSIERS,
      terminationRounds: rounds,
      flagsAtCut,
      timeToAllFlagsMs,
    });
  });
});

/** Terminates every connection to the test database, again and again, for ms (as a failover or a network cut would). */
async function cutConnections(databaseUrl: string, ms: number): Promise<{ terminated: number; rounds: number }> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  let terminated = 0;
  let rounds = 0;
  try {
    for (const end = Date.now() + ms; Date.now() < end; rounds++) {
      const [row] = (
        await admin.query(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        )
      ).rows;
      terminated += row.n;
      await pause(100);
    }
  } finally {
    await admin.end();
  }
  return { terminated, rounds };
}

async function dbSize(url: string): Promise<number> {
  const r = new Redis(url);
  try {
    return await r.dbsize();
  } finally {
    r.disconnect();
  }
}

async function schedulerExists(url: string, prefix: string): Promise<boolean> {
  const queue = new Queue(DEADLINE_QUEUE, { connection: { url } as never, prefix });
  try {
    return Boolean(await queue.getJobScheduler(RECONCILE_SCHEDULER_ID));
  } finally {
    await queue.close();
  }
}
