import ExcelJS from 'exceljs';
import { UTC_OFFSET_MINUTES } from '@app/calendar';
import type { RegisterInput } from './form-input';
import { REGISTER_COLUMNS, addressAndPhone, periodText, registerNote } from './forms/register.form';

/** The first row of the column titles; the column numbers (1)…(13) under them, then one row per dossier. */
export const REGISTER_HEADER_ROW = 4;
const WIDTHS = [6, 22, 40, 10, 26, 34, 30, 17, 17, 17, 17, 17, 32];
const DATE_COLUMNS = [8, 9, 10, 11, 12];

/** An Excel date holds no zone: the office's wall clock (UTC+7) is written, as the PDF prints it. */
const wallTime = (t: Date | null): Date | null => (t ? new Date(t.getTime() + UTC_OFFSET_MINUTES * 60_000) : null);

/** Mẫu 07 as a workbook: one sheet, the title and period, the frozen column titles, real dates. */
export async function registerWorkbook(input: RegisterInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một cửa';
  wb.created = input.printedAt;
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', ySplit: REGISTER_HEADER_ROW + 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${REGISTER_HEADER_ROW}:${REGISTER_HEADER_ROW + 1}` },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = REGISTER_COLUMNS.length;
  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, last);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center' };
  };
  banner(1, `SỔ THEO DÕI HỒ SƠ — ${input.agency.name}`, { bold: true, size: 14 });
  banner(2, periodText(input.from, input.to), { italic: true });

  const titles = ws.getRow(REGISTER_HEADER_ROW);
  titles.values = [...REGISTER_COLUMNS];
  titles.font = { bold: true };
  const numbers = ws.getRow(REGISTER_HEADER_ROW + 1);
  numbers.values = REGISTER_COLUMNS.map((_, i) => `(${i + 1})`);
  numbers.font = { italic: true };
  for (const r of [titles, numbers]) r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  input.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.code,
      r.procedureName,
      1,
      r.applicantName,
      addressAndPhone(r) || null,
      r.resolvingName,
      wallTime(r.receivedAt),
      wallTime(r.appointment),
      wallTime(r.handedOverAt),
      wallTime(r.completedAt),
      wallTime(r.deliveredAt),
      registerNote(r, input.agency.code) || null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const c of DATE_COLUMNS) row.getCell(c).numFmt = 'dd/mm/yyyy hh:mm';
  });

  const border = { style: 'thin' } as const;
  for (let r = REGISTER_HEADER_ROW; r <= ws.rowCount; r++) {
    for (let c = 1; c <= last; c++) ws.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
