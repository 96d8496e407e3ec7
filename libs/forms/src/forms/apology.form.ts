import type { Content } from 'pdfmake/interfaces';
import type { ApologyInput } from '../form-input';
import { documentHeader, signatures, title } from '../form-layout';
import { longDate, timeAndDate } from '../form-text';

/** Mẫu 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết — the reason and the new appointment, signed by the agency's head. */
export function apologyForm(input: ApologyInput): Content[] {
  const d = input.dossier;
  const a = d.applicant;
  const to = a.type === 'citizen' ? `Ông/Bà ${a.fullName}` : a.fullName;
  return [
    documentHeader(input.agency, input.at),
    title('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${d.code}`),
    { text: `Kính gửi: ${to}.`, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
    {
      text: `Ngày ${longDate(d.receivedAt).replace(/^ngày /, '')}, ${input.agency.name} tiếp nhận giải quyết hồ sơ của ${to}, mã hồ sơ ${d.code}, nội dung yêu cầu giải quyết: ${d.procedureName}. Thời hạn trả kết quả là ${timeAndDate(input.previousDueAt)}.`,
      margin: [0, 0, 0, 6],
    },
    { text: [`Nhưng đến nay, ${input.agency.name} chưa thể trả kết quả giải quyết hồ sơ đúng hạn. Lý do: `, { text: input.reason, bold: true }, '.'], margin: [0, 0, 0, 6] },
    {
      text: [
        `Sự chậm trễ này đã gây phiền hà cho ${to}. ${input.agency.name} xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ; kết quả sẽ được trả vào `,
        { text: timeAndDate(input.extendedDueAt), bold: true },
        '.',
      ],
      margin: [0, 0, 0, 6],
    },
    { text: `Mong nhận được sự thông cảm của ${to}.`, margin: [0, 0, 0, 6] },
    signatures([{ role: ' ', hint: ' ' }, { role: 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)' }]),
  ];
}
