import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';

const run = promisify(execFile);

/** Runs a poppler tool (poppler-utils, installed by .ci/run) on the PDF in a temporary directory. */
async function withPdf<T>(pdf: Buffer, fn: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    await writeFile(path, pdf);
    return await fn(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page, as pdftotext reads it (layout kept, so a table row stays on one line). */
export function pdfText(pdf: Buffer): Promise<string> {
  return withPdf(pdf, async (path) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'])).stdout);
}

/** pdfinfo's fields: Pages, Page size, Title, … */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withPdf(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
    return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  });
}

/**
 * The first page rendered in grey, then decoded: what a phone (QR) and a desk scanner (Code 128) would read. Tried at
 * 200 then 300 dpi: one raster can land a module edge between pixels and fail a checksum that the next reads.
 */
export function pdfCodes(pdf: Buffer): Promise<{ qr: string | null; code128: string | null }> {
  return withPdf(pdf, async (path, dir) => {
    const found: { qr: string | null; code128: string | null } = { qr: null, code128: null };
    for (const dpi of ['200', '300']) {
      await run('pdftoppm', ['-r', dpi, '-gray', '-f', '1', '-l', '1', '-singlefile', path, join(dir, `page-${dpi}`)]);
      const { width, height, pixels } = parsePgm(await readFile(join(dir, `page-${dpi}.pgm`)));
      const decode = (format: BarcodeFormat) => {
        const reader = new MultiFormatReader();
        const hints = new Map<DecodeHintType, unknown>([
          [DecodeHintType.POSSIBLE_FORMATS, [format]],
          [DecodeHintType.TRY_HARDER, true],
        ]);
        try {
          return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height))), hints).getText();
        } catch {
          return null;
        }
      };
      found.qr ??= decode(BarcodeFormat.QR_CODE);
      found.code128 ??= decode(BarcodeFormat.CODE_128);
      if (found.qr && found.code128) break;
    }
    return found;
  });
}

/** A binary greymap (P5): the header, then one byte per pixel. */
function parsePgm(buf: Buffer): { width: number; height: number; pixels: Uint8ClampedArray } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { width, height, pixels: new Uint8ClampedArray(buf.subarray(start, start + width * height)) };
}
