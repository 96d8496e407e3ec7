/** Vietnamese words for the API's codes: one place, so every screen says the same thing. */
import type { AuditAction, AuditTargetType, Channel, DossierStatus, EventType, Role } from './types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  supervisor: 'Lãnh đạo theo dõi, giám sát',
  reception: 'Cán bộ tiếp nhận (Một cửa)',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
  clerk: 'Văn thư',
};

export const STATUS_LABELS: Record<DossierStatus, string> = {
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung',
  suspended: 'Tạm dừng',
  result_ready: 'Có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Bưu chính công ích',
};

export const EVENT_LABELS: Record<string, string> = {
  RECEIVE: 'Tiếp nhận hồ sơ',
  FORWARD: 'Chuyển bước tiếp theo',
  RETURN: 'Trả lại bước trước',
  ASSIGN: 'Phân công xử lý',
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung hồ sơ',
  SUPPLEMENT_RECEIVED: 'Nhận hồ sơ bổ sung',
  SUSPEND: 'Tạm dừng xử lý',
  RESUME: 'Tiếp tục xử lý',
  EXTEND: 'Gia hạn (xin lỗi, hẹn lại)',
  COMPLETE: 'Hoàn thành, có kết quả',
  DELIVER: 'Trả kết quả cho người nộp',
  WITHDRAW: 'Rút hồ sơ',
  DUE_SOON: 'Cảnh báo sắp đến hạn',
  OVERDUE: 'Quá hạn',
  STEP_OVERDUE: 'Bước xử lý quá hạn',
  DEADLINE_RECOMPUTED: 'Tính lại hạn do thay đổi lịch làm việc',
  FILE_ATTACHED: 'Đính kèm tệp',
};

export const ACTION_LABELS: Record<EventType, string> = {
  FORWARD: 'Chuyển bước tiếp',
  RETURN: 'Trả lại bước trước',
  ASSIGN: 'Phân công',
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung',
  SUPPLEMENT_RECEIVED: 'Đã nhận bổ sung',
  SUSPEND: 'Tạm dừng',
  RESUME: 'Tiếp tục xử lý',
  EXTEND: 'Gia hạn',
  COMPLETE: 'Hoàn thành',
  DELIVER: 'Trả kết quả',
  WITHDRAW: 'Rút hồ sơ',
};

export const OUTCOME_LABELS = { early: 'Trước hạn', on_time: 'Đúng hạn', overdue: 'Quá hạn' } as const;

export const APPLICANT_TYPE_LABELS = { citizen: 'Công dân', enterprise: 'Doanh nghiệp', organization: 'Tổ chức' } as const;

export const LEVEL_LABELS = { ministry: 'Bộ, ngành', province: 'Cấp tỉnh', department: 'Sở, ngành, chi nhánh', district: 'Cấp huyện', commune: 'Cấp xã' } as const;
/** The levels a new agency may have: districts were abolished on 1/7/2025 and stay only in imported history. */
export const NEW_LEVEL_LABELS = { ministry: LEVEL_LABELS.ministry, province: LEVEL_LABELS.province, department: LEVEL_LABELS.department, commune: LEVEL_LABELS.commune } as const;
/** Whose dossiers an agency's desk may receive. */
export const RECEIVES_FOR_LABELS = {
  self: 'Chỉ hồ sơ của chính cơ quan',
  subtree: 'Hồ sơ của cơ quan và các đơn vị trực thuộc',
  province: 'Hồ sơ của mọi cơ quan trong tỉnh (Trung tâm Phục vụ hành chính công)',
} as const;

/** Liên thông: which agency a dossier names, and its handovers between agencies. */
export const DOSSIER_AGENCY_LABELS = {
  resolving: 'Cơ quan giải quyết',
  receiving: 'Bộ phận tiếp nhận',
  holding: 'Cơ quan đang xử lý',
  step: 'Cơ quan xử lý',
} as const;
export const handoverLabel = (from: string, to: string) => `Chuyển từ ${from} đến ${to}`;
/** The badge of a dossier that arrived from another agency (work queues). */
export const arrivedFromLabel = (from: string) => `Từ ${from}`;
export const LIEN_THONG_ARRIVED = 'Hồ sơ liên thông đến';

export const UNIT_LABELS = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày', months: 'tháng' } as const;

export const RESULT_LABELS = { approved: 'Chấp thuận (có kết quả)', refused: 'Từ chối (văn bản trả lời)' } as const;

/** The audit log's actions (Nhật ký quản trị). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'user.created': 'Tạo tài khoản',
  'user.updated': 'Sửa tài khoản',
  'agency.created': 'Thêm cơ quan, đơn vị',
  'agency.updated': 'Sửa cơ quan, đơn vị',
  'procedure.published': 'Công bố phiên bản thủ tục',
  'calendar.day_set': 'Đặt ngày nghỉ, ngày làm bù',
  'calendar.day_cleared': 'Bỏ ngày nghỉ, ngày làm bù',
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.2fa_enabled': 'Bật xác thực hai bước',
  'auth.2fa_disabled': 'Tắt xác thực hai bước',
};

export const AUDIT_TARGET_LABELS: Record<AuditTargetType, string> = {
  user: 'Tài khoản',
  agency: 'Cơ quan',
  procedure: 'Thủ tục',
  calendar_day: 'Ngày',
};
