/** The API's field error codes (`details[].code` of a 400) in Vietnamese; the English `reason` is for developers, never shown. */
import { formatDateTime } from '../format';
import { ROLE_LABELS, UNIT_LABELS } from '../labels';
import type { FieldError, FieldErrorCode } from '../types';

type Params = NonNullable<FieldError['params']>;

const UNITS: Record<string, string> = { ...UNIT_LABELS, VND: 'đồng' };

const num = (v: string | number | undefined): string => (typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v ?? ''));
const unit = (v: string | number | undefined): string => UNITS[String(v)] ?? String(v ?? '');
const amount = (value: string | number | undefined, u: string | number | undefined): string => `${num(value)} ${unit(u)}`;
/** A local date "YYYY-MM-DD" as "dd/mm/yyyy"; a full ISO time as the office reads it. */
const when = (v: string | number | undefined): string => {
  const s = String(v ?? '');
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s.split('-').reverse().join('/') : formatDateTime(s);
};

const REFERENCES: Record<string, string> = {
  agency: 'không có cơ quan có mã này',
  procedure: 'không có thủ tục có mã này',
  user: 'không có người dùng này',
  document: 'không có giấy tờ này trong thành phần hồ sơ của thủ tục',
  file: 'không có tệp này trong hồ sơ',
};

/** `bad_format`'s `format`, when the API names the expected one. */
const FORMATS: Record<string, string> = {
  email: 'không phải địa chỉ email hợp lệ',
  phone: 'không phải số điện thoại hợp lệ',
  id_number: 'phải gồm 6–20 chữ cái hoặc chữ số',
};

/** zxcvbn's warning keys (`password_too_weak`'s `warning`): why the password is easy to guess. */
const PASSWORD_WARNINGS: Record<string, string> = {
  straightRow: 'các phím liền nhau trên bàn phím rất dễ đoán',
  keyPattern: 'mẫu gõ phím ngắn rất dễ đoán',
  simpleRepeat: 'ký tự lặp lại như "aaa" rất dễ đoán',
  extendedRepeat: 'chuỗi lặp lại như "abcabcabc" rất dễ đoán',
  sequences: 'dãy như "abc" hoặc "6543" rất dễ đoán',
  recentYears: 'các năm gần đây rất dễ đoán',
  dates: 'ngày tháng rất dễ đoán',
  topTen: 'đây là một trong 10 mật khẩu phổ biến nhất',
  topHundred: 'đây là một trong 100 mật khẩu phổ biến nhất',
  common: 'đây là mật khẩu phổ biến',
  similarToCommon: 'gần giống một mật khẩu phổ biến',
  wordByItself: 'một từ đơn lẻ rất dễ đoán',
  namesByThemselves: 'chỉ gồm họ tên thì rất dễ đoán',
  commonNames: 'họ tên phổ biến rất dễ đoán',
  userInputs: 'không nên chứa thông tin cá nhân hoặc tên đăng nhập',
  pwned: 'mật khẩu này đã bị lộ trên Internet',
};

/** Every code has a message: a code the API adds is a compile error here until it is translated. */
export const FIELD_ERROR_MESSAGES: Record<FieldErrorCode, (p: Params) => string> = {
  required: () => 'không được để trống',
  unknown_field: () => 'trường này không được chấp nhận',
  not_allowed_value: () => 'giá trị không hợp lệ',
  reserved: () => 'là tên dành riêng của hệ thống, hãy chọn tên khác',
  bad_format: (p) => FORMATS[String(p.format)] ?? 'không đúng định dạng',
  bad_time: () => 'phải là giờ dạng HH:mm, ví dụ 07:30',
  bad_date: () => 'phải là một ngày có thật, dạng YYYY-MM-DD',
  bad_date_time: () => 'phải là ngày giờ có thật, kèm múi giờ, ví dụ 2026-11-23T09:00:00+07:00',
  too_short: (p) => `phải có ít nhất ${num(p.min)} ký tự`,
  too_long: (p) => `tối đa ${num(p.max)} ký tự`,
  too_small: (p) =>
    p.exclusiveMin !== undefined ? `phải lớn hơn ${num(p.exclusiveMin)}` : p.min === 0 ? 'không được âm' : `phải từ ${num(p.min)} trở lên`,
  too_large: (p) => `tối đa là ${num(p.max)}`,
  too_few_items: (p) => (p.min === undefined || p.min === 1 ? 'phải chọn hoặc có ít nhất một mục' : `phải chọn hoặc có ít nhất ${num(p.min)} mục`),
  too_many_items: (p) => `tối đa ${num(p.max)} mục`,
  not_a_number: () => 'phải là một số',
  not_an_integer: (p) => (p.unit === undefined ? 'phải là số nguyên' : `phải là số ${unit(p.unit)} nguyên`),
  not_a_multiple: (p) => `phải là bội số của ${amount(p.of, p.unit)}`,
  not_a_string: () => 'phải là chuỗi ký tự',
  not_a_boolean: () => 'phải là có hoặc không (true/false)',
  not_an_array: () => 'phải là một danh sách',
  not_an_object: () => 'không đúng cấu trúc: cần một nhóm thông tin',
  duplicate: () => 'bị trùng với một dòng khác',
  no_such_reference: (p) => REFERENCES[String(p.kind)] ?? 'không tồn tại',
  unstorable_text: () => 'chứa ký tự không lưu được (ký tự NUL hoặc ký tự Unicode hỏng)',
  too_deep: (p) => `lồng nhau quá ${num(p.max)} cấp`,
  in_the_future: () => 'không được ở tương lai',
  too_early: (p) => `không được sớm hơn ${when(p.min)}`,
  end_before_start: (p) =>
    p.interval === undefined ? 'không được trước ngày bắt đầu' : `khoảng ${num(p.interval)} (${p.from}–${p.to}) phải kết thúc sau giờ bắt đầu`,
  range_too_long: (p) => `khoảng thời gian dài tối đa ${num(p.max)} ngày`,
  too_many_rows: (p) => `kỳ này có hơn ${num(p.max)} hồ sơ, quá nhiều cho một lần in: hãy chọn khoảng thời gian ngắn hơn`,
  overlaps_previous: (p) =>
    `${p.interval === undefined ? 'một khoảng' : `khoảng ${num(p.interval)} (${p.from}–${p.to})`} chồng lên hoặc đứng trước khoảng liền trước: các khoảng phải theo thứ tự và không chồng nhau`,
  circular_parent: () => 'không thể trực thuộc chính đơn vị cấp dưới của mình',
  not_later_than_due: (p) => (p.dueAt === undefined ? 'phải sau hạn giải quyết hiện tại' : `phải sau hạn giải quyết hiện tại (${when(p.dueAt)})`),
  extension_too_long: (p) =>
    p.max === undefined
      ? 'gia hạn quá dài: tối đa thêm một thời hạn giải quyết của thủ tục'
      : `gia hạn quá dài: hẹn trả mới chậm nhất là ${when(p.max)} (thêm tối đa một thời hạn giải quyết của thủ tục)`,
  extension_too_late: (p) =>
    p.latest === undefined
      ? 'đã quá thời điểm được gửi văn bản xin lỗi và gia hạn: phải gửi trước hạn giải quyết ít nhất theo số ngày làm việc quy định'
      : `đã quá thời điểm được gửi văn bản xin lỗi và gia hạn: chậm nhất là ${when(p.latest)} (trước hạn giải quyết theo số ngày làm việc quy định)`,
  assignee_not_eligible: (p) => {
    const role = ROLE_LABELS[String(p.role) as keyof typeof ROLE_LABELS];
    return `phải là cán bộ đang hoạt động của cơ quan đang giữ hồ sơ${role ? `, có vai trò ${role.toLowerCase()}` : ' và có vai trò của bước này'}`;
  },
  steps_exceed_processing_time: (p) =>
    `tổng thời gian các bước (${amount(p.total, p.unit)}) vượt quá thời hạn giải quyết (${amount(p.limit, p.unit)})`,
  online_exceeds_processing_time: (p) =>
    `thời hạn trực tuyến (${amount(p.total, p.unit)}) dài hơn thời hạn giải quyết (${amount(p.limit, p.unit)})`,
  password_too_short: (p) => `mật khẩu phải có ít nhất ${num(p.min ?? 12)} ký tự`,
  password_too_long: (p) => `mật khẩu dài quá ${num(p.maxBytes ?? 72)} byte (chữ có dấu tính 2–3 byte): hãy rút ngắn`,
  password_too_weak: (p) =>
    `mật khẩu quá dễ đoán${PASSWORD_WARNINGS[String(p.warning)] ? ` (${PASSWORD_WARNINGS[String(p.warning)]})` : ''}: hãy dùng một cụm gồm nhiều từ không liên quan đến nhau`,
  password_contains_username: () => 'mật khẩu không được trùng hoặc chứa tên đăng nhập',
  invalid_totp_code: () => 'mã xác thực không đúng, đã hết hạn hoặc đã được dùng: hãy nhập mã mới trong ứng dụng xác thực',
  wrong_password: () => 'mật khẩu hiện tại không đúng',
  unknown_agency: (p) => (p.code === undefined ? 'không có cơ quan này' : `không có cơ quan mã ${p.code}`),
  retired_level: () => 'cấp huyện đã bỏ từ 1/7/2025: chọn cấp tỉnh, sở/ngành hoặc cấp xã',
  empty_file: () => 'tệp rỗng: hãy chọn lại tệp',
};

/** One field error in Vietnamese; an unknown code (a newer API) falls back to the English sentence rather than nothing. */
export function fieldErrorMessage(error: Pick<FieldError, 'code' | 'reason' | 'params'>): string {
  const say = FIELD_ERROR_MESSAGES[error.code] as ((p: Params) => string) | undefined;
  return say ? say(error.params ?? {}) : error.reason;
}
