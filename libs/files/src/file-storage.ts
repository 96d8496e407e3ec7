import type { Readable } from 'node:stream';

/** What a stored object is: its key is the SHA-256 of its bytes (hex), so the same bytes are stored once. */
export interface StoredObject {
  sha256: string;
  size: number;
}

/** An inclusive byte range, as HTTP Range requests name it. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A write stopped because the bytes went past the limit the caller set: nothing is stored. */
export class ObjectTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`object larger than ${limit} bytes`);
  }
}

/** The store cannot be reached or refused the operation: the request answers 503 and writes nothing. */
export class StorageUnavailableError extends Error {}

/**
 * Where dossier files' bytes live: the filesystem by default, an S3-compatible store in production (FILE_STORAGE).
 * Bytes are streamed both ways; no adapter holds a whole object in memory.
 */
export abstract class FileStorage {
  /**
   * Streams `body` into the store under its SHA-256, computed while it flows; stops with ObjectTooLargeError past
   * `maxBytes`. Storing bytes that are already there succeeds and leaves one copy.
   */
  abstract put(body: Readable, maxBytes: number): Promise<StoredObject>;

  /** The object's bytes, or the inclusive range of them; null when no object has this key. */
  abstract get(sha256: string, range?: ByteRange): Promise<Readable | null>;

  /** Size of the stored object and when it was last written (a put of the same bytes renews it), or null when there is none. */
  abstract stat(sha256: string): Promise<{ size: number; storedAt: Date } | null>;

  abstract delete(sha256: string): Promise<void>;

  /** Every stored key with when it was written: the orphan sweep compares them with the rows. */
  abstract list(): AsyncIterable<{ sha256: string; storedAt: Date }>;

  /**
   * Deletes the temporary data of uploads begun before `olderThan` (a process killed mid-upload leaves it; list() never shows
   * it); the orphan sweep calls it with its grace period. Returns how many it deleted.
   */
  abstract deleteStaleUploads(olderThan: Date): Promise<number>;

  /** For /health: whether the store answers. */
  abstract ping(): Promise<void>;
}
