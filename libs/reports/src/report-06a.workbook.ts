import ExcelJS from 'exceljs';
import type { ReportNumbers } from './report-formulas';
import type { Report06a } from './reports.service';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TITLE = 'Biểu 06a — Kết quả giải quyết thủ tục hành chính';
const GROUP_COLUMN: Record<Report06a['groupBy'], string> = { agency: 'Đơn vị', receiving: 'Bộ phận tiếp nhận', field: 'Lĩnh vực', procedure: 'Thủ tục hành chính' };
const COLUMN_TITLES = [
  'Tổng số',
  'Trong kỳ — trực tuyến',
  'Trong kỳ — trực tiếp, dịch vụ bưu chính',
  'Từ kỳ trước',
  'Tổng số',
  'Trước hạn',
  'Đúng hạn',
  'Quá hạn',
  'Tổng số',
  'Trong hạn',
  'Quá hạn',
];
const FIRST_HEADER_ROW = 4;
const LAST_COLUMN = 13;

/** Columns 3–13 of the form, in order. */
function formColumns(n: ReportNumbers): number[] {
  return [
    n.received.total,
    n.received.online,
    n.received.directOrPostal,
    n.received.carriedOver,
    n.resolved.total,
    n.resolved.early,
    n.resolved.onTime,
    n.resolved.overdue,
    n.inProgress.total,
    n.inProgress.withinDeadline,
    n.inProgress.overdue,
  ];
}

export function report06aFileName(report: Report06a): string {
  return `bieu-06a_${report.period.from}_${report.period.to}_${report.groupBy}.xlsx`;
}

/** The national form's layout: title, period, two rows of group headers, column titles, column numbers (1)…(13), rows, Tổng cộng. */
export async function report06aWorkbook(report: Report06a): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một cửa';
  const ws = wb.addWorksheet('Biểu 06a', { views: [{ state: 'frozen', ySplit: FIRST_HEADER_ROW + 3 }] });
  ws.columns = [{ width: 6 }, { width: 48 }, ...COLUMN_TITLES.map(() => ({ width: 14 }))];

  ws.mergeCells(1, 1, 1, LAST_COLUMN);
  ws.getCell(1, 1).value = TITLE;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, LAST_COLUMN);
  ws.getCell(2, 1).value = `Kỳ báo cáo: từ ngày ${vnDate(report.period.from)} đến ngày ${vnDate(report.period.to)}`;
  for (const r of [1, 2]) ws.getCell(r, 1).alignment = { horizontal: 'center' };

  const h1 = FIRST_HEADER_ROW;
  const h2 = h1 + 1;
  const titles = h1 + 2;
  const header = (r1: number, c1: number, r2: number, c2: number, text: string) => {
    ws.mergeCells(r1, c1, r2, c2);
    ws.getCell(r1, c1).value = text;
  };
  header(h1, 1, titles, 1, 'STT');
  header(h1, 2, titles, 2, GROUP_COLUMN[report.groupBy]);
  header(h1, 3, h2, 6, 'Số hồ sơ nhận giải quyết');
  header(h1, 7, h1, 13, 'Kết quả giải quyết');
  header(h2, 7, h2, 10, 'Số hồ sơ đã giải quyết');
  header(h2, 11, h2, 13, 'Số hồ sơ đang giải quyết');
  COLUMN_TITLES.forEach((t, i) => (ws.getCell(titles, i + 3).value = t));
  const numbers = ws.getRow(titles + 1);
  for (let c = 1; c <= LAST_COLUMN; c++) numbers.getCell(c).value = `(${c})`;
  for (let r = h1; r <= titles + 1; r++) {
    const row = ws.getRow(r);
    row.font = { bold: r < titles + 1, italic: r === titles + 1 };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  report.rows.forEach((row, i) => ws.addRow([i + 1, row.label, ...formColumns(row)]));
  const total = ws.addRow([null, 'Tổng cộng', ...formColumns(report.total)]);
  total.font = { bold: true };

  const border = { style: 'thin' } as const;
  for (let r = h1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= LAST_COLUMN; c++) ws.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function vnDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
