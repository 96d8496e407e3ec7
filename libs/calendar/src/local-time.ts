export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const UTC_OFFSET_MINUTES = 420;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
// Vietnam has had no daylight saving since 1975, so one fixed offset converts every instant we handle.
const OFFSET_MS = UTC_OFFSET_MINUTES * MINUTE_MS;
const OFFSET_SUFFIX = `+${pad2(Math.floor(UTC_OFFSET_MINUTES / 60))}:${pad2(UTC_OFFSET_MINUTES % 60)}`;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), without Date objects. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** [year, month 1–12, day 1–31] of a day number from daysFromCivil. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of a local 'YYYY-MM-DD' date; throws on anything that is not a real calendar date. */
export function parseDate(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) throw new Error(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`Invalid date ${JSON.stringify(date)}: no such calendar day`);
  }
  return daysFromCivil(year, month, day);
}

export function formatDate(day: number): string {
  const [year, month, dayOfMonth] = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** Milliseconds after local midnight of an 'HH:mm' clock time; `what` names the value in the error. */
export function parseClock(time: string, what = 'time'): number {
  const match = typeof time === 'string' ? CLOCK_PATTERN.exec(time) : null;
  if (!match) throw new Error(`Invalid ${what} ${JSON.stringify(time)}: expected HH:mm (00:00–23:59)`);
  return Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
}

/** Local wall-clock milliseconds (epoch ms shifted to UTC+7) of a valid Date. */
export function toLocalMs(t: Date): number {
  // toString tag rather than instanceof: Dates from another realm (a driver, a test VM) are still Dates.
  const ms = Object.prototype.toString.call(t) === '[object Date]' ? t.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`Invalid Date: expected a valid Date instance, got ${String(t)}`);
  return ms + OFFSET_MS;
}

export function fromLocalMs(localMs: number): Date {
  return new Date(localMs - OFFSET_MS);
}

/** 'YYYY-MM-DD' of the instant in Asia/Ho_Chi_Minh. */
export function toLocalDate(t: Date): string {
  return formatDate(Math.floor(toLocalMs(t) / DAY_MS));
}

/** ISO 8601 with the +07:00 offset, to the second: '2026-11-23T09:00:00+07:00'. */
export function formatLocal(t: Date): string {
  const local = toLocalMs(t);
  const day = Math.floor(local / DAY_MS);
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  const hh = pad2(Math.floor(seconds / 3600));
  const mm = pad2(Math.floor((seconds % 3600) / 60));
  const ss = pad2(seconds % 60);
  return `${formatDate(day)}T${hh}:${mm}:${ss}${OFFSET_SUFFIX}`;
}

/** The instant of a local date and 'HH:mm' time in Asia/Ho_Chi_Minh. */
export function localDateTime(date: string, time: string): Date {
  return fromLocalMs(parseDate(date) * DAY_MS + parseClock(time));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
