import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { DEADLINE_QUEUE, RECONCILE_JOB } from '@app/deadlines';
import { spawnReady, stopProcess } from './child-process';
import { DIST_DIR } from './dist';
import { TEST_REDIS_URL } from './redis-server';

const WORKER_MAIN = join(DIST_DIR, 'apps/worker/src/main.js');

/** A real worker process (the compiled build, as production runs it); `npm test` builds before testing. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first (or set TEST_DIST_DIR)`);
  const { child, output } = await spawnReady(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'log', ...env },
    ready: 'Worker started',
    timeoutMs: 30_000,
    what: 'worker',
  });
  if (process.env.DEBUG_WORKERS) {
    const log = createWriteStream(`${process.env.DEBUG_WORKERS}/worker-${child.pid}.log`);
    log.write(output);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return child;
}

export const stopWorkerProcess = stopProcess;

/** A worker process's environment on a test app's database and queue (the machine's Redis unless `extra` names another), sweeping every second. */
export function workerEnvOf(t: { databaseUrl: string; queuePrefix: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: t.databaseUrl, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: t.queuePrefix, RECONCILE_INTERVAL_SECONDS: '1', ...extra };
}

export interface WorkerProcesses {
  /** The workers the current test started, oldest first; a test may take one out (shift) to stop it itself. */
  readonly running: ChildProcess[];
  start(env: Record<string, string>): Promise<ChildProcess>;
}

/** For a describe block: worker processes a test starts, each SIGKILLed after that test (also when it failed). */
export function useWorkerProcesses(): WorkerProcesses {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => stopProcess(w, 'SIGKILL')));
  });
  return {
    running,
    async start(env) {
      const worker = await startWorkerProcess(env);
      running.push(worker);
      return worker;
    },
  };
}

/**
 * Has the running workers reconcile `runs` times, one after the other, through the queue (the job the schedule adds every
 * RECONCILE_INTERVAL_SECONDS), and returns what each run did. Once all flags are in, this is when a late duplicate would
 * show; waiting on the jobs, not on a guess of how long the runs take, and not on the schedule, which a SIGKILLed worker
 * can hold up until BullMQ's stalled-job check.
 */
export async function reconcileThroughWorkers(redisUrl: string, queuePrefix: string, runs: number, timeoutMs = 30_000): Promise<{ flagged: number; armed: number }[]> {
  const connection = { url: redisUrl } as never;
  const queue = new Queue(DEADLINE_QUEUE, { connection, prefix: queuePrefix });
  const events = new QueueEvents(DEADLINE_QUEUE, { connection, prefix: queuePrefix });
  try {
    await events.waitUntilReady();
    const results: { flagged: number; armed: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const job = await queue.add(RECONCILE_JOB, {});
      results.push(await job.waitUntilFinished(events, timeoutMs));
    }
    return results;
  } finally {
    await events.close();
    await queue.close();
  }
}
