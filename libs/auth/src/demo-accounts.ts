import { DEMO_AGENCY, DEMO_LAND_OFFICE, DEMO_TAX_OFFICE } from '@app/agencies';
import type { Role } from '@app/common';

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
}

/**
 * The accounts of the default start (password `demo`): one per role at xã Tiên Du, named by the role, and one per role that
 * the two liên thông procedures and the provincial procedures need in the other agencies. The README lists them.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  // The administrator belongs to the demo commune, so an intake without agencyCode goes there as before.
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', agencyCode: DEMO_AGENCY },
  { username: 'supervisor', fullName: 'Lãnh đạo Văn phòng (giám sát)', role: 'supervisor', agencyCode: DEMO_AGENCY },
  { username: 'reception', fullName: 'Cán bộ Bộ phận Một cửa', role: 'reception', agencyCode: DEMO_AGENCY },
  { username: 'specialist', fullName: 'Chuyên viên thụ lý', role: 'specialist', agencyCode: DEMO_AGENCY },
  { username: 'leader', fullName: 'Lãnh đạo phòng', role: 'leader', agencyCode: DEMO_AGENCY },
  { username: 'clerk', fullName: 'Văn thư', role: 'clerk', agencyCode: DEMO_AGENCY },
  { username: 'tinh.giamsat', fullName: 'Lãnh đạo Văn phòng UBND tỉnh (giám sát toàn tỉnh)', role: 'supervisor', agencyCode: 'H12' },
  { username: 'tinh.motcua', fullName: 'Cán bộ Trung tâm Phục vụ hành chính công tỉnh', role: 'reception', agencyCode: 'H12.00' },
  { username: 'tuphap.chuyenvien', fullName: 'Chuyên viên Sở Tư pháp', role: 'specialist', agencyCode: 'H12.10' },
  { username: 'tuphap.lanhdao', fullName: 'Lãnh đạo Sở Tư pháp', role: 'leader', agencyCode: 'H12.10' },
  { username: 'tuphap.vanthu', fullName: 'Văn thư Sở Tư pháp', role: 'clerk', agencyCode: 'H12.10' },
  { username: 'dat.chuyenvien', fullName: 'Chuyên viên Chi nhánh Văn phòng Đăng ký đất đai', role: 'specialist', agencyCode: DEMO_LAND_OFFICE },
  { username: 'dat.lanhdao', fullName: 'Giám đốc Chi nhánh Văn phòng Đăng ký đất đai', role: 'leader', agencyCode: DEMO_LAND_OFFICE },
  { username: 'dat.giamsat', fullName: 'Lãnh đạo Văn phòng Đăng ký đất đai tỉnh (giám sát)', role: 'supervisor', agencyCode: 'H12.20' },
  { username: 'thue.chuyenvien', fullName: 'Công chức Thuế tỉnh Bắc Ninh', role: 'specialist', agencyCode: DEMO_TAX_OFFICE },
  { username: 'kinhbac.motcua', fullName: 'Cán bộ Bộ phận Một cửa phường Kinh Bắc', role: 'reception', agencyCode: 'H12.02' },
  { username: 'kinhbac.chuyenvien', fullName: 'Chuyên viên phường Kinh Bắc', role: 'specialist', agencyCode: 'H12.02' },
  { username: 'kinhbac.lanhdao', fullName: 'Lãnh đạo UBND phường Kinh Bắc', role: 'leader', agencyCode: 'H12.02' },
  { username: 'kinhbac.vanthu', fullName: 'Văn thư UBND phường Kinh Bắc', role: 'clerk', agencyCode: 'H12.02' },
];
