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

/** Rollup rows to add and rows to subtract: their signed sum is exactly the days asked for. */
export interface SignedRanges {
  plus: GrainRange[];
  minus: GrainRange[];
}

interface Piece {
  grain: Grain;
  from: number | null;
  to: number;
}

/**
 * Rollup rows whose signed sum covers the days [from, to) exactly (from null: every day before `to`), reading few rows:
 * whole years as year rows, whole months as month rows, and each ragged piece either day by day (month by month) or as
 * its whole month (year) minus the rest, whichever is fewer. A calendar year is one year row per key; the twelve months to
 * 21 November are 9 day rows, a month row and a year row, minus a month row and 9 day rows.
 */
export function signedRanges(from: number | null, to: number): SignedRanges {
  const units = new Map<string, { unit: Piece; n: number }>();
  const add = (unit: Piece, n: number) => {
    const key = `${unit.grain}:${unit.from}:${unit.to}`;
    const u = units.get(key) ?? { unit, n: 0 };
    u.n += n;
    units.set(key, u);
  };
  const each = (grain: Grain, a: number, b: number, n: number) => {
    const next = grain === 'd' ? (d: number) => d + 1 : grain === 'm' ? nextMonth : nextYear;
    for (let d = a; d < b; d = next(d)) add({ grain, from: d, to: next(d) }, n);
  };
  const monthsBetween = (a: number, b: number) => {
    let n = 0;
    for (let d = a; d < b; d = nextMonth(d)) n++;
    return n;
  };
  for (const p of pieces(from, to)) {
    if (p.from === null) {
      add(p, 1);
    } else if (p.grain === 'y') {
      each('y', p.from, p.to, 1);
    } else if (p.grain === 'm') {
      const [y, z] = [yearStart(p.from), nextYear(p.from)];
      if (1 + monthsBetween(y, p.from) + monthsBetween(p.to, z) < monthsBetween(p.from, p.to)) {
        each('y', y, z, 1);
        each('m', y, p.from, -1);
        each('m', p.to, z, -1);
      } else each('m', p.from, p.to, 1);
    } else {
      const [m, n] = [monthStart(p.from), nextMonth(p.from)];
      if (1 + (p.from - m) + (n - p.to) < p.to - p.from) {
        each('m', m, n, 1);
        each('d', m, p.from, -1);
        each('d', p.to, n, -1);
      } else each('d', p.from, p.to, 1);
    }
  }
  const signed = [...units.values()].filter((u) => u.n !== 0);
  if (signed.some((u) => Math.abs(u.n) !== 1)) throw new Error(`rollup ranges for [${from}, ${to}) counted a day twice`);
  return { plus: merge(signed.filter((u) => u.n > 0).map((u) => u.unit)), minus: merge(signed.filter((u) => u.n < 0).map((u) => u.unit)) };
}

/** [from, to) in pieces: whole years, whole months within one year, days within one month. */
function pieces(from: number | null, to: number): Piece[] {
  const out: Piece[] = [];
  let d = from ?? yearStart(to);
  if (from === null) out.push({ grain: 'y', from: null, to: d });
  while (d < to) {
    let e: number;
    if (d === yearStart(d) && nextYear(d) <= to) {
      for (e = d; nextYear(e) <= to; e = nextYear(e));
      out.push({ grain: 'y', from: d, to: e });
    } else if (d === monthStart(d) && nextMonth(d) <= to) {
      const z = nextYear(d);
      for (e = d; e < z && nextMonth(e) <= to; e = nextMonth(e));
      out.push({ grain: 'm', from: d, to: e });
    } else {
      e = Math.min(to, nextMonth(d));
      out.push({ grain: 'd', from: d, to: e });
    }
    d = e;
  }
  return out;
}

/** Adjacent units of one grain as one range. */
function merge(units: Piece[]): GrainRange[] {
  const sorted = [...units].sort((a, b) => (a.grain === b.grain ? (a.from ?? -Infinity) - (b.from ?? -Infinity) : a.grain < b.grain ? -1 : 1));
  const out: GrainRange[] = [];
  for (const u of sorted) {
    const last = out[out.length - 1];
    if (last && last.grain === u.grain && u.from !== null && last.to === formatDay(u.from)) last.to = formatDay(u.to);
    else out.push({ grain: u.grain, from: u.from === null ? null : formatDay(u.from), to: formatDay(u.to) });
  }
  return out;
}
