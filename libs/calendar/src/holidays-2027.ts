import { LABOUR_CODE_HOLIDAY as LAW, type NationalCalendarDay } from './national-calendar-day';

// The Government Office letter that set the public sector's 2027 breaks.
const LETTER_2027 = 'Công văn 10065/VPCP-KGVX ngày 2/10/2026';

/**
 * The 2027 dates that differ from the Monday–Friday rule for state agencies; no Saturday is swapped this year.
 * Weekend days inside a break (Tết Sat 6–Sun 7/2, Quốc khánh Sat 4–Sun 5/9) need no row.
 */
export const HOLIDAYS_2027: readonly NationalCalendarDay[] = [
  // Fixed by the law alone (the letter does not list it): a Friday, so no swap.
  { date: '2027-01-01', working: false, note: 'Tết Dương lịch', source: LAW.newYear },
  // The break runs Thursday 4/2 to Wednesday 10/2 (7 days).
  { date: '2027-02-04', working: false, note: 'Tết Nguyên đán Đinh Mùi', source: `${LAW.lunarNewYear}; ${LETTER_2027}` },
  { date: '2027-02-05', working: false, note: 'Tết Nguyên đán Đinh Mùi', source: `${LAW.lunarNewYear}; ${LETTER_2027}` },
  { date: '2027-02-08', working: false, note: 'Tết Nguyên đán Đinh Mùi', source: `${LAW.lunarNewYear}; ${LETTER_2027}` },
  { date: '2027-02-09', working: false, note: 'Tết Nguyên đán Đinh Mùi', source: `${LAW.lunarNewYear}; ${LETTER_2027}` },
  { date: '2027-02-10', working: false, note: 'Tết Nguyên đán Đinh Mùi', source: `${LAW.lunarNewYear}; ${LETTER_2027}` },
  { date: '2027-04-16', working: false, note: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', source: `${LAW.hungKings}; ${LETTER_2027}` },
  { date: '2027-04-30', working: false, note: 'Ngày Chiến thắng', source: `${LAW.victoryDay}; ${LETTER_2027}` },
  // 1/5 is a Saturday, so it is taken on Monday 3/5.
  { date: '2027-05-03', working: false, note: 'Nghỉ bù Ngày Quốc tế Lao động (thứ Bảy 1/5/2027)', source: `${LAW.labourDay}; ${LAW.compensatory}; ${LETTER_2027}` },
  // The break runs Thursday 2/9 to Sunday 5/9; the adjacent day is Friday 3/9.
  { date: '2027-09-02', working: false, note: 'Quốc khánh', source: `${LAW.nationalDay}; ${LETTER_2027}` },
  { date: '2027-09-03', working: false, note: 'Quốc khánh (ngày liền kề)', source: `${LAW.nationalDay}; ${LETTER_2027}` },
  // Doubt: the domain notes ask to verify the public-sector arrangement; kept because the same letter announces it.
  { date: '2027-11-24', working: false, note: 'Ngày Văn hóa Việt Nam', source: `Nghị quyết 28/2026/QH16; ${LETTER_2027}` },
];
