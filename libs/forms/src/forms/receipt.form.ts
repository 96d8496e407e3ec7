import type { Content } from 'pdfmake/interfaces';
import type { ReceiptInput } from '../form-input';
import { applicantLines, center, documentHeader, field, numbered, procedureLine, signatures, table, title } from '../form-layout';
import { count2, durationText, timeAndDate } from '../form-text';

/**
 * Mẫu 01 (Circular 03/2025/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả. One A4 page with up to ten documents: the
 * table's rows are tight and the QR code sits beside the appointment, not under it.
 */
export function receiptForm(input: ReceiptInput, barcode: string): Content[] {
  const d = input.dossier;
  const rows = d.documents.map((doc, i) => [center(String(i + 1)), doc.name, center(count2(doc.copies))]);
  const body: Content[] = [
    documentHeader(d.desk, d.receivedAt, null, { image: barcode, width: 170, height: 26, alignment: 'center', margin: [0, 6, 0, 0] }),
    title('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Mã hồ sơ: ${d.code}`),
    { text: `Bộ phận tiếp nhận và trả kết quả ${d.desk.name} tiếp nhận hồ sơ của:`, margin: [0, 0, 0, 2] },
    ...applicantLines(d),
    procedureLine(d),
    ...(d.resolving ? [field('Cơ quan giải quyết', d.resolving.name)] : []),
    numbered(1, 'Thành phần hồ sơ nộp gồm:'),
    rows.length ? table([28, '*', 50], ['STT', 'Tên giấy tờ', 'Số bản'], rows, 9.5) : { text: '(Không ghi nhận giấy tờ kèm theo.)', italics: true },
    numbered(2, 'Số lượng hồ sơ:', '01 bộ.'),
    numbered(3, 'Thời gian giải quyết hồ sơ theo quy định là:', `${durationText(d.processingTime)}.`),
    numbered(4, 'Thời gian nhận hồ sơ:', `${timeAndDate(d.receivedAt)}.`),
    {
      columns: [
        {
          width: '*',
          stack: [
            numbered(5, 'Thời gian trả kết quả giải quyết hồ sơ:', { text: d.dueAt ? `${timeAndDate(d.dueAt)}.` : 'trong ngày.', bold: true } as never),
            numbered(6, 'Đăng ký nhận kết quả tại:', `Bộ phận tiếp nhận và trả kết quả ${d.desk.name}.`),
            { text: ['Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập ', { text: input.lookupUrl, color: '#1a4f8b' }], fontSize: 8.5, margin: [0, 4, 0, 0] },
          ],
        },
        { width: 96, qr: input.lookupUrl, fit: 96, eccLevel: 'M', alignment: 'right' },
      ],
      columnGap: 10,
    },
    signatures([{ role: 'NGƯỜI NỘP HỒ SƠ' }, { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: input.receivedBy.fullName }], 40),
  ];
  return [{ stack: body, fontSize: 10.5 }];
}
