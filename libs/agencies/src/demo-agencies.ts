import type { AgencyLevel, ReceivesFor } from '@app/common';

export interface DemoAgency {
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
  receivesFor: ReceivesFor;
}

/**
 * The new Bắc Ninh (Bắc Ninh and Bắc Giang merged on 1/7/2025) in the two-tier model: the province, its centre, departments and
 * a few of its real new communes, each commune with one of its divisions. Names are real; the codes are illustrative (the
 * national pattern, not the official identifiers).
 */
export const SEED_AGENCIES: DemoAgency[] = [
  { code: 'H12', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', level: 'province', parentCode: null, receivesFor: 'self' },
  // The provincial centre receives for every agency of the province, whatever the applicant's address.
  { code: 'H12.00', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh', level: 'department', parentCode: 'H12', receivesFor: 'province' },
  { code: 'H12.10', name: 'Sở Tư pháp tỉnh Bắc Ninh', level: 'department', parentCode: 'H12', receivesFor: 'self' },
  { code: 'H12.20', name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Ninh', level: 'department', parentCode: 'H12', receivesFor: 'self' },
  { code: 'H12.20.02', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Tiên Du', level: 'department', parentCode: 'H12.20', receivesFor: 'self' },
  // A central agency's local office: in the tree so land dossiers can be handed to it (liên thông), not under the province's authority.
  { code: 'H12.30', name: 'Thuế tỉnh Bắc Ninh', level: 'department', parentCode: 'H12', receivesFor: 'self' },
  // Commune centres receive for the whole province too (Decree 118/2025: "không phụ thuộc địa giới hành chính").
  { code: 'H12.01', name: 'Ủy ban nhân dân xã Tiên Du', level: 'commune', parentCode: 'H12', receivesFor: 'province' },
  { code: 'H12.01.05', name: 'Phòng Kinh tế xã Tiên Du', level: 'commune', parentCode: 'H12.01', receivesFor: 'self' },
  { code: 'H12.02', name: 'Ủy ban nhân dân phường Kinh Bắc', level: 'commune', parentCode: 'H12', receivesFor: 'province' },
  { code: 'H12.02.03', name: 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kinh Bắc', level: 'commune', parentCode: 'H12.02', receivesFor: 'self' },
];

/** The agency of the six role-named demo accounts (and of officers the tests name without one). */
export const DEMO_AGENCY = 'H12.01';
export const DEMO_LAND_OFFICE = 'H12.20.02';
/** Named by the land procedure's tax step (seed-procedures.ts). */
export const DEMO_TAX_OFFICE = 'H12.30';
