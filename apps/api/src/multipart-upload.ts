import type { Readable } from 'node:stream';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { invalidField } from '@app/common';

/** One file of a multipart/form-data request, its bytes not yet read, with the fields that came before it. */
export interface MultipartFile {
  fields: Record<string, string>;
  fieldName: string;
  fileName: string;
  body: Readable;
  /** Resolves once the rest of the request is parsed; rejects (400) when another file followed. */
  ended(): Promise<void>;
  /** Stops parsing and discards the rest of the request (nothing more is stored): the answer can go out at once. */
  abandon(): void;
}

const badMultipart = (why: string) => new BadRequestException({ error: 'bad_request', message: `Malformed multipart/form-data: ${why}` });

/**
 * Parses a multipart/form-data request as a stream (the app has no body parser for it: nothing is buffered) up to its
 * one file part, and answers the fields sent before it with the file's bytes still unread. The client sends the small
 * fields first (kind, documentCode, supersedes), then the file.
 */
export function readMultipartFile(req: Request, fileSizeLimit: number): Promise<MultipartFile> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(new UnsupportedMediaTypeException({ error: 'unsupported_media_type', message: 'Send the file as multipart/form-data' }));
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 10, fieldSize: 1000, parts: 12, fileSize: fileSizeLimit } });
  } catch (e) {
    return Promise.reject(badMultipart((e as Error).message));
  }
  let tooMany = false;
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  finished.catch(() => undefined);
  const abandon = () => {
    req.unpipe(parser);
    req.resume();
  };
  return new Promise<MultipartFile>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let found = false;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('filesLimit', () => (tooMany = true));
    parser.on('file', (fieldName, body, info) => {
      found = true;
      resolve({
        fields,
        fieldName,
        fileName: info.filename ?? '',
        body,
        abandon,
        ended: async () => {
          await finished.catch((e: Error) => {
            throw badMultipart(e.message);
          });
          if (tooMany) throw invalidField('file', 'exactly one file per request', 'too_many_items', { max: 1 });
        },
      });
    });
    parser.on('error', (e: Error) => {
      if (!found) {
        abandon();
        reject(badMultipart(e.message));
      }
    });
    parser.on('close', () => {
      if (!found) reject(invalidField('file', 'is required: one file part, after the fields kind, documentCode and supersedes', 'required'));
    });
    req.pipe(parser);
  });
}
