import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ByteRange, FileStorage, ObjectTooLargeError, StorageUnavailableError, type StoredObject } from './file-storage';

const KEY = /^[0-9a-f]{64}$/;
const OBJECTS = 'objects/';
const TMP = 'tmp/';

/** Where the store is and who we are to it (AppConfig.files.storage when FILE_STORAGE=s3). */
export interface S3StorageOptions {
  /** null: the AWS endpoint of the region. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** null: the SDK's default credential chain (instance role, AWS_* variables, profile). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

/**
 * Memory of one upload stays near PART_SIZE × (QUEUE_SIZE + 1) whatever the file's size: the smallest part S3 accepts,
 * two parts in flight.
 */
export const S3_UPLOAD = { partSize: 5 * 1024 * 1024, queueSize: 2 } as const;

/**
 * Objects in one bucket: `objects/<sha256>` holds the bytes; `tmp/<uuid>` is an upload whose hash is not known yet (the key
 * is the hash of the bytes, known only once they have all flowed), copied to its final key at the end (over the same bytes
 * when they are there already, as the filesystem's rename does) and then deleted.
 * A crash between the two leaves a `tmp/` object, which deleteStaleUploads removes.
 */
export class S3Storage extends FileStorage {
  private readonly client: S3Client;

  constructor(
    private readonly options: S3StorageOptions,
    /** Only for tests: e.g. fewer retries against an endpoint that is down. */
    clientConfig: Partial<S3ClientConfig> = {},
  ) {
    super();
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } } : {}),
      // The SDK's default CRC32 checksums on every request are not understood by every S3-compatible store (older MinIO, s3rver); we hash the bytes ourselves.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // An unreachable store fails the request in seconds (503) instead of holding it for the OS's connect timeout.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      ...clientConfig,
    });
  }

  async put(body: Readable, maxBytes: number): Promise<StoredObject> {
    const tmpKey = `${TMP}${randomUUID()}`;
    const deleteTmp = () => this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: tmpKey })).catch(() => undefined);
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
    // A failed multipart upload is aborted by Upload itself (leavePartsOnError false): no parts remain.
    const upload = new Upload({ client: this.client, params: { Bucket: this.options.bucket, Key: tmpKey, Body: meter }, ...S3_UPLOAD, leavePartsOnError: false });
    // Who failed first decides the answer: the body's own error (or the client going away) is not the store's, nor the reverse.
    let bodyFailedFirst = false;
    const bodyFailed = () => (bodyFailedFirst ||= !meter.destroyed);
    body.once('error', bodyFailed);
    body.once('close', () => body.readableEnded || bodyFailed());
    // The store failing stops the reading of the body too (Upload leaves the stream unread).
    const uploading = upload.done().catch((e: unknown) => {
      meter.destroy(e as Error);
      throw e;
    });
    const [piped, uploaded] = await Promise.allSettled([pipeline(body, meter), uploading]);
    if (piped.status === 'rejected' || uploaded.status === 'rejected') {
      await deleteTmp();
      if (piped.status === 'rejected' && (piped.reason instanceof ObjectTooLargeError || bodyFailedFirst)) throw piped.reason;
      throw unavailable(uploaded.status === 'rejected' ? uploaded.reason : (piped as PromiseRejectedResult).reason);
    }
    const sha256 = hash.digest('hex');
    try {
      // Copied even when these bytes are stored already: the fresh LastModified keeps an old orphan of the same bytes from the sweep.
      await this.client.send(new CopyObjectCommand({ Bucket: this.options.bucket, Key: OBJECTS + sha256, CopySource: `${this.options.bucket}/${tmpKey}` }));
    } catch (e) {
      await deleteTmp();
      throw unavailable(e);
    }
    // The object is stored: a temporary key left by a failed delete is the sweep's (deleteStaleUploads), not the caller's concern.
    await deleteTmp();
    return { sha256, size };
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable | null> {
    if (!KEY.test(sha256)) return null;
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: OBJECTS + sha256, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return res.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw unavailable(e);
    }
  }

  async stat(sha256: string): Promise<{ size: number; storedAt: Date } | null> {
    if (!KEY.test(sha256)) return null;
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: OBJECTS + sha256 }));
      return { size: res.ContentLength ?? 0, storedAt: res.LastModified ?? new Date(0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw unavailable(e);
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!KEY.test(sha256)) return;
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: OBJECTS + sha256 }));
    } catch (e) {
      throw unavailable(e);
    }
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    for await (const item of this.keys(OBJECTS)) {
      const sha256 = item.key.slice(OBJECTS.length);
      if (KEY.test(sha256)) yield { sha256, storedAt: item.lastModified };
    }
  }

  async deleteStaleUploads(olderThan: Date): Promise<number> {
    let deleted = 0;
    for await (const item of this.keys(TMP)) {
      if (item.lastModified >= olderThan) continue;
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: item.key }));
      } catch (e) {
        throw unavailable(e);
      }
      deleted++;
    }
    return deleted;
  }

  async ping(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (e) {
      throw unavailable(e);
    }
  }

  /** Closes the client's sockets (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }

  private async *keys(prefix: string): AsyncIterable<{ key: string; lastModified: Date }> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (e) {
        throw unavailable(e);
      }
      for (const o of page.Contents ?? []) if (o.Key && o.LastModified) yield { key: o.Key, lastModified: o.LastModified };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

/** No such key (GET's NoSuchKey, HEAD's bodiless NotFound); a missing bucket (NoSuchBucket) is the store misconfigured, not a missing file. */
function isNotFound(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

/** Whatever the store answered (refused connection, timeout, 5xx, bad credentials, missing bucket), the caller can only answer 503. */
function unavailable(e: unknown): StorageUnavailableError {
  if (e instanceof StorageUnavailableError) return e;
  const err = e as { name?: string; message?: string };
  return new StorageUnavailableError(`object store: ${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`, { cause: e });
}
