import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ByteRange, FileStorage, ObjectTooLargeError, StorageUnavailableError, type StoredObject } from './file-storage';

const KEY = /^[0-9a-f]{64}$/;
/** Errors of the disk itself (full, read-only, not permitted, failing, the root not a directory): the store is unavailable (503). */
const UNAVAILABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOTDIR']);

function unavailable(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code && UNAVAILABLE.has(code) && (e as NodeJS.ErrnoException).syscall ? new StorageUnavailableError(`file storage: ${(e as Error).message}`, { cause: e }) : e;
}

/** Objects as files under `root/ab/abcdef…` (the first two hex digits fan the directory out); writes go through `root/tmp`. */
export class FilesystemStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  async put(body: Readable, maxBytes: number): Promise<StoredObject> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true }).catch((e: unknown) => {
      body.destroy();
      throw unavailable(e);
    });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new ObjectTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      // rename is atomic: a reader sees the whole object or none; the same bytes twice replace one file by an identical one.
      await rename(tmp, target);
      return { sha256, size };
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw unavailable(e);
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable | null> {
    if (!(await this.stat(sha256))) return null;
    return createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async stat(sha256: string): Promise<{ size: number; storedAt: Date } | null> {
    if (!KEY.test(sha256)) return null;
    try {
      const info = await stat(this.pathOf(sha256));
      return { size: info.size, storedAt: info.mtime };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (KEY.test(sha256)) await rm(this.pathOf(sha256), { force: true });
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    await mkdir(this.root, { recursive: true });
    for (const dir of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(join(this.root, dir))) {
        if (KEY.test(name)) yield { sha256: name, storedAt: (await stat(join(this.root, dir, name))).mtime };
      }
    }
  }

  async deleteStaleUploads(olderThan: Date): Promise<number> {
    const tmpDir = join(this.root, 'tmp');
    let deleted = 0;
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    for (const name of names) {
      const info = await stat(join(tmpDir, name)).catch(() => null);
      if (info && info.mtime < olderThan) {
        await rm(join(tmpDir, name), { force: true });
        deleted++;
      }
    }
    return deleted;
  }

  async ping(): Promise<void> {
    await mkdir(join(this.root, 'tmp'), { recursive: true }).catch((e: unknown) => {
      throw unavailable(e);
    });
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}
