import type { ChildProcess } from 'node:child_process';
import type { Pool } from 'pg';
import type { BenchOptions } from './bench-options';
import { cpuSeconds, type ProcessGroup } from './child-processes';

/** What every scenario needs: the running API, the databases, the options, somewhere to log and to keep details. */
export interface BenchContext {
  opts: BenchOptions;
  rootDir: string;
  baseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** The bench's own connections, for set-up queries and the raw baselines' templates. */
  db: Pool;
  processes: ProcessGroup;
  /** The API process, for its CPU time per request. */
  api: ChildProcess | null;
  /** The environment every product process gets (database, queue, log level). */
  productEnv: Record<string, string>;
  log(line: string): void;
  /** Extra figures for the JSON file, by scenario. */
  details: Record<string, unknown>;
}

export const PROCEDURE_CODE = '1.001193';

/** The API's CPU seconds so far (NaN without an API process). */
export function apiCpu(ctx: BenchContext): () => number {
  return () => (ctx.api ? cpuSeconds(ctx.api) : Number.NaN);
}
