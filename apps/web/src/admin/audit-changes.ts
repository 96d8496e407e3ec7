/** An audit row's before/after as lines an administrator reads: field names and values in Vietnamese, only what changed. */
import { LEVEL_LABELS, ROLE_LABELS, UNIT_LABELS } from '../labels';

export interface AuditChange {
  field: string;
  label: string;
  /** null: the field had no value before (a creation, a new password). */
  before: string | null;
  after: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  roles: 'Vai trò',
  agencyCode: 'Đơn vị',
  active: 'Trạng thái',
  passwordChanged: 'Mật khẩu',
  code: 'Mã',
  name: 'Tên',
  level: 'Cấp',
  parentCode: 'Cơ quan cấp trên',
  officeHours: 'Giờ làm việc',
  version: 'Phiên bản',
  field: 'Lĩnh vực',
  processingTime: 'Thời hạn giải quyết',
  onlineProcessingTime: 'Thời hạn (trực tuyến)',
  cutoff: 'Giờ chốt nhận',
  supplementPolicy: 'Khi bổ sung hồ sơ',
  steps: 'Các bước',
  requiredDocuments: 'Thành phần hồ sơ',
  fee: 'Lệ phí',
  date: 'Ngày',
  working: 'Loại ngày',
  note: 'Ghi chú',
};

const MAX_TEXT = 160;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isDuration = (v: unknown): v is { value: number; unit: keyof typeof UNIT_LABELS } => isRecord(v) && typeof v.value === 'number' && typeof v.unit === 'string' && v.unit in UNIT_LABELS;
const isInterval = (v: unknown): v is { from: string; to: string } => isRecord(v) && typeof v.from === 'string' && typeof v.to === 'string';
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** One value as words: roles, levels, hours and durations by name, anything else as short text. */
export function auditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'roles' && Array.isArray(value)) return value.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? String(r)).join(', ');
  if (field === 'active' && typeof value === 'boolean') return value ? 'Đang hoạt động' : 'Đã khóa';
  if (field === 'passwordChanged') return 'Đã đặt mật khẩu mới';
  if (field === 'working' && typeof value === 'boolean') return value ? 'Ngày làm việc' : 'Ngày nghỉ';
  if (field === 'level' && typeof value === 'string') return LEVEL_LABELS[value as keyof typeof LEVEL_LABELS] ?? value;
  if (field === 'fee' && typeof value === 'number') return `${value.toLocaleString('vi-VN')} đồng`;
  if (Array.isArray(value) && value.length && value.every(isInterval)) return value.map((h) => `${h.from}–${h.to}`).join(', ');
  if (isDuration(value)) return `${value.value.toLocaleString('vi-VN')} ${UNIT_LABELS[value.unit]}`;
  if (field === 'steps' && Array.isArray(value)) return value.map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name : '?')).join(' → ');
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (typeof value === 'string') return clip(value);
  return clip(JSON.stringify(value));
}

/** The changed fields in the row's order; a creation (before null) lists every field but the id or code the target column names. */
export function auditChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !(before === null && (f === 'id' || f === 'code')));
  return fields.map((field) => ({
    field,
    label: FIELD_LABELS[field] ?? field,
    before: field in b ? auditValue(field, b[field]) : null,
    after: field in a ? auditValue(field, a[field]) : null,
  }));
}
