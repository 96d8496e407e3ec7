import type { Content } from 'pdfmake/interfaces';
import type { SupplementRequestInput } from '../form-input';
import { applicantLines, documentHeader, numbered, procedureLine, signatures, title } from '../form-layout';
import { timeAndDate } from '../form-text';

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — every missing item, the reason, and whom to ask. */
export function supplementRequestForm(input: SupplementRequestInput): Content[] {
  const d = input.dossier;
  return [
    documentHeader(d.desk, input.requestedAt),
    title('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', `Mã hồ sơ: ${d.code}`),
    { text: `Hồ sơ tiếp nhận lúc ${timeAndDate(d.receivedAt)} của:`, margin: [0, 0, 0, 2] },
    ...applicantLines(d),
    procedureLine(d),
    numbered(1, 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:'),
    { ol: input.missingItems, margin: [12, 0, 0, 4] },
    numbered(2, 'Lý do:', input.reason),
    {
      text: `Thời gian giải quyết hồ sơ tạm dừng từ ${timeAndDate(input.requestedAt)} cho đến khi nhận đủ hồ sơ bổ sung. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ Bộ phận tiếp nhận và trả kết quả ${d.desk.name} để được hướng dẫn; tra cứu hồ sơ tại ${input.lookupUrl}.`,
      margin: [0, 6, 0, 0],
    },
    signatures([{ role: 'NGƯỜI NỘP HỒ SƠ' }, { role: 'NGƯỜI HƯỚNG DẪN', name: input.requestedBy.fullName }]),
  ];
}
