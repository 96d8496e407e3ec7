import type { ChildProcess } from 'node:child_process';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileStorage, FilesystemStorage, S3Storage, type S3StorageOptions } from '@app/files';
import { authHeaders } from './auth-headers';
import { apiCpu, type BenchContext } from './bench-context';
import { freePort, randomHex } from './bench-environment';
import { FILE_CONCURRENCY } from './bench-options';
import { type ResultRow, ratioOf } from './bench-results';
import { rssMiB, sleep, whenHealthy, whenOutput } from './child-processes';
import { closedLoop } from './closed-loop';
import { intakeOne } from './dossier-fixtures';
import { drain, FilesClient, MiB, pdfStream, type UploadedFile } from './file-transfer';
import { type LoadFigures, loadFigures } from './stats';

type StoreKind = 'filesystem' | 's3';

const SIZES_MIB = [1, 20] as const;
const LARGE_MIB = 200;
/** The API's RSS while one 200 MiB upload streams through may grow by at most this much over idle. */
const RSS_BUDGET_MIB = 50;
const RSS_SAMPLE_MS = 20;
const S3_BUCKET = 'bench-files';

interface Store {
  kind: StoreKind;
  /** What the API gets to use this store (FILE_STORAGE and its settings). */
  env: Record<string, string>;
  /** The same store written straight through its adapter in the bench process: the raw ceiling. */
  raw: FileStorage;
  /** Frees the room the run's objects take between sizes (the filesystem only: s3rver keeps its own). */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Dossier files through the API on the filesystem store and on S3 (a real s3rver over HTTP): upload and download of 1 and
 * 20 MiB files, each beside the same bytes put into and read from the storage adapter directly; then the API's RSS while
 * one 200 MiB upload streams through, against its idle RSS.
 */
export async function benchFiles(ctx: BenchContext): Promise<ResultRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-files-'));
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  try {
    for (const kind of ['filesystem', 's3'] as const) {
      const store = kind === 's3' ? await s3Store(ctx, join(work, 's3')) : filesystemStore(join(work, 'filesystem'));
      try {
        rows.push(...(await benchStore(ctx, store, details)));
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  ctx.details.files = details;
  return rows;
}

function filesystemStore(dir: string): Store {
  const apiDir = join(dir, 'api');
  const rawDir = join(dir, 'raw');
  return {
    kind: 'filesystem',
    env: { FILE_STORAGE: 'filesystem', DATA_DIR: apiDir },
    raw: new FilesystemStorage(rawDir),
    clear() {
      // The API recreates its directories on the next upload; its rows then name missing objects, which the bench never reads.
      for (const d of [join(apiDir, 'files'), rawDir]) rmSync(d, { recursive: true, force: true });
    },
    close: async () => undefined,
  };
}

/** s3rver (the server the S3 adapter's tests use) as a child process of its own, so that it does not share the load generator's event loop. */
async function s3Store(ctx: BenchContext, dir: string): Promise<Store> {
  let endpoint = '';
  const server = await ctx.processes.start({
    name: 's3rver',
    script: join(ctx.rootDir, 'node_modules/s3rver/bin/s3rver.js'),
    args: ['--directory', dir, '--address', '127.0.0.1', '--port', '0', '--silent', '--configure-bucket', S3_BUCKET],
    env: {},
    ready: async (output) => {
      await whenOutput('S3rver listening on')(output);
      endpoint = `http://${/S3rver listening on (\S+:\d+)/.exec(output())![1]}`;
    },
  });
  const options: S3StorageOptions = { endpoint, region: 'us-east-1', bucket: S3_BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
  await keepTmpDirectory(options);
  const raw = new S3Storage(options);
  return {
    kind: 's3',
    env: {
      FILE_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: options.region,
      S3_BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    raw,
    clear: () => undefined,
    async close() {
      raw.destroy();
      await ctx.processes.stop(server);
    },
  };
}

/**
 * s3rver keeps a key's "directories" as directories and removes one when its last object is deleted: an upload whose
 * temporary object is deleted while another is being written into tmp/ makes that write fail (ENOENT) and crashes s3rver.
 * One object that stays in tmp/ keeps the directory (a real S3 store has no directories).
 */
async function keepTmpDirectory(options: S3StorageOptions): Promise<void> {
  const s3 = new S3Client({
    endpoint: options.endpoint!,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: options.accessKeyId!, secretAccessKey: options.secretAccessKey! },
  });
  try {
    await s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: 'tmp/keep', Body: 'keeps the tmp/ directory of s3rver' }));
  } finally {
    s3.destroy();
  }
}

async function benchStore(ctx: BenchContext, store: Store, details: Record<string, unknown>): Promise<ResultRow[]> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = await ctx.processes.start({
    name: `api (files on ${store.kind})`,
    script: join(ctx.rootDir, 'dist/apps/api/src/main.js'),
    args: ['--api-only'],
    env: {
      ...ctx.productEnv,
      ...store.env,
      PORT: String(port),
      DATABASE_POOL_SIZE: String(ctx.opts.apiPool),
      // Raised for the bench: the 200 MiB file, and every upload of a run into a handful of dossiers.
      FILE_MAX_BYTES: String(256 * MiB),
      DOSSIER_FILES_MAX_BYTES: String(1024 * 1024 * MiB),
    },
    ready: whenHealthy(`${baseUrl}/health`),
  });
  const sub: BenchContext = { ...ctx, baseUrl, api };
  const client = new FilesClient(baseUrl, await authHeaders(baseUrl, 'reception'));
  const label = store.kind === 's3' ? 'S3 (s3rver)' : 'filesystem';
  try {
    // One dossier per client: uploads to one dossier take its row lock in turn, which is not what is measured here.
    const dossiers: string[] = [];
    for (let i = 0; i < Math.max(...FILE_CONCURRENCY) + 1; i++) dossiers.push((await intakeOne(sub, 900_000 + i)).id);
    const rows: ResultRow[] = [];

    // A few uploads and downloads first, so that "idle" is a process that has served some (its code loaded, its pools open).
    for (let i = 0; i < 5; i++) await client.download(await client.upload(dossiers[0], MiB, tag()));
    rows.push(...(await largeUpload(sub, client, dossiers[dossiers.length - 1], label, details)));
    store.clear();

    ctx.log(`files (${label}): warm-up, ${ctx.opts.warmupSeconds} s`);
    await closedLoop(2, ctx.opts.warmupSeconds, (i) => () => client.upload(dossiers[i], MiB, tag()).then(() => undefined));
    for (const sizeMiB of SIZES_MIB) {
      const size = sizeMiB * MiB;
      for (const clients of FILE_CONCURRENCY) {
        const scenario = `files (${label}), ${sizeMiB} MiB, ${clients} client${clients > 1 ? 's' : ''}`;
        const figures = await transfers(sub, store, client, dossiers, size, clients);
        details[scenario] = figures;
        ctx.log(
          `${scenario}: upload ${mibPerSecond(figures.upload, size).toFixed(1)} MiB/s (raw ${mibPerSecond(figures.rawPut, size).toFixed(1)}), ` +
            `download ${mibPerSecond(figures.download, size).toFixed(1)} MiB/s (raw ${mibPerSecond(figures.rawGet, size).toFixed(1)})`,
        );
        rows.push(...transferRows(scenario, size, figures));
      }
      store.clear();
    }
    return rows;
  } finally {
    client.close();
    await ctx.processes.stop(api);
  }
}

interface TransferFigures {
  upload: LoadFigures;
  rawPut: LoadFigures;
  download: LoadFigures;
  rawGet: LoadFigures;
}

/** Uploads over HTTP, the same bytes put into the adapter, then downloads of what was uploaded, and reads of what was put. */
async function transfers(ctx: BenchContext, store: Store, client: FilesClient, dossiers: string[], size: number, clients: number): Promise<TransferFigures> {
  const seconds = ctx.opts.seconds;
  const uploaded: UploadedFile[] = [];
  const cpu = apiCpu(ctx);
  const cpu0 = cpu();
  const upload = await closedLoop(clients, seconds, (i) => async () => {
    uploaded.push(await client.upload(dossiers[i], size, tag()));
  });
  upload.apiCpuMsPerOp = ((cpu() - cpu0) * 1000) / Math.max(1, upload.ok);

  const put: string[] = [];
  const rawPut = await closedLoop(clients, seconds, () => async () => {
    put.push((await store.raw.put(pdfStream(size, tag()), Number.POSITIVE_INFINITY)).sha256);
  });

  // Nothing uploaded (the store failed throughout): the upload rows say why; no download to measure.
  if (uploaded.length === 0 || put.length === 0) return { upload, rawPut, download: loadFigures([], 0, 0), rawGet: loadFigures([], 0, 0) };
  const cpu1 = cpu();
  const download = await closedLoop(clients, seconds, (i) => {
    let next = i;
    return () => client.download(uploaded[next++ % uploaded.length]);
  });
  download.apiCpuMsPerOp = ((cpu() - cpu1) * 1000) / Math.max(1, download.ok);

  const rawGet = await closedLoop(clients, seconds, (i) => {
    let next = i;
    return async () => {
      const body = await store.raw.get(put[next++ % put.length]);
      if (!body || (await drain(body)) !== size) throw new Error('raw get: object missing or short');
    };
  });
  return { upload, rawPut, download, rawGet };
}

function transferRows(scenario: string, size: number, f: TransferFigures): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const [what, product, raw] of [
    ['upload', f.upload, f.rawPut],
    ['download', f.download, f.rawGet],
  ] as const) {
    const rate = mibPerSecond(product, size);
    const rawRate = mibPerSecond(raw, size);
    rows.push(
      { scenario, metric: `${what} MiB/s`, product: rate, raw: rawRate, unit: 'MiB/s', ratio: ratioOf(rate, rawRate) },
      { scenario, metric: `${what}s/s`, product: product.perSecond, raw: raw.perSecond, unit: '/s' },
      { scenario, metric: `${what} p99 latency`, product: product.p99Ms, raw: raw.p99Ms, unit: 'ms' },
      { scenario, metric: `API CPU per ${what}`, product: product.apiCpuMsPerOp ?? null, unit: 'ms' },
    );
    if (product.errors + raw.errors > 0) {
      rows.push({ scenario, metric: `${what} errors`, product: product.errors, raw: raw.errors, note: [...product.errorSamples, ...raw.errorSamples].join(' | ') });
    }
  }
  return rows;
}

/** The API's RSS (VmRSS, sampled every 20 ms) while one 200 MiB file is uploaded, against its RSS when idle just before. */
async function largeUpload(ctx: BenchContext, client: FilesClient, dossierId: string, label: string, details: Record<string, unknown>): Promise<ResultRow[]> {
  const api = ctx.api as ChildProcess;
  await sleep(1000);
  const idleSamples: number[] = [];
  for (let i = 0; i < 10; i++) {
    idleSamples.push(rssMiB(api));
    await sleep(100);
  }
  const idle = Math.max(...idleSamples);
  let peak = idle;
  const timer = setInterval(() => {
    const now = rssMiB(api);
    if (now > peak) peak = now;
  }, RSS_SAMPLE_MS);
  const t0 = process.hrtime.bigint();
  let error: string | null = null;
  try {
    await client.upload(dossierId, LARGE_MIB * MiB, tag());
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    clearInterval(timer);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = rssMiB(api);
  const growth = peak - idle;
  const scenario = `files (${label}), one ${LARGE_MIB} MiB upload`;
  ctx.log(`${scenario}: API RSS idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB (+${growth.toFixed(0)}), ${seconds.toFixed(1)} s${error ? `; failed: ${error}` : ''}`);
  details[scenario] = { idleMiB: idle, peakMiB: peak, afterMiB: after, growthMiB: growth, seconds, error };
  return [
    { scenario, metric: 'API RSS idle', product: idle, unit: 'MiB' },
    { scenario, metric: 'API RSS peak while uploading', product: peak, unit: 'MiB' },
    {
      scenario,
      metric: 'API RSS growth (peak − idle)',
      product: growth,
      unit: 'MiB',
      target: `≤ ${RSS_BUDGET_MIB} MiB`,
      met: error === null && growth <= RSS_BUDGET_MIB,
      ...(error ? { note: `the upload failed: ${error}` } : {}),
    },
    { scenario, metric: 'upload MiB/s', product: error ? null : LARGE_MIB / seconds, unit: 'MiB/s' },
  ];
}

const mibPerSecond = (f: LoadFigures, size: number) => (f.perSecond * size) / MiB;

const RUN = randomHex(4);
let tagged = 0;
/** A name unique in the run, written into each file so that no two files have the same bytes. */
function tag(): string {
  return `${RUN}-${tagged++}`;
}
