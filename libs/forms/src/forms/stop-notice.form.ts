import type { Content } from 'pdfmake/interfaces';
import type { StopNoticeInput } from '../form-input';
import { applicantLines, documentHeader, field, procedureLine, signatures, title } from '../form-layout';
import { timeAndDate } from '../form-text';

/** Mẫu 05: Thông báo dừng giải quyết hồ sơ — the applicant asked to stop; the dossier is closed without a result. */
export function stopNoticeForm(input: StopNoticeInput): Content[] {
  const d = input.dossier;
  return [
    documentHeader(d.desk, input.at),
    title('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${d.code}`),
    { text: `Bộ phận tiếp nhận và trả kết quả ${d.desk.name} thông báo: hồ sơ tiếp nhận lúc ${timeAndDate(d.receivedAt)} của`, margin: [0, 0, 0, 2] },
    ...applicantLines(d),
    procedureLine(d),
    { text: `được dừng giải quyết từ ${timeAndDate(input.at)} theo đề nghị của người nộp hồ sơ.`, margin: [0, 4, 0, 2] },
    field('Lý do', input.reason),
    { text: 'Người nộp hồ sơ nhận lại hồ sơ đã nộp (nếu có) tại Bộ phận tiếp nhận và trả kết quả.', margin: [0, 4, 0, 0] },
    signatures([{ role: 'NGƯỜI NỘP HỒ SƠ' }, { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: input.notedBy.fullName }]),
  ];
}
