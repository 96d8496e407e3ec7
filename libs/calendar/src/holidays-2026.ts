import { LABOUR_CODE_HOLIDAY as LAW, type NationalCalendarDay } from './national-calendar-day';

const NEW_YEAR_SWAP = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025';
const LUNAR_NEW_YEAR = `${LAW.lunarNewYear}; Thông báo 9441/TB-BNV ngày 16/10/2025`;
// The decision is cited as it was announced; its number was not recorded with it.
const NATIONAL_DAY_SWAP = 'Quyết định của Thủ tướng Chính phủ (tháng 10/2025) về hoán đổi ngày làm việc dịp Quốc khánh 2026';
const CULTURE_DAY = 'Nghị quyết 28/2026/QH16; Công văn 10065/VPCP-KGVX ngày 2/10/2026 (khu vực công nghỉ 1 ngày)';

/**
 * The 2026 dates that differ from the Monday–Friday rule for state agencies (civil servants' schedule).
 * Weekend days inside a break need no row: they are already non-working.
 */
export const HOLIDAYS_2026: readonly NationalCalendarDay[] = [
  { date: '2026-01-01', working: false, note: 'Tết Dương lịch', source: LAW.newYear },
  // Friday 2/1 off, worked back on Saturday 10/1.
  { date: '2026-01-02', working: false, note: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/1/2026)', source: NEW_YEAR_SWAP },
  { date: '2026-01-10', working: true, note: 'Làm bù cho ngày 2/1/2026', source: NEW_YEAR_SWAP },
  // Mon 16/2–Fri 20/2 inside the Sat 14/2–Sun 22/2 break.
  { date: '2026-02-16', working: false, note: 'Tết Nguyên đán Bính Ngọ', source: LUNAR_NEW_YEAR },
  { date: '2026-02-17', working: false, note: 'Tết Nguyên đán Bính Ngọ', source: LUNAR_NEW_YEAR },
  { date: '2026-02-18', working: false, note: 'Tết Nguyên đán Bính Ngọ', source: LUNAR_NEW_YEAR },
  { date: '2026-02-19', working: false, note: 'Tết Nguyên đán Bính Ngọ', source: LUNAR_NEW_YEAR },
  { date: '2026-02-20', working: false, note: 'Tết Nguyên đán Bính Ngọ', source: LUNAR_NEW_YEAR },
  // 10/3 lunar falls on Sunday 26/4, so it is taken on Monday.
  { date: '2026-04-27', working: false, note: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ Nhật 26/4)', source: `${LAW.hungKings}; ${LAW.compensatory}` },
  { date: '2026-04-30', working: false, note: 'Ngày Chiến thắng', source: LAW.victoryDay },
  { date: '2026-05-01', working: false, note: 'Ngày Quốc tế Lao động', source: LAW.labourDay },
  // Monday 31/8 worked on Saturday 22/8, joining the weekend to Quốc khánh: break Saturday 29/8 to Wednesday 2/9.
  { date: '2026-08-22', working: true, note: 'Làm bù cho ngày 31/8/2026', source: NATIONAL_DAY_SWAP },
  { date: '2026-08-31', working: false, note: 'Nghỉ hoán đổi Quốc khánh (làm bù thứ Bảy 22/8/2026)', source: NATIONAL_DAY_SWAP },
  // The adjacent day the law leaves open was set to Tuesday 1/9.
  { date: '2026-09-01', working: false, note: 'Quốc khánh (ngày liền kề)', source: `${LAW.nationalDay}; ${NATIONAL_DAY_SWAP}` },
  { date: '2026-09-02', working: false, note: 'Quốc khánh', source: LAW.nationalDay },
  // Enacted after the rest of 2026 was seeded: running deployments get it by migration (NationalCalendar2027).
  { date: '2026-11-24', working: false, note: 'Ngày Văn hóa Việt Nam', source: CULTURE_DAY },
];
