/** The API's field error codes (`details[].code` of a 400) in Vietnamese; the English `reason` is for developers, never shown. */
import { formatDateTime } from '../format';
import { UNIT_LABELS } from '../labels';
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
};

/** `bad_format`'s `format`, when the API names the expected one. */
const FORMATS: Record<string, string> = {
  email: 'không phải địa chỉ email hợp lệ',
  phone: 'không phải số điện thoại hợp lệ',
  id_number: 'phải gồm 6–20 chữ cái hoặc chữ số',
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
  overlaps_previous: (p) =>
    `${p.interval === undefined ? 'một khoảng' : `khoảng ${num(p.interval)} (${p.from}–${p.to})`} chồng lên hoặc đứng trước khoảng liền trước: các khoảng phải theo thứ tự và không chồng nhau`,
  circular_parent: () => 'không thể trực thuộc chính đơn vị cấp dưới của mình',
  not_later_than_due: (p) => (p.dueAt === undefined ? 'phải sau hạn giải quyết hiện tại' : `phải sau hạn giải quyết hiện tại (${when(p.dueAt)})`),
  steps_exceed_processing_time: (p) =>
    `tổng thời gian các bước (${amount(p.total, p.unit)}) vượt quá thời hạn giải quyết (${amount(p.limit, p.unit)})`,
  online_exceeds_processing_time: (p) =>
    `thời hạn trực tuyến (${amount(p.total, p.unit)}) dài hơn thời hạn giải quyết (${amount(p.limit, p.unit)})`,
};

/** One field error in Vietnamese; an unknown code (a newer API) falls back to the English sentence rather than nothing. */
export function fieldErrorMessage(error: Pick<FieldError, 'code' | 'reason' | 'params'>): string {
  const say = FIELD_ERROR_MESSAGES[error.code] as ((p: Params) => string) | undefined;
  return say ? say(error.params ?? {}) : error.reason;
}
