import { assertDuration, type Duration } from './duration';
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  formatDate,
  fromLocalMs,
  HOUR_MS,
  MINUTE_MS,
  parseClock,
  parseDate,
  toLocalMs,
  weekdayOf,
} from './local-time';

/** Office hours that cannot be used, with what is wrong and which interval (1-based), so callers can say it in any language. */
export class OfficeHoursError extends Error {
  constructor(
    message: string,
    readonly problem: 'empty' | 'bad_time' | 'end_before_start' | 'overlaps_previous',
    readonly at?: { interval: number; from: string; to: string },
  ) {
    super(message);
  }
}

/** One span of office hours in local time, 'HH:mm'; the span is [from, to). */
export interface OfficeInterval {
  from: string;
  to: string;
}

/** A date that differs from the Monday–Friday rule: a holiday on a weekday, or a swapped working Saturday. */
export interface CalendarException {
  date: string;
  working: boolean;
  note?: string | null;
}

export interface WorkingCalendarOptions {
  /** Sorted, non-overlapping; defaults to DEFAULT_OFFICE_HOURS. */
  officeHours?: readonly OfficeInterval[];
  /** When a date appears twice the later entry wins, so agency rows can be appended after a national list. */
  exceptions?: Iterable<CalendarException>;
}

export interface CalendarDayInfo {
  date: string;
  working: boolean;
  note: string | null;
}

// Frozen because every calendar in the process shares it.
export const DEFAULT_OFFICE_HOURS: OfficeInterval[] = Object.freeze([
  Object.freeze({ from: '07:30', to: '11:30' }),
  Object.freeze({ from: '13:30', to: '17:00' }),
]) as OfficeInterval[];

// Same 100-year ceiling as the calendar units, counted in working days.
const MAX_WORKING_DAYS = 36_600;

interface DayOverride {
  working: boolean;
  note: string | null;
}

/**
 * Working time in Asia/Ho_Chi_Minh over office hours and a per-date exception list.
 * All arithmetic is on "local ms" (epoch ms + 7 h), so a day is exactly DAY_MS and day numbers are floor(local / DAY_MS).
 */
export class WorkingCalendar {
  /** Sum of the office intervals: 450 with the default hours. */
  readonly minutesPerWorkingDay: number;

  private readonly opens: number[] = [];
  private readonly closes: number[] = [];
  private readonly firstOpen: number;
  private readonly lastClose: number;
  private readonly dayMs: number;
  private readonly overrides = new Map<number, DayOverride>();
  // Sorted copies of the overrides for counting working days over long ranges without visiting each day.
  private readonly overrideDays: number[];
  private readonly overrideWorking: boolean[];

  constructor(opts: WorkingCalendarOptions = {}) {
    const hours = opts.officeHours ?? DEFAULT_OFFICE_HOURS;
    if (!Array.isArray(hours) || hours.length === 0) {
      throw new OfficeHoursError('Invalid office hours: expected a non-empty list of { from, to } intervals', 'empty');
    }
    hours.forEach((interval: OfficeInterval, i: number) => {
      const at = { interval: i + 1, from: String(interval?.from), to: String(interval?.to) };
      const clock = (value: string, end: 'from' | 'to') => {
        try {
          return parseClock(value, `office hours interval ${i + 1} "${end}"`);
        } catch (e) {
          throw new OfficeHoursError(e instanceof Error ? e.message : String(e), 'bad_time', at);
        }
      };
      const from = clock(interval?.from, 'from');
      const to = clock(interval?.to, 'to');
      if (from >= to) {
        throw new OfficeHoursError(`Invalid office hours: interval ${i + 1} ${interval.from}–${interval.to} does not end after it starts`, 'end_before_start', at);
      }
      if (i > 0 && from < this.closes[i - 1]) {
        throw new OfficeHoursError(
          `Invalid office hours: interval ${i + 1} ${interval.from}–${interval.to} overlaps or precedes the one before; intervals must be sorted and non-overlapping`,
          'overlaps_previous',
          at,
        );
      }
      this.opens.push(from);
      this.closes.push(to);
    });
    this.firstOpen = this.opens[0];
    this.lastClose = this.closes[this.closes.length - 1];
    this.dayMs = this.opens.reduce((sum, from, i) => sum + this.closes[i] - from, 0);
    this.minutesPerWorkingDay = this.dayMs / MINUTE_MS;

    for (const exception of opts.exceptions ?? []) {
      const day = parseDate(exception?.date);
      if (typeof exception.working !== 'boolean') {
        throw new Error(`Invalid calendar exception for ${exception.date}: "working" must be a boolean`);
      }
      this.overrides.set(day, { working: exception.working, note: exception.note ?? null });
    }
    this.overrideDays = [...this.overrides.keys()].sort((a, b) => a - b);
    this.overrideWorking = this.overrideDays.map((day) => (this.overrides.get(day) as DayOverride).working);
  }

  isWorkingDay(date: string): boolean {
    return this.workingOn(parseDate(date));
  }

  /** Inside an office interval [from, to) of a working day. */
  isWorkingTime(t: Date): boolean {
    const local = toLocalMs(t);
    const day = Math.floor(local / DAY_MS);
    if (!this.workingOn(day)) return false;
    const tod = local - day * DAY_MS;
    for (let i = 0; i < this.opens.length; i++) {
      if (tod < this.closes[i]) return tod >= this.opens[i];
    }
    return false;
  }

  /** t itself when inside office hours, else the next opening. */
  nextOpening(t: Date): Date {
    return fromLocalMs(this.openingFrom(toLocalMs(t)));
  }

  /** Effective start: the next opening when t is outside office hours, or (on a working day) strictly after the cut-off. */
  start(t: Date, cutoff?: string | null): Date {
    return fromLocalMs(this.startLocal(toLocalMs(t), cutoff));
  }

  /**
   * Due time = start(t, cutoff) + d.
   * Working units are working-minute arithmetic and may end exactly at a closing time.
   * Calendar units: the due time is the close of the resulting local date, or of the next working day when that date
   * is not one (always the close, never the start's clock time, because only that keeps add() monotonic);
   * adding 0 returns start(t, cutoff).
   */
  add(t: Date, d: Duration, cutoff?: string | null): Date {
    assertDuration(d);
    const start = this.startLocal(toLocalMs(t), cutoff);
    switch (d.unit) {
      case 'working_days':
        return fromLocalMs(this.addLocal(start, d.value * this.dayMs));
      case 'working_hours':
        return fromLocalMs(this.addLocal(start, Math.round(d.value * HOUR_MS)));
      case 'calendar_days':
      case 'months': {
        if (d.value === 0) return fromLocalMs(start);
        const startDay = Math.floor(start / DAY_MS);
        const target = d.unit === 'calendar_days' ? startDay + d.value : addMonths(startDay, d.value);
        return fromLocalMs(this.nextWorkingDay(target) * DAY_MS + this.lastClose);
      }
    }
  }

  /** Exactly `minutes` working minutes after t (counted from the next opening when t is outside office hours); 0 returns t. */
  addWorkingMinutes(t: Date, minutes: number): Date {
    const amount = workingMinutesMs(minutes);
    return fromLocalMs(this.addLocal(toLocalMs(t), amount));
  }

  /**
   * Inverse of addWorkingMinutes: the latest s <= t with between(s, t) === minutes.
   * Counted back from t when t is working time, else from the previous closing (the end of the last office interval
   * before t). For minutes > 0 the result is always working time: inside an interval or exactly at an opening, never
   * at a closing (a count that uses up whole intervals stops at their opening, not at the close before the gap).
   * 0 returns t unchanged, even outside office hours. Minutes are rounded to the millisecond as in addWorkingMinutes.
   */
  subtractWorkingMinutes(t: Date, minutes: number): Date {
    const amount = workingMinutesMs(minutes);
    return fromLocalMs(this.subtractLocal(toLocalMs(t), amount));
  }

  /** Working minutes in [a, b); 0 when b <= a. Fractional when a or b carry seconds. */
  between(a: Date, b: Date): number {
    return this.betweenLocal(toLocalMs(a), toLocalMs(b)) / MINUTE_MS;
  }

  /** Every date from..to inclusive with its working status and the exception's note. */
  days(from: string, to: string): CalendarDayInfo[] {
    const first = parseDate(from);
    const last = parseDate(to);
    if (last < first) throw new Error(`Invalid date range: from ${from} is after to ${to}`);
    const result: CalendarDayInfo[] = [];
    for (let day = first; day <= last; day++) {
      const override = this.overrides.get(day);
      result.push({
        date: formatDate(day),
        working: override ? override.working : isWeekday(day),
        note: override ? override.note : null,
      });
    }
    return result;
  }

  private workingOn(day: number): boolean {
    if (this.overrides.size > 0) {
      const override = this.overrides.get(day);
      if (override !== undefined) return override.working;
    }
    return isWeekday(day);
  }

  /** First working day >= day; terminates because only finitely many dates override the Monday–Friday rule. */
  private nextWorkingDay(day: number): number {
    let d = day;
    while (!this.workingOn(d)) d++;
    return d;
  }

  /** Last working day <= day; terminates for the same reason as nextWorkingDay. */
  private previousWorkingDay(day: number): number {
    let d = day;
    while (!this.workingOn(d)) d--;
    return d;
  }

  private openingFrom(local: number): number {
    const day = Math.floor(local / DAY_MS);
    if (this.workingOn(day)) {
      const tod = local - day * DAY_MS;
      for (let i = 0; i < this.opens.length; i++) {
        if (tod < this.closes[i]) return tod >= this.opens[i] ? local : day * DAY_MS + this.opens[i];
      }
    }
    return this.nextWorkingDay(day + 1) * DAY_MS + this.firstOpen;
  }

  private startLocal(local: number, cutoff: string | null | undefined): number {
    if (cutoff !== null && cutoff !== undefined) {
      const limit = parseClock(cutoff, 'cut-off');
      const day = Math.floor(local / DAY_MS);
      if (local - day * DAY_MS > limit && this.workingOn(day)) {
        return this.nextWorkingDay(day + 1) * DAY_MS + this.firstOpen;
      }
    }
    return this.openingFrom(local);
  }

  private addLocal(local: number, amount: number): number {
    if (amount === 0) return local;
    if (amount > MAX_WORKING_DAYS * this.dayMs) {
      throw new Error(`Duration too long: more than ${MAX_WORKING_DAYS} working days`);
    }
    let remaining = amount;
    let day = Math.floor(local / DAY_MS);
    let tod = local - day * DAY_MS;
    if (!this.workingOn(day)) {
      day = this.nextWorkingDay(day + 1);
      tod = 0;
    }
    for (;;) {
      if (tod <= this.firstOpen) {
        // Strictly greater: a remainder of exactly one day must end at this day's close, not the next opening.
        while (remaining > this.dayMs) {
          remaining -= this.dayMs;
          day = this.nextWorkingDay(day + 1);
        }
      }
      for (let i = 0; i < this.opens.length; i++) {
        if (tod >= this.closes[i]) continue;
        const from = tod > this.opens[i] ? tod : this.opens[i];
        const available = this.closes[i] - from;
        if (remaining <= available) return day * DAY_MS + from + remaining;
        remaining -= available;
        tod = this.closes[i];
      }
      day = this.nextWorkingDay(day + 1);
      tod = 0;
    }
  }

  /** Mirror image of addLocal: walks back interval by interval, skipping whole working days while more than one is left. */
  private subtractLocal(local: number, amount: number): number {
    if (amount === 0) return local;
    if (amount > MAX_WORKING_DAYS * this.dayMs) {
      throw new Error(`Duration too long: more than ${MAX_WORKING_DAYS} working days`);
    }
    let remaining = amount;
    let day = Math.floor(local / DAY_MS);
    // Time of day to count back from; DAY_MS stands for the end of the day.
    let tod = local - day * DAY_MS;
    if (!this.workingOn(day)) {
      day = this.previousWorkingDay(day - 1);
      tod = DAY_MS;
    }
    for (;;) {
      if (tod >= this.lastClose) {
        // Strictly greater: a remainder of exactly one day must end at this day's first opening, not the close before it.
        while (remaining > this.dayMs) {
          remaining -= this.dayMs;
          day = this.previousWorkingDay(day - 1);
        }
      }
      for (let i = this.opens.length - 1; i >= 0; i--) {
        if (tod <= this.opens[i]) continue;
        const to = tod < this.closes[i] ? tod : this.closes[i];
        const available = to - this.opens[i];
        if (remaining <= available) return day * DAY_MS + to - remaining;
        remaining -= available;
        tod = this.opens[i];
      }
      day = this.previousWorkingDay(day - 1);
      tod = DAY_MS;
    }
  }

  private betweenLocal(a: number, b: number): number {
    if (b <= a) return 0;
    const dayA = Math.floor(a / DAY_MS);
    const dayB = Math.floor(b / DAY_MS);
    const todA = a - dayA * DAY_MS;
    const todB = b - dayB * DAY_MS;
    if (dayA === dayB) return this.overlap(dayA, todA, todB);
    return (
      this.overlap(dayA, todA, DAY_MS) + this.workingDaysIn(dayA + 1, dayB) * this.dayMs + this.overlap(dayB, 0, todB)
    );
  }

  /** Office time of one day inside [from, to) time-of-day. */
  private overlap(day: number, from: number, to: number): number {
    if (!this.workingOn(day)) return 0;
    let sum = 0;
    for (let i = 0; i < this.opens.length; i++) {
      const lo = from > this.opens[i] ? from : this.opens[i];
      const hi = to < this.closes[i] ? to : this.closes[i];
      if (hi > lo) sum += hi - lo;
    }
    return sum;
  }

  /** Working days in [first, end): weekdays by arithmetic, corrected by the overrides inside the range. */
  private workingDaysIn(first: number, end: number): number {
    if (end <= first) return 0;
    const span = end - first;
    const fullWeeks = Math.floor(span / 7);
    let count = fullWeeks * 5;
    for (let day = first + fullWeeks * 7; day < end; day++) if (isWeekday(day)) count++;
    for (let i = lowerBound(this.overrideDays, first); i < this.overrideDays.length && this.overrideDays[i] < end; i++) {
      const byDefault = isWeekday(this.overrideDays[i]);
      if (this.overrideWorking[i] !== byDefault) count += byDefault ? -1 : 1;
    }
    return count;
  }
}

/** Validated working minutes as whole milliseconds. */
function workingMinutesMs(minutes: number): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new Error(`Invalid working minutes ${String(minutes)}: must be a non-negative finite number`);
  }
  return Math.round(minutes * MINUTE_MS);
}

function isWeekday(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

/** Same day-of-month n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(day: number, months: number): number {
  const [year, month, dayOfMonth] = civilFromDays(day);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return daysFromCivil(newYear, newMonth, Math.min(dayOfMonth, daysInMonth(newYear, newMonth)));
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
