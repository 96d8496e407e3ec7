/** The API's 400 reasons (English, for developers) in Vietnamese for the administrator, with a fallback to the original. */
import { ApiError } from '../api';
import { ErrorBox } from '../components';

const UNITS: [RegExp, string][] = [
  [/working days?/g, 'ngày làm việc'],
  [/working hours?/g, 'giờ làm việc'],
  [/calendar days?/g, 'ngày'],
  [/months?/g, 'tháng'],
];

const REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^is required/, () => 'bắt buộc nhập'],
  [/^must not be empty|^should not be empty/, () => 'không được để trống'],
  [/^must be greater than 0/, () => 'phải lớn hơn 0'],
  [/^must be at most (\d+), got/, (m) => `tối đa là ${m[1]}`],
  [/^must be a finite number/, () => 'phải là một số'],
  [/^must be a whole number of VND/, () => 'phải là số đồng nguyên'],
  [/^must be a whole number/, () => 'phải là số nguyên'],
  [/^must be a multiple of 0\.5 working hours/, () => 'phải là bội số của 0,5 giờ'],
  [/^must be at least (\d+)/, (m) => `phải từ ${m[1]} trở lên`],
  [/^must not be negative/, () => 'không được âm'],
  [/^must be a time/, () => 'phải là giờ dạng HH:mm, ví dụ 07:30'],
  [/^must be at most (\d+) characters/, (m) => `tối đa ${m[1]} ký tự`],
  [/^must be shorter than or equal to (\d+) characters/, (m) => `tối đa ${m[1]} ký tự`],
  [/^must be longer than or equal to (\d+) characters/, (m) => `phải có ít nhất ${m[1]} ký tự`],
  [/^must contain at least 1 elements|^must have at least 1 step/, () => 'phải chọn hoặc có ít nhất một mục'],
  [/^must start with a lowercase letter/, () => 'bắt đầu bằng chữ thường a-z, chỉ gồm a-z, 0-9 và dấu _ (tối đa 40 ký tự)'],
  [/^may contain only letters/, () => 'chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -'],
  [/^must be 2–100 lower-case letters/, () => 'gồm 2–100 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới'],
  [/^must be 1–50 letters/, () => 'gồm 1–50 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới'],
  [/^duplicates /, () => 'bị trùng với một dòng khác'],
  [/^no agency with code/, () => 'không có cơ quan có mã này'],
  [/^would make the agency its own ancestor/, () => 'không thể trực thuộc chính đơn vị cấp dưới của mình'],
  [/^step allotments add up to (.+), more than the processing time of (.+)$/, (m) => `tổng thời gian các bước (${units(m[1])}) vượt quá thời hạn giải quyết (${units(m[2])})`],
  [/^(.+) is longer than the processing time of (.+)$/, (m) => `${units(m[1])} dài hơn thời hạn giải quyết ${units(m[2])}`],
  [/^must be one of/, () => 'giá trị không hợp lệ'],
  [/^Invalid office hours: expected a non-empty list/, () => 'cần ít nhất một khoảng giờ làm việc'],
  [/^Invalid office hours: interval (\d+) (\S+) does not end after it starts/, (m) => `khoảng ${m[1]} (${m[2]}) phải kết thúc sau giờ bắt đầu`],
  [/^Invalid office hours: interval (\d+) (\S+) overlaps or precedes/, (m) => `khoảng ${m[1]} (${m[2]}) chồng lên hoặc đứng trước khoảng liền trước: các khoảng phải theo thứ tự và không chồng nhau`],
];

function units(text: string): string {
  return UNITS.reduce((s, [re, vi]) => s.replace(re, vi), text);
}

export function viReason(reason: string): string {
  for (const [re, say] of REASONS) {
    const m = reason.match(re);
    if (m) return say(m);
  }
  return reason;
}

/** A 400 or 409 answer as field path → Vietnamese reason; `conflictField` takes a 409 "already exists" (e.g. a username). */
export function fieldErrorsOf(e: unknown, conflictField?: string): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  if (e.status === 409 && conflictField) return { [conflictField]: 'đã tồn tại, hãy chọn giá trị khác' };
  return Object.fromEntries(Object.entries(e.fieldErrors()).map(([field, reason]) => [field, viReason(reason)]));
}

/** A save's error above its form: one line pointing at the marked fields when the API named them, else the error itself. */
export function SaveError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const shownAsFields = error instanceof ApiError && (error.status === 400 || error.status === 409) && Object.keys(fields).length > 0;
  if (!shownAsFields) return <ErrorBox error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      Chưa lưu được: kiểm tra các ô được đánh dấu bên dưới.
    </div>
  );
}
