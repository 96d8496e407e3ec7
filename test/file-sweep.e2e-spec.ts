import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { FILE_SWEEP_JOB, FILE_SWEEP_QUEUE, FILE_SWEEP_SCHEDULER_ID, FileOrphanSweeper } from '@app/dossiers';
import { FileStorage } from '@app/files';
import { type TestApp, startTestApp } from './support/test-app';

const RECEPTION = { 'X-Actor-Roles': 'reception', 'X-Actor-Username': 'sweep-reception' };
const HOUR = 3_600_000;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text} ${randomBytes(8).toString('hex')}\n%%EOF\n`, 'latin1');

/** The orphan sweep (issue 16, architecture.md "Files"): bytes no row references are deleted after the grace period, nothing else. */
describe('file orphan sweep', () => {
  let t: TestApp;
  let db: DataSource;
  let dataDir: string;
  let storage: FileStorage;
  let sweeper: FileOrphanSweeper;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'files-sweep-'));
    t = await startTestApp({ withWorker: true, env: { DATA_DIR: dataDir, FILE_ORPHAN_GRACE_MINUTES: '60' } });
    db = t.app.get<DataSource>(getDataSourceToken());
    storage = t.app.get(FileStorage);
    sweeper = t.app.get(FileOrphanSweeper);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const pathOf = (sha: string) => join(dataDir, 'files', sha.slice(0, 2), sha);
  /** Dates an object's last write `ago` ms before the real now (the storage dates objects by the real clock). */
  const age = async (sha: string, ago: number) => {
    const then = new Date(Date.now() - ago);
    await utimes(pathOf(sha), then, then);
  };
  const exists = (sha: string) => stat(pathOf(sha)).then(() => true, () => false);
  const intake = async () =>
    (
      await t.http
        .post('/api/v1/dossiers')
        .set(RECEPTION)
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Trần Thị B', idNumber: '001090054321' } })
        .expect(201)
    ).body as { id: string };
  const upload = (id: string, file: Buffer) =>
    t.http.post(`/api/v1/dossiers/${id}/files`).set(RECEPTION).field('kind', 'component').field('documentCode', 'GDN').attach('file', file, { filename: 'scan.pdf', contentType: 'application/pdf' });

  beforeEach(() => t.clock.set(new Date()));

  it('deletes old unreferenced bytes and unfinished uploads; keeps referenced and young ones', async () => {
    const d = await intake();
    const attached = pdf('attached');
    await upload(d.id, attached).expect(201);
    await age(sha256(attached), 3 * HOUR);
    const oldOrphan = await storage.put(Readable.from([pdf('old orphan')]), 1 << 20);
    await age(oldOrphan.sha256, 2 * HOUR);
    const youngOrphan = await storage.put(Readable.from([pdf('young orphan')]), 1 << 20);
    await age(youngOrphan.sha256, HOUR / 2);
    const tmp = join(dataDir, 'files', 'tmp');
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, 'killed-upload'), 'half a file');
    await utimes(join(tmp, 'killed-upload'), new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 2 * HOUR));
    await writeFile(join(tmp, 'in-flight-upload'), 'a file on its way');

    expect(await sweeper.sweep()).toEqual({ orphans: 1, staleUploads: 1 });
    expect(await exists(oldOrphan.sha256)).toBe(false);
    expect(await exists(youngOrphan.sha256)).toBe(true);
    expect(await exists(sha256(attached))).toBe(true);
    expect(await stat(join(tmp, 'in-flight-upload')).then(() => true)).toBe(true);
    await t.http.get(`/api/v1/dossiers/${d.id}/files`).expect(200);

    // The grace period is judged by the injected clock: two hours on, the young orphan goes too.
    t.clock.set(new Date(Date.now() + 2 * HOUR));
    expect(await sweeper.sweep()).toEqual({ orphans: 1, staleUploads: 1 });
    expect(await exists(youngOrphan.sha256)).toBe(false);
    expect(await exists(sha256(attached))).toBe(true);
  });

  it('keeps old bytes that an upload stores again: the upload renews them and its row references them', async () => {
    const d = await intake();
    const bytes = pdf('stored twice');
    await storage.put(Readable.from([bytes]), 1 << 20);
    await age(sha256(bytes), 3 * HOUR);
    const file = (await upload(d.id, bytes).expect(201)).body as { id: string };
    t.clock.set(new Date(Date.now() + 30 * 60_000));
    await sweeper.sweep();
    const back = await t.http.get(`/api/v1/dossiers/${d.id}/files/${file.id}`).buffer(true).expect(200);
    expect(sha256(Buffer.from(back.body as Buffer))).toBe(sha256(bytes));
  });

  it('answers 503 and writes nothing when the bytes vanish before their row (the sweep took them)', async () => {
    const d = await intake();
    const bytes = pdf('taken by the sweep');
    const sha = sha256(bytes);
    // Hold the object's lock as the sweep does while it deletes; the upload stores its bytes and then waits for the lock.
    const sweep = db.createQueryRunner();
    await sweep.connect();
    await sweep.startTransaction();
    try {
      await sweep.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`file-object:${sha}`]);
      const pending = upload(d.id, bytes).then((r) => r);
      await waitFor(async () => (await exists(sha)) && (await lockWaiters(db)) > 0);
      await rm(pathOf(sha));
      await sweep.commitTransaction();
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.body.error).toBe('storage_unavailable');
    } finally {
      if (sweep.isTransactionActive) await sweep.rollbackTransaction();
      await sweep.release();
    }
    const [{ files, events }] = await db.query(
      `SELECT (SELECT count(*)::int FROM dossier_file WHERE dossier_id = $1) AS files,
              (SELECT count(*)::int FROM dossier_event WHERE dossier_id = $1 AND type = 'FILE_ATTACHED') AS events`,
      [d.id],
    );
    expect({ files, events }).toEqual({ files: 0, events: 0 });
    // Sent again, the same file is stored and recorded.
    await upload(d.id, bytes).expect(201);
  });

  it('is scheduled on the worker every grace period, and its job runs the sweep', async () => {
    const queue = t.app.get<Queue>(getQueueToken(FILE_SWEEP_QUEUE));
    const scheduler = await queue.getJobScheduler(FILE_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ every: HOUR });
    const orphan = await storage.put(Readable.from([pdf('for the job')]), 1 << 20);
    await age(orphan.sha256, 2 * HOUR);
    const job = await queue.add(FILE_SWEEP_JOB, {});
    await waitFor(async () => (await job.getState()) === 'completed');
    expect(await exists(orphan.sha256)).toBe(false);
  });
});

async function lockWaiters(db: DataSource): Promise<number> {
  const [{ n }] = await db.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
  return n;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
