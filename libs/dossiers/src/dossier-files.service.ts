import { Readable } from 'node:stream';
import { BadRequestException, Injectable, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { fileTypeFromBuffer } from 'file-type/core';
import type { Actor } from '@app/auth';
import { FILE_CONTENT_TYPES, invalidField, notFound } from '@app/common';
import { formatLocal } from '@app/calendar';
import { AppConfig } from '@app/config';
import { isUuid } from '@app/database';
import { type ByteRange, FileStorage, ObjectTooLargeError } from '@app/files';
import { DossierFile } from './dossier-file.entity';
import type { AttachInput } from './dossier-input';
import { storageUnavailable } from './dossier-errors';
import { DossierQueryService } from './dossier-query.service';
import { dossierFilesFull, DossierTransitionService } from './dossier-transition.service';

/** How many first bytes the type detection reads (file-type's own reach for the formats accepted). */
const SNIFF_BYTES = 4100;

/** An upload as the HTTP layer hands it over: the fields, and the file's bytes not yet read. */
export interface UploadRequest extends AttachInput {
  fileName: string;
  body: Readable;
  /** Resolves once the rest of the request is read; rejects (400) when it held more than the one file. */
  ended(): Promise<void>;
}

export interface DossierFileView {
  id: string;
  kind: DossierFile['kind'];
  documentCode: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: { id: string; username: string };
  supersedes: string | null;
  form: DossierFile['form'];
  issuedForSeq: number | null;
}

export interface FileDownload {
  file: DossierFile;
  /** The bytes (the range's when one was asked and satisfiable). */
  body: Readable;
  range: ByteRange | null;
}

export function toFileView(f: DossierFile): DossierFileView {
  return {
    id: f.id,
    kind: f.kind,
    documentCode: f.documentCode,
    fileName: f.fileName,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: formatLocal(f.uploadedAt),
    uploadedBy: { id: f.uploadedById, username: f.uploadedByUsername },
    supersedes: f.supersedes,
    form: f.form,
    issuedForSeq: f.issuedForSeq,
  };
}

/**
 * Dossier files (issue 16, architecture.md "Files"): read as the dossier is read (404 outside); attached by the catalogue's
 * rule (mayAttach). Bytes first, under their SHA-256, streamed with the type checked on the first bytes and the size
 * limit enforced while they flow; then the row and its FILE_ATTACHED event in the dossier's transaction.
 */
@Injectable()
export class DossierFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly queries: DossierQueryService,
    private readonly transitions: DossierTransitionService,
    private readonly config: AppConfig,
  ) {}

  async upload(id: string, upload: UploadRequest, actor: Actor): Promise<DossierFileView> {
    await this.queries.readable(id, actor);
    const { remainingBytes } = await this.transitions.checkAttach(id, upload, actor);
    const { head, rest } = await readHead(upload.body, SNIFF_BYTES);
    if (head.length === 0) throw invalidField('file', 'is empty', 'empty_file');
    const detected = await fileTypeFromBuffer(head);
    if (!detected || !(FILE_CONTENT_TYPES as readonly string[]).includes(detected.mime)) {
      throw new UnsupportedMediaTypeException({
        error: 'unsupported_file_type',
        message: `The file's content is ${detected ? detected.mime : 'of no recognised type'}; accepted: PDF, JPEG, PNG, TIFF (by content, not by name)`,
        details: { detected: detected?.mime ?? null, allowed: FILE_CONTENT_TYPES },
      });
    }
    const maxBytes = this.config.files.maxBytes;
    const limit = Math.min(maxBytes, remainingBytes);
    let stored;
    try {
      stored = await this.storage.put(Readable.from(chain(head, rest)), limit);
    } catch (e) {
      // The rest of the request is discarded by the caller (nothing more is read into the storage).
      if (e instanceof ObjectTooLargeError) {
        if (limit < maxBytes) throw dossierFilesFull(this.config.files.dossierMaxBytes);
        throw new PayloadTooLargeException({ error: 'payload_too_large', message: `The file is larger than ${maxBytes} bytes (FILE_MAX_BYTES)`, details: { limit: maxBytes, scope: 'file' } });
      }
      // The client went away mid-file: no one is left to answer, nothing was stored.
      if (upload.body.errored) throw new BadRequestException({ error: 'bad_request', message: 'The upload was interrupted' });
      throw storageUnavailable();
    }
    await upload.ended();
    const row = await this.transitions.attachFile(
      id,
      { kind: upload.kind, documentCode: upload.documentCode ?? null, supersedes: upload.supersedes ?? null, fileName: upload.fileName, contentType: detected.mime, ...stored },
      actor,
      () => this.isStored(stored.sha256, stored.size),
    );
    return toFileView(row);
  }

  /** Whether the bytes are (still) in the storage: the orphan sweep may have taken an old copy of them meanwhile. */
  private async isStored(sha256: string, size: number): Promise<boolean> {
    try {
      return (await this.storage.stat(sha256))?.size === size;
    } catch {
      throw storageUnavailable();
    }
  }

  async list(id: string, actor: Actor): Promise<{ items: DossierFileView[] }> {
    await this.queries.readable(id, actor);
    const rows = await this.dataSource.getRepository(DossierFile).find({ where: { dossierId: id }, order: { uploadedAt: 'ASC', eventSeq: 'ASC' } });
    return { items: rows.map(toFileView) };
  }

  /** The file's row, for the headers (ETag, length) before the bytes are asked for. */
  async find(id: string, fileId: string, actor: Actor): Promise<DossierFile> {
    await this.queries.readable(id, actor);
    const file = isUuid(fileId) ? await this.dataSource.getRepository(DossierFile).findOneBy({ id: fileId, dossierId: id }) : null;
    if (!file) throw notFound(`file ${fileId} in this dossier`);
    return file;
  }

  /** The bytes of a file found with find(); 503 when the storage does not answer or has lost them (the checker reports that). */
  async open(file: DossierFile, range: ByteRange | null): Promise<FileDownload> {
    let body: Readable | null;
    try {
      body = await this.storage.get(file.sha256, range ?? undefined);
    } catch {
      throw storageUnavailable();
    }
    if (!body) throw storageUnavailable();
    return { file, body, range };
  }
}

/** Reads up to `n` first bytes of the stream (fewer when it ends first) and hands back the rest as an iterator. */
async function readHead(stream: Readable, n: number): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < n) {
    const next = await it.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  return { head: Buffer.concat(chunks), rest: it };
}

async function* chain(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}
