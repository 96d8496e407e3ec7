import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, type IncomingMessage, request } from 'node:http';
import { Readable } from 'node:stream';

export const MiB = 1024 * 1024;

const CHUNK = 256 * 1024;
/** Shared by every generated file: random, so that no multipart boundary shows up in it by chance. */
const FILLER = randomBytes(CHUNK);

/**
 * `size` bytes of a "PDF": the magic bytes the API's type check looks for, a line with `tag` (so that every file has its
 * own SHA-256 and is stored anew), then filler. Generated chunk by chunk: nothing the size of the file is held.
 */
export function* pdfChunks(size: number, tag: string): Generator<Buffer> {
  const head = Buffer.from(`%PDF-1.4\n%${tag}\n`);
  let sent = Math.min(size, CHUNK);
  yield Buffer.concat([head, FILLER]).subarray(0, sent);
  while (sent < size) {
    const n = Math.min(CHUNK, size - sent);
    yield FILLER.subarray(0, n);
    sent += n;
  }
}

/** The same bytes as a Readable, for the storage adapter (a plain read(): cheaper than Readable.from's async iteration). */
export function pdfStream(size: number, tag: string): Readable {
  const chunks = pdfChunks(size, tag);
  return new Readable({
    read() {
      const next = chunks.next();
      this.push(next.done ? null : next.value);
    },
  });
}

/** What the API answered to an upload: enough to download the file again. */
export interface UploadedFile {
  dossierId: string;
  id: string;
  sha256: string;
  size: number;
}

/**
 * Uploads (multipart, streamed, with a Content-Length as a browser sends it) and downloads dossier files over HTTP as one
 * account, on kept-alive connections.
 */
export class FilesClient {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string>,
  ) {
    this.url = new URL(baseUrl);
  }

  /** A scan of the dossier's GDN document, `size` bytes; rejects unless the API answers 201. */
  upload(dossierId: string, size: number, tag: string): Promise<UploadedFile> {
    const boundary = `bench-${randomBytes(12).toString('hex')}`;
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = Buffer.from(
      `${field('kind', 'component')}${field('documentCode', 'GDN')}--${boundary}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="giay-de-nghi-${tag}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    function* body() {
      yield head;
      yield* pdfChunks(size, tag);
      yield tail;
    }
    return new Promise<UploadedFile>((resolve, reject) => {
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: `/api/v1/dossiers/${dossierId}/files`,
          method: 'POST',
          agent: this.agent,
          headers: { ...this.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
        },
        (res) => {
          readText(res).then((text) => {
            if (res.statusCode !== 201) return reject(new Error(`upload: ${res.statusCode} ${text.slice(0, 300)}`));
            const file = JSON.parse(text) as { id: string; sha256: string; size: number };
            resolve({ dossierId, id: file.id, sha256: file.sha256, size: file.size });
          }, reject);
        },
      );
      req.on('error', reject);
      // Small writes (the fields) go out at once rather than waiting for an ACK (Nagle), as a browser's would.
      req.setNoDelay(true);
      (async () => {
        for (const chunk of body()) if (!req.write(chunk)) await once(req, 'drain');
        req.end();
      })().catch(reject);
    });
  }

  /** The whole file; rejects unless the API answers 200 with all of its bytes. */
  download(file: UploadedFile): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = request(
        { host: this.url.hostname, port: this.url.port, path: `/api/v1/dossiers/${file.dossierId}/files/${file.id}`, agent: this.agent, headers: this.headers },
        (res) => {
          if (res.statusCode !== 200) {
            readText(res).then((text) => reject(new Error(`download: ${res.statusCode} ${text.slice(0, 300)}`)), reject);
            return;
          }
          drain(res).then((n) => (n === file.size ? resolve() : reject(new Error(`download: ${n} of ${file.size} bytes`))), reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Reads a stream to its end, keeping only the count of its bytes ('data' events: much cheaper than for await). */
export function drain(stream: Readable): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let n = 0;
    stream.on('data', (chunk: Buffer) => (n += chunk.length));
    stream.once('end', () => resolve(n));
    stream.once('error', reject);
  });
}

async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}
