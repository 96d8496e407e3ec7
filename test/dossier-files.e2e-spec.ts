import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { checkConsistency } from '@app/consistency';
import { FilesystemStorage } from '@app/files';
import { TEST_REDIS_URL, type TestApp, startTestApp } from './support/test-app';

const RECEPTION = { 'X-Actor-Roles': 'reception', 'X-Actor-Username': 'files-reception' };
const SPECIALIST = { 'X-Actor-Roles': 'specialist', 'X-Actor-Username': 'files-specialist' };
const LEADER = { 'X-Actor-Roles': 'leader', 'X-Actor-Username': 'files-leader' };
const CLERK = { 'X-Actor-Roles': 'clerk', 'X-Actor-Username': 'files-clerk' };
const SUPERVISOR = { 'X-Actor-Roles': 'supervisor', 'X-Actor-Username': 'files-supervisor' };
const OTHER_AGENCY = { 'X-Actor-Roles': 'reception', 'X-Actor-Username': 'files-kinhbac', 'X-Actor-Agency': 'H12.02' };
const MAX_BYTES = 64 * 1024;
const VIETNAMESE_NAME = 'Giấy đề nghị đăng ký hộ kinh doanh.pdf';

/** A small but well-formed PDF: what file-type looks for is the header. */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The start of a Windows executable, named .pdf. */
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'), Buffer.alloc(200, 0)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('dossier files (issue 16)', () => {
  let t: TestApp;
  let db: DataSource;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'files-api-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir, FILE_MAX_BYTES: String(MAX_BYTES), DOSSIER_FILES_MAX_BYTES: String(4 * MAX_BYTES) } });
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const intake = async () =>
    (
      await t.http
        .post('/api/v1/dossiers')
        .set(RECEPTION)
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Nguyễn Văn A', idNumber: '001090012345' } })
        .expect(201)
    ).body as { id: string; code: string };
  const upload = (id: string, headers: Record<string, string>, fields: Record<string, string>, file: Buffer, name = 'scan.pdf') => {
    let req = t.http.post(`/api/v1/dossiers/${id}/files`).set(headers);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename: name, contentType: 'application/pdf' });
  };
  const count = async (table: 'dossier_file' | 'dossier_event', id: string, where = '') =>
    Number((await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE dossier_id = $1 ${where}`, [id]))[0].n);
  const objects = async () => {
    const root = join(dataDir, 'files');
    const dirs = (await readdir(root).catch(() => [])).filter((d) => /^[0-9a-f]{2}$/.test(d));
    return (await Promise.all(dirs.map((d) => readdir(join(root, d))))).flat();
  };
  const check = (verifyBytes = false) =>
    checkConsistency({
      verifyBytes,
      databaseUrl: t.databaseUrl,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: t.queuePrefix,
      timers: { dueSoonWorkingDays: 1, horizonMs: 7 * 86_400_000, reconcileIntervalMs: 60_000 },
      now: t.clock.now(),
      storage: new FilesystemStorage(join(dataDir, 'files')),
    });
  const binary = (res: { on(e: string, cb: (c?: Buffer) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c) => chunks.push(c!));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  it('attaches scans at the desk, lists them and serves them back with ETag, ranges and the Vietnamese name', async () => {
    const d = await intake();
    const scan = pdf('giấy đề nghị');
    const res = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN' }, scan, VIETNAMESE_NAME).expect(201);
    expect(res.body).toMatchObject({
      kind: 'component',
      documentCode: 'GDN',
      fileName: VIETNAMESE_NAME,
      contentType: 'application/pdf',
      size: scan.length,
      sha256: sha256(scan),
      uploadedBy: { username: 'files-reception' },
      supersedes: null,
    });
    const photo = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GTPL' }, PNG, 'cccd.png').expect(201);
    expect(photo.body.contentType).toBe('image/png');

    const list = await t.http.get(`/api/v1/dossiers/${d.id}/files`).set(SPECIALIST).expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([res.body.id, photo.body.id]);

    const url = `/api/v1/dossiers/${d.id}/files/${res.body.id}`;
    const full = await t.http.get(url).set(SUPERVISOR).buffer(true).parse(binary).expect(200);
    expect(sha256(full.body as Buffer)).toBe(sha256(scan));
    expect(full.headers['content-type']).toBe('application/pdf');
    expect(full.headers.etag).toBe(`"${sha256(scan)}"`);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.headers['content-disposition']).toBe(
      `attachment; filename="Giay de nghi dang ky ho kinh doanh.pdf"; filename*=UTF-8''${encodeURIComponent(VIETNAMESE_NAME)}`,
    );

    await t.http.get(url).set(SPECIALIST).set('If-None-Match', `"${sha256(scan)}"`).expect(304);
    const part = await t.http.get(url).set(SPECIALIST).set('Range', 'bytes=5-12').buffer(true).parse(binary).expect(206);
    expect((part.body as Buffer).equals(scan.subarray(5, 13))).toBe(true);
    expect(part.headers['content-range']).toBe(`bytes 5-12/${scan.length}`);
    const tail = await t.http.get(url).set(SPECIALIST).set('Range', 'bytes=-6').buffer(true).parse(binary).expect(206);
    expect((tail.body as Buffer).equals(scan.subarray(scan.length - 6))).toBe(true);
    const beyond = await t.http.get(url).set(SPECIALIST).set('Range', `bytes=${scan.length}-`).expect(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${scan.length}`);

    // Each attach is a FILE_ATTACHED event with its actor; the dossier does not move.
    const events = (await t.http.get(`/api/v1/dossiers/${d.id}/events`).expect(200)).body.items;
    const attached = events.filter((e: { type: string }) => e.type === 'FILE_ATTACHED');
    expect(attached).toHaveLength(2);
    expect(attached[0]).toMatchObject({ actor: { username: 'files-reception' }, fromStatus: 'processing', toStatus: 'processing', fromStep: 'receive', toStep: 'receive' });
    expect(attached[0].data).toMatchObject({ fileId: res.body.id, sha256: sha256(scan), documentCode: 'GDN' });
    const dossier = (await t.http.get(`/api/v1/dossiers/${d.id}`).expect(200)).body;
    expect(dossier).toMatchObject({ status: 'processing', currentStep: { id: 'receive' } });

    // The public lookup never shows files.
    const pub = await t.raw.get(`/api/v1/public/dossiers/${d.code}`).expect(200);
    expect(JSON.stringify(pub.body)).not.toMatch(/file|sha256/i);

    // The log replays: FILE_ATTACHED changes nothing the checker compares.
    expect((await check()).problems.filter((p) => p.dossierId === d.id && p.kind !== 'timer_missing')).toEqual([]);
    // …and it verifies that every row's bytes are in the storage with their size.
    await rm(join(dataDir, 'files', sha256(PNG).slice(0, 2), sha256(PNG)));
    const missing = (await check()).problems.filter((p) => p.dossierId === d.id && p.kind === 'file_missing');
    expect(missing).toEqual([expect.objectContaining({ field: `file ${photo.body.id}` })]);
    // Bytes changed in place: the same size passes the quick check and fails the hash; another size fails both.
    const scanPath = join(dataDir, 'files', sha256(scan).slice(0, 2), sha256(scan));
    await writeFile(scanPath, Buffer.from(scan).reverse());
    const damaged = (verify: boolean) => check(verify).then((r) => r.problems.filter((p) => p.dossierId === d.id && p.kind === 'file_damaged'));
    expect(await damaged(false)).toEqual([]);
    expect(await damaged(true)).toEqual([expect.objectContaining({ field: `file ${res.body.id}`, message: expect.stringContaining('hash to') })]);
    await writeFile(scanPath, scan.subarray(1));
    expect(await damaged(false)).toEqual([expect.objectContaining({ field: `file ${res.body.id}`, message: expect.stringContaining(`${scan.length - 1} bytes`) })]);
  });

  it('replaces a file by a new one that supersedes it; the old one stays', async () => {
    const d = await intake();
    const first = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN' }, pdf('v1')).expect(201);
    const second = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN', supersedes: first.body.id }, pdf('v2')).expect(201);
    expect(second.body.supersedes).toBe(first.body.id);
    const items = (await t.http.get(`/api/v1/dossiers/${d.id}/files`).expect(200)).body.items;
    expect(items.map((f: { id: string }) => f.id)).toEqual([first.body.id, second.body.id]);
    const other = await intake();
    const bad = await upload(other.id, RECEPTION, { kind: 'component', supersedes: first.body.id }, pdf('v3')).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'supersedes', code: 'no_such_reference' });
  });

  it('takes components from the step’s officers, results only at the completing step, and nothing from others', async () => {
    const d = await intake();
    // The specialist does not hold the receiving step yet; another agency does not see the dossier at all.
    await upload(d.id, SPECIALIST, { kind: 'component' }, pdf('x')).expect(403);
    await upload(d.id, OTHER_AGENCY, { kind: 'component' }, pdf('x')).expect(404);
    await t.http.get(`/api/v1/dossiers/${d.id}/files`).set(OTHER_AGENCY).expect(404);
    await upload(d.id, RECEPTION, { kind: 'result' }, pdf('x')).expect(403);
    for (const by of [RECEPTION, SPECIALIST, LEADER, CLERK]) await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(by).send({ type: 'FORWARD' }).expect(200);
    // The last step (the desk's "Trả kết quả") completes the dossier: its officer attaches the result, before COMPLETE or
    // right after it, until the dossier is delivered.
    await upload(d.id, CLERK, { kind: 'result' }, pdf('x')).expect(403);
    await upload(d.id, RECEPTION, { kind: 'result' }, pdf('kết quả')).expect(201);
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(RECEPTION).send({ type: 'COMPLETE', resultType: 'approved' }).expect(200);
    await upload(d.id, RECEPTION, { kind: 'result' }, pdf('kết quả, bản ký số')).expect(201);
    await upload(d.id, RECEPTION, { kind: 'component' }, pdf('x')).expect(403);
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(RECEPTION).send({ type: 'DELIVER' }).expect(200);
    await upload(d.id, RECEPTION, { kind: 'result' }, pdf('x')).expect(403);
    expect(await count('dossier_file', d.id, "AND kind = 'result'")).toBe(2);
    expect(await count('dossier_event', d.id, "AND type = 'FILE_ATTACHED'")).toBe(await count('dossier_file', d.id));
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const d = await intake();
    const before = await objects();
    const exe = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN' }, EXE, 'giay-de-nghi.pdf').expect(415);
    expect(exe.body).toMatchObject({ error: 'unsupported_file_type', details: { detected: 'application/x-msdownload' } });

    const big = Buffer.concat([pdf('big'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN' }, big).expect(413);
    expect(tooLarge.body).toMatchObject({ error: 'payload_too_large', details: { scope: 'file' } });

    const unknown = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'XYZ' }, pdf('x')).expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'documentCode', code: 'no_such_reference' });

    const empty = await upload(d.id, RECEPTION, { kind: 'component' }, Buffer.alloc(0)).expect(400);
    expect(empty.body.details[0]).toMatchObject({ field: 'file', code: 'empty_file' });

    const noKind = await upload(d.id, RECEPTION, {}, pdf('x')).expect(400);
    expect(noKind.body.details[0]).toMatchObject({ field: 'kind', code: 'required' });
    await t.http.post(`/api/v1/dossiers/${d.id}/files`).set(RECEPTION).send({ kind: 'component' }).expect(415);

    expect(await count('dossier_file', d.id)).toBe(0);
    expect(await count('dossier_event', d.id, "AND type = 'FILE_ATTACHED'")).toBe(0);
    expect(await objects()).toEqual(before);
  });

  it('refuses past the dossier’s total (DOSSIER_FILES_MAX_BYTES)', async () => {
    const d = await intake();
    const chunk = (n: number) => Buffer.concat([pdf(`part ${n}`), Buffer.alloc(MAX_BYTES - 200, 0x20 + n)]);
    for (const n of [1, 2, 3, 4]) await upload(d.id, RECEPTION, { kind: 'component' }, chunk(n)).expect(201);
    const over = await upload(d.id, RECEPTION, { kind: 'component' }, chunk(5)).expect(413);
    expect(over.body.details).toMatchObject({ scope: 'dossier' });
    expect(await count('dossier_file', d.id)).toBe(4);
  });

  it('answers 503 when the storage is unreachable, with no row and no event', async () => {
    const d = await intake();
    const root = join(dataDir, 'files');
    await rename(root, `${root}.away`);
    // A regular file where the directory should be: every write fails.
    await writeFile(root, 'not a directory');
    try {
      const res = await upload(d.id, RECEPTION, { kind: 'component', documentCode: 'GDN' }, pdf('x')).expect(503);
      expect(res.body.error).toBe('storage_unavailable');
    } finally {
      await rm(root, { force: true });
      await rename(`${root}.away`, root);
    }
    expect(await count('dossier_file', d.id)).toBe(0);
    expect(await count('dossier_event', d.id, "AND type = 'FILE_ATTACHED'")).toBe(0);
  });
});
