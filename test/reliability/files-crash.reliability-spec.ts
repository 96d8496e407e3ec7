import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FixedClock, loadConfig } from '@app/config';
import { checkConsistency } from '@app/consistency';
import { dataSourceOptions } from '@app/database';
import { FileOrphanSweeper } from '@app/dossiers';
import { createFileStorage, type FileStorage } from '@app/files';
import { ApiProcess, createApiEnvironment } from '../support/api-process';
import { call, intakeBody, login, random, RELIABILITY_SEED as SEED } from '../support/load-client';
import { freePort } from '../support/redis-server';
import { recordReliability } from '../support/reliability-report';
import { type S3Server, startS3Server } from '../support/s3-server';
import { pause } from '../support/wait-for';

/**
 * The API is killed (SIGKILL) in the middle of 50 concurrent uploads, three times (issue 16, architecture.md "Files"):
 * afterwards every acknowledged file is readable with its hash, no row points to missing or different bytes, and the orphan
 * sweep leaves exactly the objects rows reference, with no unfinished upload behind.
 */

const UPLOADS = 50;
const ROUNDS = 3;
const DOSSIERS = 10;
const CHUNK = 32 * 1024;
const HOUR = 3_600_000;

interface Sent {
  dossierId: string;
  sha256: string;
  size: number;
  status: number;
  fileId?: string;
}

/** A multipart body sent slowly (a chunk every few ms), so the kill finds uploads at every stage. */
function slowMultipart(boundary: string, bytes: Buffer, delayMs: number): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentCode"\r\n\r\nGDN\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-chup.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    for (let at = 0; at < bytes.length; at += CHUNK) {
      yield bytes.subarray(at, at + CHUNK);
      await pause(delayMs);
    }
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  })();
}

async function upload(baseUrl: string, token: string, dossierId: string, bytes: Buffer, delayMs: number): Promise<Sent> {
  const boundary = `----motcua${randomBytes(8).toString('hex')}`;
  const sent: Sent = { dossierId, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, status: 0 };
  try {
    const res = await fetch(`${baseUrl}/api/v1/dossiers/${dossierId}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: slowMultipart(boundary, bytes, delayMs) as unknown as RequestInit['body'],
      duplex: 'half',
      signal: AbortSignal.timeout(60_000),
    } as RequestInit);
    sent.status = res.status;
    const body = (await res.json().catch(() => null)) as { id?: string } | null;
    if (res.status === 201) sent.fileId = body?.id;
  } catch {
    // No answer: the outcome is unknown (the row may or may not exist; if it does, its bytes must be there).
  }
  return sent;
}

function s3Client(s3: S3Server): S3Client {
  return new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
}

async function readAll(storage: FileStorage): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const o of storage.list()) keys.add(o.sha256);
  return keys;
}

describe.each(['filesystem', 's3'] as const)('the API is killed during concurrent uploads (%s store)', (store) => {
  it(`${ROUNDS} SIGKILLs in the middle of ${UPLOADS} uploads each: every acknowledged file is readable with its hash, no row without its bytes, orphans swept (RELIABILITY_SEED=${SEED})`, async () => {
    const rnd = random(SEED);
    const dataDir = await mkdtemp(join(tmpdir(), 'files-crash-'));
    const s3 = store === 's3' ? await startS3Server() : null;
    const storageEnv: Record<string, string> = s3
      ? { FILE_STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_REGION: 'us-east-1', S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' }
      : {};
    const env = await createApiEnvironment({ DATA_DIR: dataDir, ...storageEnv });
    const config = loadConfig({ DATA_DIR: dataDir, FILE_ORPHAN_GRACE_MINUTES: '60', ...storageEnv });
    const storage = createFileStorage(config.files.storage);
    const api = new ApiProcess(await freePort(), env.env);
    const db = new Client({ connectionString: env.databaseUrl });
    const dataSource = new DataSource(dataSourceOptions(env.databaseUrl, 2));
    try {
      // s3rver removes tmp/ when its last object goes and then fails an upload writing there at that moment (MinIO and S3
      // do not): a standing object keeps the directory. The sweep deletes it at the end with the other stale tmp data.
      if (s3) await s3Client(s3).send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'tmp/keep', Body: 'keep' }));
      await api.start();
      await db.connect();
      await dataSource.initialize();
      let token = await login(api.url, 'reception');
      const dossiers: string[] = [];
      for (let i = 0; i < DOSSIERS; i++) {
        const res = await call(api.url, 'POST', '/api/v1/dossiers', { token, body: intakeBody('1.001193', `Người nộp ${i}`, `0010900${String(10000 + i)}`) });
        expect(res.status).toBe(201);
        dossiers.push(res.body.id);
      }

      const sent: Sent[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        let answered = 0;
        const wave = Array.from({ length: UPLOADS }, (_, i) => {
          const size = 64 * 1024 + Math.floor(rnd() * 1.5 * 1024 * 1024);
          const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size)]);
          return upload(api.url, token, dossiers[i % DOSSIERS], bytes, 2 + Math.floor(rnd() * 6)).then((s) => {
            answered++;
            return s;
          });
        });
        // Killed once a few uploads are acknowledged: others are then between bytes and row, most are still sending.
        const killAfter = 5 + Math.floor(rnd() * 15);
        const until = Date.now() + 30_000;
        while (answered < killAfter && Date.now() < until) await pause(5);
        await api.kill('SIGKILL');
        sent.push(...(await Promise.all(wave)));
        await api.start();
        token = await login(api.url, 'reception');
      }

      const acked = sent.filter((s) => s.status === 201);
      const unanswered = sent.filter((s) => s.status === 0);
      const serverErrors = sent.filter((s) => s.status >= 500);
      expect(acked.length).toBeGreaterThan(0);
      expect(unanswered.length).toBeGreaterThan(0);
      // Any answer but 201 or none is a defect here (every request is valid); 503 would mean the store failed.
      expect(sent.filter((s) => s.status !== 201 && s.status !== 0)).toEqual([]);

      // Every acknowledged file is there once and reads back with its hash.
      let lost = 0;
      for (const s of acked) {
        const res = await fetch(`${api.url}/api/v1/dossiers/${s.dossierId}/files/${s.fileId}`, { headers: { Authorization: `Bearer ${token}` } });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200 || createHash('sha256').update(bytes).digest('hex') !== s.sha256) lost++;
      }
      expect(lost).toBe(0);
      const rows: { id: string; sha256: string; size: string }[] = (await db.query('SELECT id, sha256, size FROM dossier_file')).rows;
      const rowIds = new Set(rows.map((r) => r.id));
      expect(acked.filter((s) => !rowIds.has(s.fileId!))).toEqual([]);
      expect(rowIds.size).toBe(rows.length);
      // A row only for what was sent (acknowledged, or sent and unanswered), never twice for one upload.
      const sentShas = new Map([...acked, ...unanswered].map((s) => [s.sha256, s.size]));
      expect(rows.filter((r) => sentShas.get(r.sha256) !== Number(r.size))).toEqual([]);
      const duplicates = rows.length - new Set(rows.map((r) => r.sha256)).size;
      expect(duplicates).toBe(0);

      // No row without its bytes: the checker reads every object back and hashes it.
      const report = await checkConsistency({ databaseUrl: env.databaseUrl, queue: false, storage, verifyBytes: true });
      expect(report.problems.filter((p) => p.kind.startsWith('file_'))).toEqual([]);

      // The sweep, two hours on: exactly the referenced objects stay, no unfinished upload is left.
      const before = await readAll(storage);
      const referenced = new Set(rows.map((r) => r.sha256));
      const orphansBefore = [...before].filter((k) => !referenced.has(k)).length;
      const sweeper = new FileOrphanSweeper(dataSource, storage, new FixedClock(new Date(Date.now() + 2 * HOUR)), config);
      const swept = await sweeper.sweep();
      expect(swept.orphans).toBe(orphansBefore);
      expect([...(await readAll(storage))].sort()).toEqual([...referenced].sort());
      if (store === 'filesystem') expect(await readdir(join(dataDir, 'files', 'tmp')).catch(() => [])).toEqual([]);
      else expect((await s3Client(s3!).send(new ListObjectsV2Command({ Bucket: s3!.bucket, Prefix: 'tmp/' }))).KeyCount ?? 0).toBe(0);

      recordReliability(`files-crash-${store}`, {
        scenario: `SIGKILL of the API during ${UPLOADS} concurrent uploads, ${ROUNDS} times (${store} store)`,
        operationsSent: sent.length,
        faultsInjected: ROUNDS,
        lost,
        duplicates,
        serverErrors: serverErrors.length,
        acknowledged: acked.length,
        unanswered: unanswered.length,
        rowsOfUnanswered: rows.length - acked.length,
        orphansSwept: swept.orphans,
        staleUploadsSwept: swept.staleUploads,
      });
    } finally {
      await api.kill('SIGKILL');
      await db.end().catch(() => undefined);
      if (dataSource.isInitialized) await dataSource.destroy();
      if (storage && 'destroy' in storage) (storage as { destroy(): void }).destroy();
      await env.cleanup();
      await s3?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
