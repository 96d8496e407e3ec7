import { dirname, join } from 'node:path';
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

/** Renders a document definition to an A4, PDF/A-2b-flavoured PDF (embedded font, XMP metadata). */
export async function renderPdf(definition: TDocumentDefinitions, meta: PdfMeta): Promise<Buffer> {
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageMargins: [57, 34, 42, 34],
    version: '1.7',
    subset: 'PDF/A-2b',
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    ...definition,
    info: { title: meta.title, subject: meta.subject, author: meta.author, creator: 'Một cửa', producer: 'Một cửa (pdfmake)', creationDate: meta.issuedAt, modDate: meta.issuedAt },
  } as TDocumentDefinitions);
  return Buffer.from(await doc.getBuffer());
}
