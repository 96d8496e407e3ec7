import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ControlSheetInput } from '../form-input';
import { center, documentHeader, field, table, title } from '../form-layout';
import { shortDateTime, timeAndDate } from '../form-text';

const RESULT = (onTime: boolean | null) => (onTime === null ? '' : onTime ? 'Đúng hạn' : 'Quá hạn');

/** Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ — every handover the event log records, who gave it, and whether in time. */
export function controlSheetForm(input: ControlSheetInput): Content[] {
  const d = input.dossier;
  const rows = input.rows.map((r, i): TableCell[] => [
    center(String(i + 1)),
    { text: [{ text: 'Giao: ', bold: true }, r.from, '\n', { text: 'Nhận: ', bold: true }, r.to] },
    center(shortDateTime(r.at)),
    center(RESULT(r.onTime)),
    r.by,
    r.note ?? '',
  ]);
  return [
    documentHeader(d.desk, input.printedAt),
    title('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${d.code}`),
    field('Kèm theo hồ sơ của', d.applicant.fullName, { bold: true }),
    field('Nội dung yêu cầu giải quyết', d.procedureName),
    field('Ngày, giờ tiếp nhận', timeAndDate(d.receivedAt)),
    field('Ngày hẹn trả kết quả', d.dueAt ? timeAndDate(d.dueAt) : null),
    table([22, '*', 70, 52, 80, 80], ['STT', 'Tên cơ quan / bước giải quyết', 'Thời gian giao, nhận', 'Kết quả', 'Người giao', 'Ghi chú'], rows, 9),
  ];
}
