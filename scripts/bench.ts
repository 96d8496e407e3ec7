/* eslint-disable no-console -- a command-line tool */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import Redis from 'ioredis';
import type { BenchContext } from './bench/bench-context';
import { Cleanup, createBenchDatabase, deleteRedisKeys, freePort, randomHex } from './bench/bench-environment';
import { type BenchOptions, parseOptions, UsageError } from './bench/bench-options';
import { markdownTable, type ResultRow, writeResults } from './bench/bench-results';
import { ProcessGroup, whenHealthy } from './bench/child-processes';
import { formatSummary, summarizeProfile } from './bench/cpu-profile';
import { benchFiles } from './bench/files-bench';
import { benchIntake } from './bench/intake-bench';
import { benchReports } from './bench/reports-bench';
import { benchTimers } from './bench/timers-bench';
import { benchTransitions } from './bench/transitions-bench';

const ROOT = join(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROFILE_DIR = '/tmp/prof';

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** `npm run bench`: the product's processes against the local PostgreSQL and Redis, each figure beside its raw ceiling. */
async function main(opts: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const cleanup = new Cleanup(log);
  const profiling = process.env.BENCH_CPU_PROF === '1';
  if (profiling) mkdirSync(PROFILE_DIR, { recursive: true });
  const processes = new ProcessGroup(log, profiling ? PROFILE_DIR : null);
  cleanup.add('process monitor', async () => processes.dispose());
  try {
    const database = await createBenchDatabase(ADMIN_URL);
    const db = new Pool({ connectionString: database.url, max: 4 });
    // Dropping the database at the end ends these connections too; an idle one reports it as an error event.
    db.on('error', () => undefined);
    // Clean-ups run last-registered first: the processes stop, the keys go, the database is dropped (FORCE ends any
    // statement of ours still running), and only then does the bench's own pool close.
    cleanup.add('close the bench pool', () => db.end());
    cleanup.add(`drop database ${database.name}`, () => database.drop());
    const queuePrefix = `bench-${randomHex(5)}`;
    cleanup.add(`delete Redis keys ${queuePrefix}:*`, () => deleteRedisKeys(REDIS_URL, queuePrefix));
    cleanup.add('stop the product processes', () => processes.stopAll());
    log(`database ${database.name}, queue prefix ${queuePrefix}`);

    const productEnv: Record<string, string> = {
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // A production start needs a signing secret for the login tokens.
      JWT_SECRET: randomHex(32),
    };
    const port = await freePort();
    const ctx: BenchContext = {
      opts,
      rootDir: ROOT,
      baseUrl: `http://127.0.0.1:${port}`,
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      queuePrefix,
      db,
      processes,
      api: null,
      productEnv,
      log,
      details: {},
    };

    const rows: ResultRow[] = [];
    const needsApi = (['intake', 'transitions', 'timers'] as const).some((s) => opts.only.has(s));
    if (needsApi) {
      const api = (ctx.api = await processes.start({
        name: 'api',
        script: join(ROOT, 'dist/apps/api/src/main.js'),
        args: ['--api-only'],
        // One connection per client at 32 clients would only queue inside PostgreSQL on two cores; see --api-pool.
        env: { ...productEnv, PORT: String(port), DATABASE_POOL_SIZE: String(opts.apiPool) },
        ready: whenHealthy(`${ctx.baseUrl}/health`),
      }));
      if (opts.only.has('intake')) rows.push(...(await benchIntake(ctx)));
      if (opts.only.has('transitions')) rows.push(...(await benchTransitions(ctx)));
      if (opts.only.has('timers')) rows.push(...(await benchTimers(ctx)));
      await processes.stop(api);
    }
    // Its own API processes, one per file store (FILE_STORAGE), on the same database.
    if (opts.only.has('files')) rows.push(...(await benchFiles(ctx)));
    await processes.stopAll();
    const profiles: Record<string, unknown> = {};
    for (const { name, file } of processes.profiles()) {
      const summary = summarizeProfile(file, 30);
      profiles[name] = { file, ...summary };
      log(`${name}: ${formatSummary(summary)}\n(profile: ${file})`);
    }
    if (profiling) ctx.details.cpuProfiles = profiles;

    if (opts.only.has('reports')) {
      // A database of its own: the reports benchmark generates its dossiers, and its rollups must see only those.
      const reportsDb = await createBenchDatabase(ADMIN_URL);
      cleanup.add(`drop database ${reportsDb.name}`, () => reportsDb.drop());
      const reportRows = await benchReports(ctx, reportsDb.url);
      if (reportRows) rows.push(...reportRows);
      else {
        log('reports: not available');
        rows.push({ scenario: 'reports', metric: 'reports: not available', product: null, note: 'scripts/bench-reports.ts is not in this build' });
      }
    }

    const rss = processes.peakRssMiB();
    for (const [name, mib] of Object.entries(rss)) rows.push({ scenario: 'memory', metric: `peak RSS, ${name}`, product: mib, unit: 'MiB' });
    const machine = await machineInfo(db);
    const table = markdownTable(rows);
    console.log(`\n${machine.summary}\n\n${table}\n`);
    const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}, ${r.metric}: ${r.note}`);
    if (notes.length) console.log(`${notes.join('\n')}\n`);
    const file = writeResults(ROOT, startedAt, { startedAt, finishedAt: new Date(), machine, options: { ...opts, only: [...opts.only] }, rows, details: ctx.details });
    log(`results written to ${file}`);
  } finally {
    await cleanup.runAll();
  }
}

async function machineInfo(db: Pool) {
  const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const redis = new Redis(REDIS_URL);
  const redisVersion = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? '?';
  redis.disconnect();
  const cores = cpus().length;
  const memGiB = totalmem() / 1024 ** 3;
  const summary = `Machine: ${cores} cores (${cpus()[0]?.model.trim()}), ${memGiB.toFixed(0)} GiB, Node ${process.versions.node}, PostgreSQL ${version.split(' ')[0]}, Redis ${redisVersion}`;
  return { cores, cpuModel: cpus()[0]?.model.trim(), memGiB, node: process.versions.node, postgres: version, redis: redisVersion, summary };
}

let opts: BenchOptions;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(e instanceof UsageError ? 2 : 1);
}
main(opts).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
