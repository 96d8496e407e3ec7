import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { type FileStorage, FilesystemStorage, ObjectTooLargeError, S3_UPLOAD, S3Storage, StorageUnavailableError } from '@app/files';
import { freePort } from './support/redis-server';
import { type S3Server, startS3Server } from './support/s3-server';

const MB = 1024 * 1024;

/** What the contract needs from each adapter's side: the storage, and every key or file it holds, temporary ones included. */
interface Subject {
  storage: FileStorage;
  everything(): Promise<string[]>;
  close(): Promise<void>;
}

async function filesystemSubject(): Promise<Subject> {
  const root = mkdtempSync(join(tmpdir(), 'files-'));
  return {
    storage: new FilesystemStorage(root),
    everything: async () => (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]).filter((d) => d.isFile()).map((d) => relative(root, join(d.parentPath, d.name))),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
}

async function s3Subject(): Promise<Subject> {
  const server: S3Server = await startS3Server();
  const storage = new S3Storage(server.storage);
  const raw = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    storage,
    async everything() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await raw.send(new ListObjectsV2Command({ Bucket: server.bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    async close() {
      storage.destroy();
      raw.destroy();
      await server.close();
    },
  };
}

/** `size` bytes generated as they are read (never held whole: 64 KB chunks, each numbered), and their SHA-256. */
function generated(size: number): { stream: () => Readable; sha256: string } {
  const base = randomBytes(64 * 1024);
  const chunks = function* () {
    let left = size;
    for (let i = 0; left > 0; i++) {
      const c = Buffer.from(base);
      c.writeUInt32BE(i, 0);
      yield left >= c.length ? c : c.subarray(0, left);
      left -= c.length;
    }
  };
  const hash = createHash('sha256');
  for (const c of chunks()) hash.update(c);
  return { stream: () => Readable.from(chunks()), sha256: hash.digest('hex') };
}

async function bytesOf(stream: Readable | null): Promise<Buffer> {
  if (!stream) throw new Error('no object');
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function listed(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of storage.list()) keys.push(o.sha256);
  return keys.sort();
}

describe.each([
  ['filesystem', filesystemSubject],
  ['S3 (s3rver over HTTP)', s3Subject],
])('FileStorage contract: %s', (_name, make) => {
  let s: Subject;
  beforeEach(async () => {
    s = await make();
  });
  afterEach(async () => {
    await s?.close();
  });

  it('stores a multi-megabyte stream under its SHA-256 and size, and gives back all of it or an exact range', async () => {
    const body = randomBytes(12 * MB + 123);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const before = new Date(Date.now() - 60_000);

    expect(await s.storage.put(Readable.from([body.subarray(0, 7 * MB), body.subarray(7 * MB)]), 20 * MB)).toEqual({ sha256, size: body.length });

    const stat = await s.storage.stat(sha256);
    expect(stat?.size).toBe(body.length);
    expect(stat!.storedAt.getTime()).toBeGreaterThan(before.getTime());
    expect((await bytesOf(await s.storage.get(sha256))).equals(body)).toBe(true);
    expect((await bytesOf(await s.storage.get(sha256, { start: 0, end: 1 }))).equals(body.subarray(0, 2))).toBe(true);
    expect((await bytesOf(await s.storage.get(sha256, { start: 10, end: 10 }))).equals(body.subarray(10, 11))).toBe(true);
    const range = { start: 5 * MB - 10, end: 6 * MB + 9 };
    expect((await bytesOf(await s.storage.get(sha256, range))).equals(body.subarray(range.start, range.end + 1))).toBe(true);
    const tail = { start: body.length - 100, end: body.length - 1 };
    expect((await bytesOf(await s.storage.get(sha256, tail))).equals(body.subarray(tail.start))).toBe(true);

    const items: { sha256: string; storedAt: Date }[] = [];
    for await (const o of s.storage.list()) items.push(o);
    expect(items.map((o) => o.sha256)).toEqual([sha256]);
    expect(items[0].storedAt.getTime()).toBeGreaterThan(before.getTime());
  });

  it('stores the same bytes twice as one object', async () => {
    const body = randomBytes(300 * 1024);
    const first = await s.storage.put(Readable.from([body]), MB);
    const second = await s.storage.put(Readable.from([body.subarray(0, 1000), body.subarray(1000)]), MB);
    expect(second).toEqual(first);
    expect(await listed(s.storage)).toEqual([first.sha256]);
    expect(await s.everything()).toHaveLength(1);
  });

  it('dates an object from its latest write: bytes stored again are not an old orphan to the sweep', async () => {
    const body = Buffer.from('tờ khai');
    await s.storage.put(Readable.from([body]), MB);
    const storedAt = async () => {
      for await (const o of s.storage.list()) return o.storedAt.getTime();
      throw new Error('nothing listed');
    };
    const first = await storedAt();
    // S3 dates objects to the second.
    await new Promise((r) => setTimeout(r, 1100));
    await s.storage.put(Readable.from([body]), MB);
    expect(await storedAt()).toBeGreaterThan(first);
  });

  it('stores an empty body and several objects side by side; lists them all', async () => {
    const empty = await s.storage.put(Readable.from([]), MB);
    expect(empty).toEqual({ sha256: createHash('sha256').update('').digest('hex'), size: 0 });
    expect((await bytesOf(await s.storage.get(empty.sha256))).length).toBe(0);
    const others = await Promise.all([1, 2, 3].map((i) => s.storage.put(Readable.from([Buffer.from(`giấy tờ ${i}`)]), MB)));
    expect(await listed(s.storage)).toEqual([empty.sha256, ...others.map((o) => o.sha256)].sort());
  });

  it('answers null for a key it does not hold (or that is not a key), and deletes', async () => {
    const missing = 'a'.repeat(64);
    expect(await s.storage.get(missing)).toBeNull();
    expect(await s.storage.stat(missing)).toBeNull();
    expect(await s.storage.get('../etc/passwd')).toBeNull();
    await s.storage.delete(missing);

    const { sha256 } = await s.storage.put(Readable.from([Buffer.from('kết quả')]), MB);
    await s.storage.delete(sha256);
    expect(await s.storage.stat(sha256)).toBeNull();
    expect(await s.storage.get(sha256)).toBeNull();
    expect(await listed(s.storage)).toEqual([]);
    await s.storage.ping();
  });

  it('stops a write past the limit with ObjectTooLargeError and keeps nothing, in one part or many', async () => {
    await expect(s.storage.put(Readable.from([randomBytes(600), randomBytes(600)]), 1000)).rejects.toBeInstanceOf(ObjectTooLargeError);
    // Past several 5 MB parts: the multipart upload of S3 is aborted, not completed.
    const big = generated(30 * MB);
    const error = await s.storage.put(big.stream(), 12 * MB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectTooLargeError);
    expect((error as ObjectTooLargeError).limit).toBe(12 * MB);
    expect(await listed(s.storage)).toEqual([]);
    expect(await s.everything()).toEqual([]);
  });

  it('keeps nothing when the body fails midway, and passes its error on', async () => {
    const failing = async function* () {
      yield randomBytes(3 * MB);
      yield randomBytes(3 * MB);
      throw new Error('client went away');
    };
    await expect(s.storage.put(Readable.from(failing()), 20 * MB)).rejects.toThrow('client went away');
    expect(await listed(s.storage)).toEqual([]);
    expect(await s.everything()).toEqual([]);
  });

  it('streams a 50 MB body through without holding it: the hash and size come out right', async () => {
    const big = generated(50 * MB);
    expect(await s.storage.put(big.stream(), 60 * MB)).toEqual({ sha256: big.sha256, size: 50 * MB });
    const hash = createHash('sha256');
    for await (const c of (await s.storage.get(big.sha256))!) hash.update(c as Buffer);
    expect(hash.digest('hex')).toBe(big.sha256);
  });

  it('deletes the leftovers of uploads older than the cut-off, never a stored object', async () => {
    const kept = await s.storage.put(Readable.from([Buffer.from('hồ sơ')]), MB);
    expect(await s.storage.deleteStaleUploads(new Date(Date.now() + 60_000))).toBe(0);
    expect(await listed(s.storage)).toEqual([kept.sha256]);
  });
});

describe('FilesystemStorage', () => {
  it('answers StorageUnavailableError when its root cannot hold files, and stops reading the body', async () => {
    const storage = new FilesystemStorage('/dev/null/files');
    await expect(storage.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    const body = Readable.from([Buffer.from('x')]);
    await expect(storage.put(body, MB)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(body.destroyed).toBe(true);
  });
});

describe('S3Storage', () => {
  it('uploads in 5 MB parts, two at a time: memory stays near 15 MB whatever the size', () => {
    expect(S3_UPLOAD).toEqual({ partSize: 5 * MB, queueSize: 2 });
  });

  it('lays objects out as objects/<sha256> and removes its tmp/ uploads, stale ones by deleteStaleUploads', async () => {
    const server = await startS3Server();
    const storage = new S3Storage(server.storage);
    const raw = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const { sha256 } = await storage.put(Readable.from([Buffer.from('bản scan')]), MB);
      const keys = async () => ((await raw.send(new ListObjectsV2Command({ Bucket: server.bucket }))).Contents ?? []).map((o) => o.Key).sort();
      expect(await keys()).toEqual([`objects/${sha256}`]);
      // What a process killed between the upload and the copy leaves behind.
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      await raw.send(new PutObjectCommand({ Bucket: server.bucket, Key: 'tmp/00000000-0000-4000-8000-000000000000', Body: 'half' }));
      expect(await listed(storage)).toEqual([sha256]);
      expect(await storage.deleteStaleUploads(new Date(Date.now() - 3_600_000))).toBe(0);
      expect(await storage.deleteStaleUploads(new Date(Date.now() + 60_000))).toBe(1);
      expect(await keys()).toEqual([`objects/${sha256}`]);
    } finally {
      storage.destroy();
      raw.destroy();
      await server.close();
    }
  });

  it('answers StorageUnavailableError when the store cannot be reached, and stops reading the body', async () => {
    const port = await freePort();
    const storage = new S3Storage(
      { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'ho-so', accessKeyId: 'x', secretAccessKey: 'x', forcePathStyle: true },
      { maxAttempts: 1 },
    );
    try {
      await expect(storage.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.get('a'.repeat(64))).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.stat('a'.repeat(64))).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(listed(storage)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.put(Readable.from([Buffer.from('small')]), MB)).rejects.toBeInstanceOf(StorageUnavailableError);
      // Longer than one part: the store fails while the body is still flowing; the body is destroyed, not left hanging.
      const body = generated(40 * MB).stream();
      await expect(storage.put(body, 60 * MB)).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(body.destroyed).toBe(true);
    } finally {
      storage.destroy();
    }
  });

  it('answers StorageUnavailableError when the bucket does not exist', async () => {
    const server = await startS3Server();
    const storage = new S3Storage({ ...server.storage, bucket: 'no-such-bucket' });
    try {
      await expect(storage.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.get('a'.repeat(64))).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.put(Readable.from([Buffer.from('x')]), MB)).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      storage.destroy();
      await server.close();
    }
  });
});
