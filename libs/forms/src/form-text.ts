import { UTC_OFFSET_MINUTES, type Duration } from '@app/calendar';

// Vietnam keeps one offset all year (UTC+7): a form's dates are the office's wall clock.
const parts = (t: Date) => {
  const local = new Date(t.getTime() + UTC_OFFSET_MINUTES * 60_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return { day: p2(local.getUTCDate()), month: p2(local.getUTCMonth() + 1), year: String(local.getUTCFullYear()), hour: p2(local.getUTCHours()), minute: p2(local.getUTCMinutes()) };
};

/** "ngày 02 tháng 12 năm 2026", as administrative documents write a date. */
export function longDate(t: Date): string {
  const p = parts(t);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "10 giờ 00 phút, ngày 15 tháng 02 năm 2027": an appointment or a time of receipt. */
export function timeAndDate(t: Date): string {
  const p = parts(t);
  return `${p.hour} giờ ${p.minute} phút, ${longDate(t)}`;
}

/** "15/02/2027 10:00": compact, for tables. */
export function shortDateTime(t: Date): string {
  const p = parts(t);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

const UNIT_LABELS: Record<Duration['unit'], string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

/** "10 ngày làm việc", "3,5 giờ làm việc" (the Vietnamese decimal comma). */
export function durationText(d: Duration): string {
  return `${String(d.value).replace('.', ',')} ${UNIT_LABELS[d.unit]}`;
}

/** "01", "02" … "10": counts on forms have two digits. */
export function count2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The place name an agency's documents are dated at ("Tiên Du, ngày …"): the commune's or province's name without its
 * kind (UBND xã Tiên Du → Tiên Du), from the nearest such agency above the one issuing.
 */
export function placeOf(name: string): string {
  return name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(xã|phường|đặc khu|tỉnh|thành phố)\s+/i, '').trim();
}
