import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Roboto, as pdfmake ships it: embedded in every PDF (PDF/A asks for it) and covering every Vietnamese letter.
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};
const FONT_FILES = new Set(Object.values(FONTS.Roboto));

pdfmake.setFonts(FONTS);
// A form never fetches anything: no URL, no file but the fonts (its images are data URLs).
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path));

export interface PdfMeta {
  title: string;
  subject: string;
  /** The issuing agency. */
  author: string;
  /** When the form was issued: the PDF's date, so the same form rendered again has the same bytes. */
  issuedAt: Date;
}

/** A4, PDF/A-2b-flavoured (embedded font, XMP metadata), the definition's own settings over the defaults. */
function pdfDocument(definition: TDocumentDefinitions, meta: PdfMeta): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [57, 34, 42, 34],
    version: '1.7',
    subset: 'PDF/A-2b',
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    ...definition,
    info: { title: meta.title, subject: meta.subject, author: meta.author, creator: 'Một cửa', producer: 'Một cửa (pdfmake)', creationDate: meta.issuedAt, modDate: meta.issuedAt },
  } as TDocumentDefinitions;
}

/** Renders a document definition to an A4, PDF/A-2b-flavoured PDF (embedded font, XMP metadata). */
export async function renderPdf(definition: TDocumentDefinitions, meta: PdfMeta): Promise<Buffer> {
  return Buffer.from(await pdfmake.createPdf(pdfDocument(definition, meta)).getBuffer());
}

/** A table layout as numbers (what crosses to a worker thread); each becomes pdfmake's `() => n`. */
export type PlainTableLayout = Partial<Record<'hLineWidth' | 'vLineWidth' | 'paddingLeft' | 'paddingRight' | 'paddingTop' | 'paddingBottom', number>>;

/** What a worker-rendered document may use besides plain data: named table layouts and a "Trang n/N" footer. */
export interface WorkerPdfExtras {
  tableLayouts: Record<string, PlainTableLayout>;
  /** The page-number footer's style (its text is "Trang n/N"). */
  pageNumbers?: { alignment: 'center' | 'right'; fontSize: number; margin: [number, number, number, number] };
}

// Plain JavaScript, so it runs the same from the TypeScript sources (tests) and the build; pdfmake is found by absolute path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const pdfmake = require(workerData.pdfmake);
const files = new Set(Object.values(workerData.fonts.Roboto));
pdfmake.setFonts(workerData.fonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => files.has(path));
const layouts = {};
for (const [name, plain] of Object.entries(workerData.extras.tableLayouts)) {
  layouts[name] = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, () => v]));
}
pdfmake.setTableLayouts(layouts);
const doc = workerData.document;
const style = workerData.extras.pageNumbers;
if (style) doc.footer = (page, pages) => ({ text: 'Trang ' + page + '/' + pages, ...style });
pdfmake.createPdf(doc).getBuffer().then((bytes) => parentPort.postMessage(bytes));
`;

/**
 * renderPdf on a worker thread: a long document (a register of a thousand rows lays out in seconds) does not hold up the
 * API's other requests meanwhile. The definition must be plain data: layouts by name, the footer as `extras.pageNumbers`.
 */
export function renderPdfInWorker(definition: TDocumentDefinitions, meta: PdfMeta, extras: WorkerPdfExtras): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfmake: require.resolve('pdfmake'), fonts: FONTS, document: pdfDocument(definition, meta), extras },
    });
    let done = false;
    worker.once('message', (bytes: Uint8Array) => {
      done = true;
      resolve(Buffer.from(bytes));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the PDF worker stopped (exit code ${code}) before answering`));
    });
  });
}
