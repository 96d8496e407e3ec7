import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { RegisterInput, RegisterRow } from '../form-input';
import type { WorkerPdfExtras } from '../pdf-renderer';
import { documentHeader, title } from '../form-layout';
import { shortDateTime } from '../form-text';

/** Mẫu 07's columns, in the form's order. */
export const REGISTER_COLUMNS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả',
  'Ghi chú',
] as const;

// A4 landscape less 28 pt margins: 786 pt; a date column holds "dd/mm/yyyy" over "hh:mm", a code one line.
const WIDTHS = [16, 100, '*', 24, 62, 74, 62, 40, 40, 40, 40, 40, 60];

/** dd/mm/yyyy ↵ hh:mm in Vietnam's wall time, so a date column stays narrow. */
function dateCell(t: Date | null): TableCell {
  return { text: t ? shortDateTime(t).replace(' ', '\n') : '', alignment: 'center' };
}

export function addressAndPhone(r: Pick<RegisterRow, 'address' | 'phone'>): string {
  return [r.address, r.phone ? `ĐT: ${r.phone}` : null].filter(Boolean).join('; ');
}

/** Ghi chú: what the columns do not say (refused, withdrawn, extended, supplemented, received at another desk). */
/** `registerAgencyCode`: the agency in the header ('' for an administrator's whole tree: every row names its desk). */
export function registerNote(r: RegisterRow, registerAgencyCode: string): string {
  return [
    r.status === 'not_accepted' ? 'Từ chối tiếp nhận' : null,
    r.withdrawnAt ? `Rút hồ sơ ${shortDateTime(r.withdrawnAt)}` : null,
    r.extendedDueAt ? `Gia hạn, hẹn lại ${shortDateTime(r.extendedDueAt)}` : null,
    r.supplementCount > 0 ? `Bổ sung hồ sơ (${r.supplementCount} lần)` : null,
    r.deskCode !== registerAgencyCode ? `Tiếp nhận tại ${r.deskName}` : null,
  ]
    .filter(Boolean)
    .join('; ');
}

export function periodText(from: string, to: string): string {
  const vn = (d: string) => d.split('-').reverse().join('/');
  return `Từ ngày ${vn(from)} đến ngày ${vn(to)}`;
}

/** The register's table lines and the page numbers in its footer, as the worker thread that renders it applies them. */
export const REGISTER_PDF_EXTRAS: WorkerPdfExtras = {
  tableLayouts: { register: { hLineWidth: 0.5, vLineWidth: 0.5, paddingLeft: 2, paddingRight: 2, paddingTop: 2, paddingBottom: 2 } },
  pageNumbers: { alignment: 'center', fontSize: 8, margin: [0, 12, 0, 0] },
};

/**
 * Mẫu 07 (Circular 03/2025/TT-VPCP): Sổ theo dõi hồ sơ, A4 landscape. The header rows (titles and the column numbers)
 * repeat on every page, a row never splits across pages, and the footer numbers the pages (REGISTER_PDF_EXTRAS). Plain
 * data only: it is laid out on a worker thread.
 */
export function registerForm(input: RegisterInput): Pick<TDocumentDefinitions, 'content' | 'pageOrientation' | 'pageMargins'> {
  const rows = input.rows.map((r, i): TableCell[] => [
    { text: String(i + 1), alignment: 'center' },
    r.code,
    r.procedureName,
    { text: '1', alignment: 'center' },
    r.applicantName,
    addressAndPhone(r),
    r.resolvingName,
    dateCell(r.receivedAt),
    dateCell(r.appointment),
    dateCell(r.handedOverAt),
    dateCell(r.completedAt),
    dateCell(r.deliveredAt),
    registerNote(r, input.agency.code),
  ]);
  const header = REGISTER_COLUMNS.map((h): TableCell => ({ text: h, bold: true, alignment: 'center', fillColor: '#eeeeee' }));
  const numbers = REGISTER_COLUMNS.map((_, i): TableCell => ({ text: `(${i + 1})`, italics: true, alignment: 'center' }));
  const empty: TableCell[] = [{ text: 'Không có hồ sơ nào được tiếp nhận trong kỳ.', italics: true, colSpan: REGISTER_COLUMNS.length, alignment: 'center' }, ...REGISTER_COLUMNS.slice(1).map(() => '')];
  const content: Content[] = [
    documentHeader(input.agency, input.printedAt),
    title('SỔ THEO DÕI HỒ SƠ', periodText(input.from, input.to)),
    {
      table: { headerRows: 2, dontBreakRows: true, widths: WIDTHS, body: [header, numbers, ...(rows.length ? rows : [empty])] },
      layout: 'register',
      fontSize: 7.5,
      lineHeight: 1.1,
    },
  ];
  return {
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 36],
    content,
  };
}
