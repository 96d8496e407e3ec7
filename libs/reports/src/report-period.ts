/** Local dates (YYYY-MM-DD in Asia/Ho_Chi_Minh) as day numbers, and how a period maps onto rollup rows. */

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Vietnam has one fixed offset (UTC+7, no daylight saving), as in libs/calendar.
const OFFSET_MS = 7 * 3_600_000;

/** The longest period a report accepts, in days (both ends included): a leap year. */
export const MAX_PERIOD_DAYS = 366;

export type Grain = 'd' | 'm' | 'y';

/** Rollup rows of one grain whose `period` lies in [from, to); from null = since the beginning. */
export interface GrainRange {
  grain: Grain;
  from: string | null;
  to: string;
}

/** Day number (days since 1970-01-01) of a real local date, or null for anything else (2026-02-30 included). */
export function parseLocalDate(value: string): number | null {
  const m = LOCAL_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a local day starts (00:00+07:00). */
export function dayStart(day: number): Date {
  return new Date(day * DAY_MS - OFFSET_MS);
}

/** The local day an instant falls on. */
export function localDay(t: Date): number {
  return Math.floor((t.getTime() + OFFSET_MS) / DAY_MS);
}

function monthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

function nextMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

function yearStart(day: number): number {
  return Date.UTC(new Date(day * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
}

function nextYear(day: number): number {
  return Date.UTC(new Date(day * DAY_MS).getUTCFullYear() + 1, 0, 1) / DAY_MS;
}

/**
 * The fewest rollup rows that cover the days [from, to) exactly: whole years as year rows, whole months as month
 * rows, the ragged ends as day rows. A calendar year is one year row per key; 15 March–14 April is 17 + 14 day rows.
 */
export function coveringRanges(from: number, to: number): GrainRange[] {
  const out: GrainRange[] = [];
  let d = from;
  while (d < to) {
    let grain: Grain;
    let next: number;
    if (d === yearStart(d) && nextYear(d) <= to) {
      grain = 'y';
      next = nextYear(d);
    } else if (d === monthStart(d) && nextMonth(d) <= to) {
      grain = 'm';
      next = nextMonth(d);
    } else {
      grain = 'd';
      next = Math.min(to, nextMonth(d));
    }
    const last = out[out.length - 1];
    if (last && last.grain === grain && last.to === formatDay(d)) last.to = formatDay(next);
    else out.push({ grain, from: formatDay(d), to: formatDay(next) });
    d = next;
  }
  return out;
}

/** The rollup rows that cover every day before `to`: whole years, then the months and days of to's year and month. */
export function rangesBefore(to: number): GrainRange[] {
  const y = yearStart(to);
  const m = monthStart(to);
  const out: GrainRange[] = [{ grain: 'y', from: null, to: formatDay(y) }];
  if (m > y) out.push({ grain: 'm', from: formatDay(y), to: formatDay(m) });
  if (to > m) out.push({ grain: 'd', from: formatDay(m), to: formatDay(to) });
  return out;
}
