import type { Content, TableCell } from 'pdfmake/interfaces';
import type { FormAgency, FormDossier } from './form-input';
import { longDate } from './form-text';

/** Placeholder dots where the form leaves a blank to fill by hand. */
export const BLANK = '……………………';

/**
 * The header of every administrative document (Decree 30/2020 layout): the issuing agency under its parent on the left,
 * the national motto on the right, the place and date under it.
 */
/** `under`: what goes under the agency's name (the receipt's barcode). */
export function documentHeader(agency: FormAgency, issuedAt: Date, number: string | null = null, under?: Content): Content {
  const left: Content[] = [
    ...(agency.parentName ? [{ text: agency.parentName.toUpperCase(), fontSize: 10 }] : []),
    { text: agency.name.toUpperCase(), bold: true, fontSize: 10 },
    { canvas: [{ type: 'line', x1: 60, y1: 2, x2: 150, y2: 2, lineWidth: 0.5 }] },
    ...(number ? [{ text: `Số: ${number}`, fontSize: 10, margin: [0, 4, 0, 0] } as Content] : []),
    ...(under ? [under] : []),
  ];
  return {
    columns: [
      { width: 210, stack: left, alignment: 'center' },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 11 },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: 11 },
          { canvas: [{ type: 'line', x1: 58, y1: 2, x2: 212, y2: 2, lineWidth: 0.5 }] },
          { text: `${agency.place ? `${agency.place}, ` : ''}${longDate(issuedAt)}`, italics: true, fontSize: 10.5, margin: [0, 6, 0, 0] },
        ],
      },
    ],
    margin: [0, 0, 0, 14],
  };
}

export function title(text: string, sub?: string): Content {
  return { stack: [{ text, bold: true, fontSize: 13 }, ...(sub ? [{ text: sub, fontSize: 11, margin: [0, 2, 0, 0] } as Content] : [])], alignment: 'center', margin: [0, 4, 0, 10] };
}

/** "Label: value" on one line, the value in bold. */
export function field(label: string, value: string | null | undefined, opts: { bold?: boolean } = {}): Content {
  return { text: [`${label}: `, { text: value?.trim() || BLANK, bold: opts.bold ?? false }], margin: [0, 1, 0, 1] };
}

export function numbered(n: number | string, label: string, value?: Content | string): Content {
  return { text: [{ text: `${n}. ${label}`, bold: true }, ...(value !== undefined ? [' ', value as never] : [])], margin: [0, 4, 0, 2] };
}

/** Signature blocks side by side: a role in capitals, "(Ký và ghi rõ họ tên)", room to sign, the name. */
export function signatures(blocks: { role: string; name?: string | null; hint?: string }[], room = 52): Content {
  return {
    columns: blocks.map((b) => ({
      width: '*',
      alignment: 'center',
      stack: [
        { text: b.role, bold: true, fontSize: 11 },
        { text: b.hint ?? '(Ký và ghi rõ họ tên)', italics: true, fontSize: 10 },
        { text: b.name ?? ' ', bold: true, margin: [0, room, 0, 0] },
      ],
    })),
    margin: [0, 14, 0, 0],
    unbreakable: true,
  } as Content;
}

/** "Ông/Bà", or the kind of applicant an organisation is. */
export function applicantLines(d: FormDossier): Content[] {
  const a = d.applicant;
  const who = a.type === 'citizen' ? 'Ông/Bà' : a.type === 'enterprise' ? 'Doanh nghiệp' : 'Tổ chức';
  return [
    field(who, a.fullName, { bold: true }),
    field(a.type === 'citizen' ? 'Số định danh cá nhân (CCCD)' : 'Mã số', a.idNumber),
    ...(a.address ? [field('Địa chỉ', a.address)] : []),
    ...(a.phone || a.email ? [field('Số điện thoại, thư điện tử', [a.phone, a.email].filter(Boolean).join(' – '))] : []),
  ];
}

export function procedureLine(d: FormDossier): Content {
  return field('Nội dung yêu cầu giải quyết', `${d.procedureName} (mã thủ tục ${d.procedureCode})`);
}

/** A bordered table with a bold, grey header row. */
export function table(widths: (number | string)[], header: string[], rows: TableCell[][], fontSize = 10): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [header.map((h) => ({ text: h, bold: true, alignment: 'center', fillColor: '#eeeeee' })), ...rows],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
    fontSize,
    margin: [0, 2, 0, 6],
  } as Content;
}

export function center(text: string): TableCell {
  return { text, alignment: 'center' };
}
