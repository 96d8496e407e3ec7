import { toBuffer } from 'bwip-js';

/** A Code 128 barcode of the dossier code, as a PNG data URL: desk scanners type it into the search box. */
export async function code128(text: string): Promise<string> {
  const png = await toBuffer({ bcid: 'code128', text, scale: 3, height: 9, includetext: false, paddingwidth: 4 });
  return `data:image/png;base64,${png.toString('base64')}`;
}
