import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnReady, stopProcess } from './child-process';
import { DIST_DIR } from './dist';

const WORKER_MAIN = join(DIST_DIR, 'apps/worker/src/main.js');

/** A real worker process (the compiled build, as production runs it); `npm test` builds before testing. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first`);
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
