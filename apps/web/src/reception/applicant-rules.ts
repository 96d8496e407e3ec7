/** The desk's checks on an applicant before a dossier is sent, in the words an officer reads; the API checks again. */
import { fieldErrorMessage } from '../admin/field-error-messages';
import type { Applicant, FieldError, NewApplicant } from '../types';

export type ApplicantType = Applicant['type'];

export interface ApplicantForm {
  type: ApplicantType;
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export const EMPTY_APPLICANT: ApplicantForm = { type: 'citizen', fullName: '', idNumber: '', phone: '', email: '', address: '' };

/** The labels change with the applicant: a citizen has a name and a CCCD, an enterprise a name and a code. */
export const NAME_LABELS: Record<ApplicantType, string> = {
  citizen: 'Họ và tên người nộp',
  enterprise: 'Tên doanh nghiệp',
  organization: 'Tên tổ chức',
};

export const ID_LABELS: Record<ApplicantType, string> = {
  citizen: 'Số CCCD',
  enterprise: 'Mã số doanh nghiệp',
  organization: 'Mã số thuế của tổ chức',
};

// CCCD: 12 digits; an enterprise or tax code: 10 digits, a branch adds "-" and 3 more (e.g. 0101234567-001).
const CCCD = /^\d{12}$/;
const TAX_CODE = /^\d{10}(-\d{3})?$/;
// Mobile 0[35789]x xxx xxxx, or a landline 02xx xxx xxxx; +84 instead of the leading 0 also works.
const PHONE = /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Spaces, dots and dashes people type inside a phone number. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s.-]/g, '');
}

export function validateApplicant(a: ApplicantForm): Partial<Record<keyof ApplicantForm, string>> {
  const errors: Partial<Record<keyof ApplicantForm, string>> = {};
  const name = a.fullName.trim();
  if (!name) errors.fullName = a.type === 'citizen' ? 'Vui lòng nhập họ và tên.' : 'Vui lòng nhập tên.';
  else if (name.length > 200) errors.fullName = 'Tên dài quá 200 ký tự.';

  const id = a.idNumber.trim();
  if (!id) errors.idNumber = a.type === 'citizen' ? 'Vui lòng nhập số CCCD.' : 'Vui lòng nhập mã số.';
  else if (a.type === 'citizen' && !CCCD.test(id)) errors.idNumber = 'Số CCCD phải gồm đúng 12 chữ số.';
  else if (a.type !== 'citizen' && !TAX_CODE.test(id)) errors.idNumber = 'Mã số phải gồm 10 chữ số (chi nhánh: 10 chữ số, dấu "-" và 3 chữ số).';

  const phone = normalizePhone(a.phone);
  if (phone && !PHONE.test(phone)) errors.phone = 'Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc 0222 3854 123).';
  const email = a.email.trim();
  if (email && (!EMAIL.test(email) || email.length > 200)) errors.email = 'Địa chỉ email không hợp lệ (ví dụ ten@example.vn).';
  if (a.address.trim().length > 500) errors.address = 'Địa chỉ dài quá 500 ký tự.';
  return errors;
}

/** The applicant as the API takes it: trimmed, optional fields left out when empty. */
export function toApplicant(a: ApplicantForm): NewApplicant {
  const phone = normalizePhone(a.phone);
  return {
    type: a.type,
    fullName: a.fullName.trim(),
    idNumber: a.idNumber.trim(),
    ...(phone ? { phone } : {}),
    ...(a.email.trim() ? { email: a.email.trim() } : {}),
    ...(a.address.trim() ? { address: a.address.trim() } : {}),
  };
}

/** A fresh key per form fill; crypto.randomUUID exists only in secure contexts, and desk PCs often reach the intranet over plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An API field error as shown under the field, in Vietnamese from its code. */
export function serverFieldMessage(error: FieldError): string {
  return `Máy chủ từ chối: ${fieldErrorMessage(error)}.`;
}

/** Lower case without diacritics, so "dang ky ho kinh doanh" finds "Đăng ký hộ kinh doanh". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
