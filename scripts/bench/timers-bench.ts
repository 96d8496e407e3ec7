import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createPostgresBackend, Queue } from 'bullmq';
import Redis from 'ioredis';
import { Clock, loadConfig } from '@app/config';
import { DEADLINE_QUEUE, type DeadlineJobData, DeadlineScheduler, type DossierTimers } from '@app/deadlines';
import type { BenchContext } from './bench-context';
import type { ResultRow } from './bench-results';
import { whenOutput } from './child-processes';
import { cloneDossier, fixtureWrite, intakeOne } from './dossier-fixtures';

const TARGET_LAG_P99_MS = 1000;
const TARGET_BYTES_PER_DEADLINE = 1024;
/** As the reconciliation arms them. */
const ARM_BATCH = 1000;
/** Long enough that every deadline of the memory figure gets a job (the maximum TIMER_HORIZON_MINUTES). */
const WIDE_HORIZON_MINUTES = '10080';
const FLAG_TIMEOUT_MS = 300_000;

type Backend = 'redis' | 'postgres';

interface LagFigures {
  due: number;
  flagged: number;
  armSeconds: number;
  /** Time between the earliest deadline and the last flag. */
  drainSeconds: number;
  minMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  armedLate: boolean;
}

/**
 * Deadline timers: arm many through the product's DeadlineScheduler (rate, Redis memory per pending job), then make
 * thousands fall due within one second with worker processes running and measure how late each flag is in the
 * database (overdue_flagged_at − due_at); the lag again on the PostgreSQL queue backend.
 */
export async function benchTimers(ctx: BenchContext): Promise<ResultRow[]> {
  const { timersArmed, timersDue } = ctx.opts;
  const template = await intakeOne(ctx);
  const rows: ResultRow[] = [];

  // Redis: arm, measure memory, then the lag of `timersDue` of them moved to fall due together.
  const ids = await openDossiers(ctx, template.id, timersArmed, '-TR');
  const redisQueue = deadlineQueue(ctx, 'redis');
  const redis = new Redis(ctx.redisUrl);
  try {
    const scheduler = schedulerFor(ctx, redisQueue);
    const before = await redisFigures(redis, ctx.queuePrefix);
    ctx.log(`timers: arming ${timersArmed} deadlines through DeadlineScheduler (Redis)`);
    const t0 = process.hrtime.bigint();
    await armAll(scheduler, await timersOf(ctx, ids));
    const armSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const after = await redisFigures(redis, ctx.queuePrefix);
    const jobs = after.delayed - before.delayed;
    const perJob = (after.usedMemory - before.usedMemory) / jobs;
    const perJobByKeys = (await prefixMemory(redis, ctx.queuePrefix)) / after.delayed;
    ctx.details.timersArming = { armed: timersArmed, jobs, armSeconds, before, after, bytesPerJob: perJob, bytesPerJobByKeys: perJobByKeys };
    rows.push(
      { scenario: 'timers (Redis)', metric: 'arming rate (DeadlineScheduler.arm, batches of 1,000)', product: timersArmed / armSeconds, unit: '/s' },
      {
        scenario: 'timers (Redis)',
        metric: `Redis memory per pending deadline (used_memory delta / ${jobs.toLocaleString('en-US')} delayed jobs)`,
        product: perJob,
        unit: 'B',
        target: '≤ 1 KB',
        met: perJob <= TARGET_BYTES_PER_DEADLINE,
        note: `MEMORY USAGE of the queue's keys / delayed jobs: ${perJobByKeys.toFixed(0)} B`,
      },
    );
    const lag = await lagRun(ctx, 'redis', () => scheduler, ids.slice(0, timersDue), 10_000);
    ctx.details.timersRedis = lag;
    rows.push(...lagRows('redis', lag));
  } finally {
    await redisQueue.close();
    redis.disconnect();
  }

  // PostgreSQL backend: the same lag on fresh dossiers, workers and queue without REDIS_URL.
  const pgIds = await openDossiers(ctx, template.id, timersDue, '-TP');
  let pgQueue: Queue<DeadlineJobData> | null = null;
  try {
    // Opened once the workers have created BullMQ's schema: a queue checks it as it connects.
    const lag = await lagRun(ctx, 'postgres', () => schedulerFor(ctx, (pgQueue = deadlineQueue(ctx, 'postgres'))), pgIds, 30_000);
    ctx.details.timersPostgres = lag;
    rows.push(...lagRows('postgres', lag));
  } finally {
    await (pgQueue as Queue<DeadlineJobData> | null)?.close();
  }
  return rows;
}

/** `n` running dossiers whose only pending deadline is `overdue`, a day or two ahead (inside the wide horizon). */
async function openDossiers(ctx: BenchContext, templateId: string, n: number, suffix: string): Promise<string[]> {
  ctx.log(`timers: ${n} dossiers cloned in SQL`);
  const ids = await cloneDossier(ctx.db, templateId, n, suffix);
  await fixtureWrite(ctx.db, (c) =>
    c.query(
      `UPDATE dossier SET due_at = date_trunc('milliseconds', now() + interval '1 day' + random() * interval '1 day'),
         due_soon_flagged_at = now(), step_overdue_flagged_at = now()
       WHERE id = ANY($1::uuid[])`,
      [ids],
    ),
  );
  return ids;
}

/** The product's deadline queue as DeadlinesModule opens it, on either backend (per queue: the bench uses both). */
function deadlineQueue(ctx: BenchContext, backend: Backend): Queue<DeadlineJobData> {
  const queue =
    backend === 'redis'
      ? new Queue(DEADLINE_QUEUE, { connection: { url: ctx.redisUrl } as never, prefix: ctx.queuePrefix })
      : new Queue(DEADLINE_QUEUE, { connection: ctx.databaseUrl as never, prefix: ctx.queuePrefix }, createPostgresBackend as never);
  return queue as unknown as Queue<DeadlineJobData>;
}

/** The product's scheduler on the bench's own queue connection, with a horizon wide enough to arm everything. */
function schedulerFor(ctx: BenchContext, queue: Queue<DeadlineJobData>): DeadlineScheduler {
  const config = loadConfig({ ...ctx.productEnv, TIMER_HORIZON_MINUTES: WIDE_HORIZON_MINUTES });
  return new DeadlineScheduler(queue, config, new Clock());
}

async function timersOf(ctx: BenchContext, ids: string[]): Promise<DossierTimers[]> {
  const { rows } = await ctx.db.query<{ id: string; due_at: Date }>('SELECT id, due_at FROM dossier WHERE id = ANY($1::uuid[])', [ids]);
  return rows.map((r) => ({ dossierId: r.id, due_soon: null, overdue: r.due_at, step_overdue: null }));
}

async function armAll(scheduler: DeadlineScheduler, next: DossierTimers[], previous: DossierTimers[] = []): Promise<void> {
  for (let i = 0; i < next.length; i += ARM_BATCH) {
    await scheduler.arm(next.slice(i, i + ARM_BATCH), previous.slice(i, i + ARM_BATCH));
  }
}

async function redisFigures(redis: Redis, prefix: string): Promise<{ usedMemory: number; delayed: number }> {
  const info = await redis.info('memory');
  const usedMemory = Number(/^used_memory:(\d+)/m.exec(info)?.[1]);
  const delayed = await redis.zcard(`${prefix}:${DEADLINE_QUEUE}:delayed`);
  return { usedMemory, delayed };
}

/** Bytes held by the bench's queue keys (MEMORY USAGE), untouched by whatever else shares this Redis. */
async function prefixMemory(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) {
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      for (const [, bytes] of (await pipeline.exec()) ?? []) total += Number(bytes ?? 0);
    }
    cursor = next;
  } while (cursor !== '0');
  return total;
}

/**
 * Starts the workers on `backend`, moves the dossiers' deadlines to fall due within one second `leadMs` from now,
 * arms them (removing their earlier jobs, as a moved deadline does), and waits until every one is flagged.
 */
async function lagRun(ctx: BenchContext, backend: Backend, schedulerAfterStart: () => DeadlineScheduler, ids: string[], leadMs: number): Promise<LagFigures> {
  const workers = await startWorkers(ctx, backend);
  try {
    const scheduler = schedulerAfterStart();
    const firstDue = Date.now() + leadMs;
    const { rows } = await fixtureWrite(ctx.db, (c) =>
      c.query<{ id: string; due_at: Date; old_due_at: Date }>(
        `UPDATE dossier d SET due_at = to_timestamp(($2::bigint + floor(random() * 1000)::bigint) / 1000.0)
         FROM (SELECT id, due_at AS old_due_at FROM dossier WHERE id = ANY($1::uuid[])) o
         WHERE d.id = o.id RETURNING d.id, d.due_at, o.old_due_at`,
        [ids, firstDue],
      ),
    );
    ctx.log(`timers (${backend}): ${rows.length} deadlines fall due within one second, ${leadMs / 1000} s from now; arming`);
    const t0 = process.hrtime.bigint();
    await armAll(
      scheduler,
      rows.map((r) => ({ dossierId: r.id, due_soon: null, overdue: r.due_at, step_overdue: null })),
      rows.map((r) => ({ dossierId: r.id, due_soon: null, overdue: r.old_due_at, step_overdue: null })),
    );
    const armSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const armedLate = Date.now() > firstDue;
    if (armedLate) ctx.log(`timers (${backend}): arming finished after the first deadline; the lag includes arming`);
    const deadline = Date.now() + leadMs + FLAG_TIMEOUT_MS;
    let flagged = 0;
    while (Date.now() < deadline) {
      flagged = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier WHERE id = ANY($1::uuid[]) AND overdue_flagged_at IS NOT NULL', [ids])).rows[0].n;
      if (flagged === ids.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const [s] = (
      await ctx.db.query<{ min: number; p50: number; p99: number; max: number; drain: number }>(
        `SELECT min(lag) AS min, percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
                max(lag) AS max, extract(epoch FROM max(overdue_flagged_at) - min(due_at)) AS drain
         FROM (SELECT overdue_flagged_at, due_at, extract(epoch FROM overdue_flagged_at - due_at) * 1000 AS lag
               FROM dossier WHERE id = ANY($1::uuid[]) AND overdue_flagged_at IS NOT NULL) x`,
        [ids],
      )
    ).rows;
    ctx.log(`timers (${backend}): ${flagged}/${ids.length} flagged, lag p50 ${Number(s.p50).toFixed(0)} ms, p99 ${Number(s.p99).toFixed(0)} ms`);
    return {
      due: ids.length,
      flagged,
      armSeconds,
      drainSeconds: Number(s.drain),
      minMs: Number(s.min),
      p50Ms: Number(s.p50),
      p99Ms: Number(s.p99),
      maxMs: Number(s.max),
      armedLate,
    };
  } finally {
    await Promise.all(workers.map((w) => ctx.processes.stop(w)));
  }
}

async function startWorkers(ctx: BenchContext, backend: Backend): Promise<ChildProcess[]> {
  const env: Record<string, string> = {
    ...ctx.productEnv,
    WORKER_CONCURRENCY: String(ctx.opts.workerConcurrency),
    // A connection for every job running at once, and a few for the reconciliation.
    DATABASE_POOL_SIZE: String(ctx.opts.workerConcurrency + 5),
  };
  if (backend === 'postgres') delete env.REDIS_URL;
  const script = join(ctx.rootDir, 'dist/apps/worker/src/main.js');
  // One at a time: each migrates and runs its start-up reconciliation.
  const workers: ChildProcess[] = [];
  for (let i = 1; i <= ctx.opts.workers; i++) {
    workers.push(await ctx.processes.start({ name: `worker-${backend}-${i}`, script, env, ready: whenOutput('Worker started') }));
  }
  return workers;
}

function lagRows(backend: Backend, lag: LagFigures): ResultRow[] {
  const scenario = `timers (${backend === 'redis' ? 'Redis' : 'PostgreSQL queue'})`;
  const due = lag.due.toLocaleString('en-US');
  const judged = backend === 'redis';
  const incomplete = lag.flagged < lag.due ? `only ${lag.flagged} of ${lag.due} flagged in time` : undefined;
  return [
    { scenario, metric: `lag p50, ${due} due within 1 s`, product: lag.p50Ms, unit: 'ms' },
    {
      scenario,
      metric: `lag p99, ${due} due within 1 s`,
      product: lag.p99Ms,
      unit: 'ms',
      ...(judged ? { target: '≤ 1 s', met: lag.flagged === lag.due && lag.p99Ms <= TARGET_LAG_P99_MS } : {}),
      note: incomplete,
    },
    { scenario, metric: `lag max, ${due} due within 1 s`, product: lag.maxMs, unit: 'ms', note: lag.armedLate ? 'armed after the first deadline' : undefined },
    { scenario, metric: 'flags/s while draining', product: lag.flagged / Math.max(lag.drainSeconds, 1e-3), unit: '/s' },
  ];
}
