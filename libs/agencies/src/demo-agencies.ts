import type { AgencyLevel } from '@app/common';

/** A demo agency tree (province → district → commune); the codes follow the national pattern, the pairing with names is illustrative. */
export const SEED_AGENCIES: { code: string; name: string; level: AgencyLevel; parentCode: string | null }[] = [
  { code: 'H12', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', level: 'province', parentCode: null },
  { code: 'H12.10', name: 'Sở Tư pháp tỉnh Bắc Ninh', level: 'province', parentCode: 'H12' },
  { code: 'H12.01', name: 'Ủy ban nhân dân huyện Tiên Du', level: 'district', parentCode: 'H12' },
  { code: 'H12.01.05', name: 'Ủy ban nhân dân xã Lim', level: 'commune', parentCode: 'H12.01' },
  { code: 'H12.02', name: 'Ủy ban nhân dân huyện Yên Phong', level: 'district', parentCode: 'H12' },
  { code: 'H12.02.03', name: 'Ủy ban nhân dân xã Đông Phong', level: 'commune', parentCode: 'H12.02' },
];
