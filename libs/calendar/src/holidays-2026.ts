import type { CalendarException } from './working-calendar';

/**
 * The 2026 dates that differ from the Monday–Friday rule for state agencies (civil servants' schedule).
 * Weekend days inside a break need no row: they are already non-working.
 * Not included: 24/11 "Ngày Văn hóa Việt Nam" (Politburo Resolution 80-NQ/TW, Jan 2026) is a stated intent,
 * not yet a day off in the Labour Code; add it as a row once it is enacted.
 */
export const HOLIDAYS_2026: CalendarException[] = [
  // Labour Code 2019 art. 112(1)(a): Tết Dương lịch, Thursday.
  { date: '2026-01-01', working: false, note: 'Tết Dương lịch' },
  // Swap approved by VPCP letter 12729/VPCP-KGVX (25/12/2025): Friday 2/1 off, worked back on Saturday 10/1.
  { date: '2026-01-02', working: false, note: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/1/2026)' },
  // The make-up Saturday of that swap.
  { date: '2026-01-10', working: true, note: 'Làm bù cho ngày 2/1/2026' },
  // Art. 112(1)(b) Tết Âm lịch, days fixed by the Prime Minister (art. 112(3)): notice 9441/TB-BNV (16/10/2025), Mon 16/2–Fri 20/2 inside the Sat 14/2–Sun 22/2 break.
  { date: '2026-02-16', working: false, note: 'Tết Nguyên đán Bính Ngọ' },
  { date: '2026-02-17', working: false, note: 'Tết Nguyên đán Bính Ngọ' },
  { date: '2026-02-18', working: false, note: 'Tết Nguyên đán Bính Ngọ' },
  { date: '2026-02-19', working: false, note: 'Tết Nguyên đán Bính Ngọ' },
  { date: '2026-02-20', working: false, note: 'Tết Nguyên đán Bính Ngọ' },
  // Art. 112(1)(e) Giỗ Tổ Hùng Vương 10/3 lunar falls on Sunday 26/4; art. 111(3) moves it to the next working day.
  { date: '2026-04-27', working: false, note: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ Nhật 26/4)' },
  // Art. 112(1)(c): Ngày Chiến thắng, Thursday.
  { date: '2026-04-30', working: false, note: 'Ngày Chiến thắng' },
  // Art. 112(1)(d): Quốc tế Lao động, Friday.
  { date: '2026-05-01', working: false, note: 'Ngày Quốc tế Lao động' },
  // Make-up Saturday of the Quốc khánh swap (Prime Minister's decision, Oct 2025: Monday 31/8 worked on Saturday 22/8).
  { date: '2026-08-22', working: true, note: 'Làm bù cho ngày 31/8/2026' },
  // Swapped day off that joins the weekend to Quốc khánh: break Saturday 29/8 to Wednesday 2/9.
  { date: '2026-08-31', working: false, note: 'Nghỉ hoán đổi Quốc khánh (làm bù thứ Bảy 22/8/2026)' },
  // Art. 112(1)(đ) gives 2/9 plus an adjacent day; the Prime Minister's Oct 2025 decision chose Tuesday 1/9.
  { date: '2026-09-01', working: false, note: 'Quốc khánh (ngày liền kề)' },
  // Art. 112(1)(đ): Quốc khánh, Wednesday.
  { date: '2026-09-02', working: false, note: 'Quốc khánh' },
];
