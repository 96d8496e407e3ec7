import fc from 'fast-check';
import type { Duration, DurationUnit } from './duration';
import { DAY_MS, daysFromCivil, formatDate, fromLocalMs, MINUTE_MS, toLocalMs, weekdayOf } from './local-time';
import { type CalendarException, type OfficeInterval, WorkingCalendar } from './working-calendar';

const RUNS = { numRuns: 1000 };
const FIRST_DAY = daysFromCivil(2025, 1, 1);
const LAST_DAY = daysFromCivil(2027, 12, 31);
const WORKING_UNITS = ['working_days', 'working_hours'] as const;
const ALL_UNITS: readonly DurationUnit[] = ['working_days', 'working_hours', 'calendar_days', 'months'];

/** A random calendar: 1–3 office intervals anywhere in the day, exceptions clustered near the test times. */
interface Scenario {
  layout: [number, number][];
  exceptions: { offset: number; working: boolean }[];
  day: number;
  time: { kind: 'any'; ms: number } | { kind: 'edge'; index: number; delta: number };
}

const layoutArb = fc
  .integer({ min: 1, max: 3 })
  .chain((k) => fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 2 * k, maxLength: 2 * k }))
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const pairs: [number, number][] = [];
    for (let i = 0; i < sorted.length; i += 2) pairs.push([sorted[i], sorted[i + 1]]);
    return pairs;
  });

const timeArb = fc.oneof(
  fc.record({ kind: fc.constant('any' as const), ms: fc.integer({ min: 0, max: DAY_MS - 1 }) }),
  // Times on and next to opening and closing times, where off-by-one mistakes live.
  fc.record({
    kind: fc.constant('edge' as const),
    index: fc.nat({ max: 5 }),
    delta: fc.constantFrom(0, 0, 0, -1, 1, -MINUTE_MS, MINUTE_MS),
  }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  layout: fc.oneof(
    layoutArb,
    fc.constant<[number, number][]>([
      [450, 690],
      [810, 1020],
    ]),
  ),
  exceptions: fc.array(fc.record({ offset: fc.integer({ min: -10, max: 60 }), working: fc.boolean() }), { maxLength: 25 }),
  day: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
  time: timeArb,
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function officeHours(s: Scenario): OfficeInterval[] {
  return s.layout.map(([from, to]) => ({ from: hhmm(from), to: hhmm(to) }));
}

function exceptionsOf(s: Scenario): CalendarException[] {
  return s.exceptions.map((e) => ({ date: formatDate(s.day + e.offset), working: e.working }));
}

function build(s: Scenario): { cal: WorkingCalendar; t: Date } {
  const cal = new WorkingCalendar({ officeHours: officeHours(s), exceptions: exceptionsOf(s) });
  let tod: number;
  if (s.time.kind === 'any') {
    tod = s.time.ms;
  } else {
    const edges = s.layout.flat();
    tod = Math.min(DAY_MS - 1, Math.max(0, edges[s.time.index % edges.length] * MINUTE_MS + s.time.delta));
  }
  return { cal, t: fromLocalMs(s.day * DAY_MS + tod) };
}

function durationArb(unit: DurationUnit, max?: number): fc.Arbitrary<Duration> {
  switch (unit) {
    case 'working_days':
      return fc.integer({ min: 0, max: max ?? 40 }).map((value) => ({ value, unit }));
    case 'working_hours':
      return fc
        .oneof(
          fc.integer({ min: 0, max: max ?? 200 }),
          fc.double({ min: 0, max: max ?? 200, noNaN: true, noDefaultInfinity: true }),
        )
        .map((value) => ({ value, unit }));
    case 'calendar_days':
      return fc.integer({ min: 0, max: max ?? 400 }).map((value) => ({ value, unit }));
    case 'months':
      return fc.integer({ min: 0, max: max ?? 24 }).map((value) => ({ value, unit }));
  }
}

const anyDurationArb = fc.constantFrom(...ALL_UNITS).chain((unit) => durationArb(unit));
const cutoffArb = fc.option(fc.integer({ min: 0, max: 1439 }).map(hhmm), { nil: null });

function workingMinutesOf(cal: WorkingCalendar, d: Duration): number {
  return d.unit === 'working_days' ? d.value * cal.minutesPerWorkingDay : Math.round(d.value * 3_600_000) / MINUTE_MS;
}

/** End of an office interval on a working day: the one non-working instant a working-unit due time may take. */
function isClosingTime(s: Scenario, cal: WorkingCalendar, t: Date): boolean {
  const local = toLocalMs(t);
  const day = Math.floor(local / DAY_MS);
  const tod = local - day * DAY_MS;
  return cal.isWorkingDay(formatDate(day)) && s.layout.some(([, to]) => to * MINUTE_MS === tod);
}

function lastClose(s: Scenario): number {
  return s.layout[s.layout.length - 1][1] * MINUTE_MS;
}

/**
 * Independent minute-by-minute model: a minute is working when its day is (last exception wins, else Monday–Friday)
 * and its time of day falls in an interval. Slow on purpose; only used on short spans.
 */
class NaiveCalendar {
  private readonly overrides = new Map<number, boolean>();
  constructor(private readonly s: Scenario) {
    for (const e of s.exceptions) this.overrides.set(s.day + e.offset, e.working);
  }

  workingMinute(minute: number): boolean {
    const day = Math.floor(minute / 1440);
    const weekday = weekdayOf(day);
    const dayWorks = this.overrides.get(day) ?? (weekday >= 1 && weekday <= 5);
    const m = minute - day * 1440;
    return dayWorks && this.s.layout.some(([from, to]) => m >= from && m < to);
  }

  /** Consumes n working minutes one at a time; the due minute is right after the last one consumed. */
  add(startMinute: number, n: number): number {
    if (n === 0) return startMinute;
    let m = startMinute;
    let left = n;
    for (;;) {
      if (this.workingMinute(m)) left--;
      m++;
      if (left === 0) return m;
    }
  }

  /** Gives back n working minutes one at a time; the result is the last working minute given back. */
  subtract(endMinute: number, n: number): number {
    let m = endMinute;
    let left = n;
    while (left > 0) {
      m--;
      if (this.workingMinute(m)) left--;
    }
    return m;
  }

  between(a: number, b: number): number {
    let count = 0;
    for (let m = a; m < b; m++) if (this.workingMinute(m)) count++;
    return count;
  }
}

function localMinute(t: Date): number {
  return toLocalMs(t) / MINUTE_MS;
}

describe('WorkingCalendar invariants (fast-check)', () => {
  it('(1) adding zero of any unit to a working time changes nothing; addWorkingMinutes(t, 0) is t for any t', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { cal, t } = build(s);
        expect(cal.addWorkingMinutes(t, 0).getTime()).toBe(t.getTime());
        const inside = cal.nextOpening(t);
        expect(cal.isWorkingTime(inside)).toBe(true);
        for (const unit of ALL_UNITS) {
          expect(cal.add(inside, { value: 0, unit }).getTime()).toBe(inside.getTime());
        }
        if (cal.isWorkingTime(t)) expect(inside.getTime()).toBe(t.getTime());
      }),
      RUNS,
    );
  });

  it('(2a) add is monotonic in the start time, for every unit and cut-off', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 4 * DAY_MS }),
        anyDurationArb,
        cutoffArb,
        (s, gap, d, cutoff) => {
          const { cal, t } = build(s);
          const later = new Date(t.getTime() + gap);
          expect(cal.add(t, d, cutoff).getTime()).toBeLessThanOrEqual(cal.add(later, d, cutoff).getTime());
        },
      ),
      RUNS,
    );
  });

  it('(2b) add is monotonic in the duration, for every unit and cut-off', () => {
    const pairArb = fc
      .constantFrom(...ALL_UNITS)
      .chain((unit) => fc.tuple(durationArb(unit), durationArb(unit)))
      .map(([a, b]) => (a.value <= b.value ? [a, b] : [b, a]));
    fc.assert(
      fc.property(scenarioArb, pairArb, cutoffArb, (s, [small, large], cutoff) => {
        const { cal, t } = build(s);
        expect(cal.add(t, small, cutoff).getTime()).toBeLessThanOrEqual(cal.add(t, large, cutoff).getTime());
      }),
      RUNS,
    );
  });

  it('(3) the working time between start and add(t, d) is d, for working units', () => {
    const workingDurationArb = fc.constantFrom(...WORKING_UNITS).chain((unit) => durationArb(unit));
    fc.assert(
      fc.property(scenarioArb, workingDurationArb, cutoffArb, (s, d, cutoff) => {
        const { cal, t } = build(s);
        const minutes = workingMinutesOf(cal, d);
        expect(cal.between(t, cal.add(t, d))).toBeCloseTo(minutes, 6);
        expect(cal.between(cal.start(t, cutoff), cal.add(t, d, cutoff))).toBeCloseTo(minutes, 6);
      }),
      RUNS,
    );
  });

  it('(4a) a working-unit due time is working time or exactly a closing time', () => {
    const workingDurationArb = fc.constantFrom(...WORKING_UNITS).chain((unit) => durationArb(unit));
    fc.assert(
      fc.property(scenarioArb, workingDurationArb, cutoffArb, (s, d, cutoff) => {
        const { cal, t } = build(s);
        const result = cal.add(t, d, cutoff);
        expect(cal.isWorkingTime(result) || isClosingTime(s, cal, result)).toBe(true);
        expect(result.getTime()).toBeGreaterThanOrEqual(cal.start(t, cutoff).getTime());
      }),
      RUNS,
    );
  });

  it('(4b) a calendar-unit due time is the start (for 0) or the close of the first working day on or after the target date', () => {
    const calendarDurationArb = fc.constantFrom<DurationUnit>('calendar_days', 'months').chain((unit) => durationArb(unit));
    fc.assert(
      fc.property(scenarioArb, calendarDurationArb, cutoffArb, (s, d, cutoff) => {
        const { cal, t } = build(s);
        const start = cal.start(t, cutoff);
        const result = cal.add(t, d, cutoff);
        if (d.value === 0) {
          expect(result.getTime()).toBe(start.getTime());
          return;
        }
        const local = toLocalMs(result);
        const day = Math.floor(local / DAY_MS);
        expect(local - day * DAY_MS).toBe(lastClose(s));
        expect(cal.isWorkingDay(formatDate(day))).toBe(true);
        const startDay = Math.floor(toLocalMs(start) / DAY_MS);
        const target = d.unit === 'calendar_days' ? startDay + d.value : monthTarget(startDay, d.value);
        expect(day).toBeGreaterThanOrEqual(target);
        for (let between = target; between < day; between++) expect(cal.isWorkingDay(formatDate(between))).toBe(false);
      }),
      RUNS,
    );
  });

  it('agrees with a minute-by-minute model on add and between', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: 0, max: 5 * 1440 }), (s, days, span) => {
        const { cal, t } = build(s);
        const naive = new NaiveCalendar(s);
        const start = Math.floor(localMinute(t));
        const whole = fromLocalMs(start * MINUTE_MS);
        const n = Math.round(days * cal.minutesPerWorkingDay);
        expect(localMinute(cal.addWorkingMinutes(whole, n))).toBe(naive.add(start, n));
        expect(cal.between(whole, fromLocalMs((start + span) * MINUTE_MS))).toBe(naive.between(start, start + span));
      }),
      RUNS,
    );
  });

  it('addWorkingMinutes and between are additive', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 20 * DAY_MS }),
        (s, a, b, gap) => {
          const { cal, t } = build(s);
          expect(cal.addWorkingMinutes(cal.addWorkingMinutes(t, a), b).getTime()).toBe(cal.addWorkingMinutes(t, a + b).getTime());
          const mid = new Date(t.getTime() + Math.floor(gap / 3));
          const end = new Date(t.getTime() + gap);
          expect(cal.between(t, mid) + cal.between(mid, end)).toBeCloseTo(cal.between(t, end), 6);
        },
      ),
      RUNS,
    );
  });

  it('nextOpening is working time, never earlier than t, and leaves no working time skipped', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { cal, t } = build(s);
        const opening = cal.nextOpening(t);
        expect(cal.isWorkingTime(opening)).toBe(true);
        expect(opening.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(cal.between(t, opening)).toBe(0);
      }),
      RUNS,
    );
  });
});

/** Minutes to subtract: whole working days (so whole-day boundaries get hit) plus an integer or fractional extra. */
const backArb = fc.record({
  days: fc.integer({ min: 0, max: 30 }),
  extra: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 1000 }),
    fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true }),
  ),
});

function backMinutes(cal: WorkingCalendar, b: { days: number; extra: number }): number {
  return b.days * cal.minutesPerWorkingDay + b.extra;
}

/** What subtractWorkingMinutes actually counts: minutes rounded to the millisecond, as in addWorkingMinutes. */
function roundedMinutes(minutes: number): number {
  return Math.round(minutes * MINUTE_MS) / MINUTE_MS;
}

/** t itself when it is working time or a closing time, else the next opening (working time). */
function workingOrClosing(s: Scenario, cal: WorkingCalendar, t: Date): Date {
  return cal.isWorkingTime(t) || isClosingTime(s, cal, t) ? t : cal.nextOpening(t);
}

/** The millisecond before t is working time: t is inside an interval (not at its opening) or exactly at its closing. */
function runsUpTo(cal: WorkingCalendar, t: Date): boolean {
  return cal.isWorkingTime(new Date(t.getTime() - 1));
}

describe('WorkingCalendar.subtractWorkingMinutes invariants (fast-check)', () => {
  it('subtracting zero returns t for any t', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { cal, t } = build(s);
        expect(cal.subtractWorkingMinutes(t, 0).getTime()).toBe(t.getTime());
      }),
      RUNS,
    );
  });

  it('(1) between(subtractWorkingMinutes(t, m), t) === m, from working or closing times and from any t', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, (s, b) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        const anchored = workingOrClosing(s, cal, t);
        expect(cal.between(cal.subtractWorkingMinutes(anchored, m), anchored)).toBe(roundedMinutes(m));
        // From an arbitrary t: [previous closing, t) holds no working time, so the count is the same.
        const result = cal.subtractWorkingMinutes(t, m);
        expect(result.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(cal.between(result, t)).toBe(roundedMinutes(m));
      }),
      RUNS,
    );
  });

  it('(1b) the result is the latest such time: one millisecond later leaves less than m', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, (s, b) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        fc.pre(Math.round(m * MINUTE_MS) > 0);
        const result = cal.subtractWorkingMinutes(t, m);
        expect(cal.between(new Date(result.getTime() + 1), t)).toBeLessThan(roundedMinutes(m));
      }),
      RUNS,
    );
  });

  it('(2) addWorkingMinutes(subtractWorkingMinutes(t, m), m) === t when working time runs up to t (inside an interval or at a closing), m > 0', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, (s, b) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        fc.pre(Math.round(m * MINUTE_MS) > 0);
        // Not an opening after a gap: there the round trip gives the closing before the gap, the earliest equivalent time.
        const anchored = runsUpTo(cal, t) ? t : cal.addWorkingMinutes(t, 1);
        expect(runsUpTo(cal, anchored)).toBe(true);
        expect(cal.addWorkingMinutes(cal.subtractWorkingMinutes(anchored, m), m).getTime()).toBe(anchored.getTime());
        // From any t the round trip lands on the end of the last working stretch at or before t.
        const back = cal.addWorkingMinutes(cal.subtractWorkingMinutes(t, m), m);
        expect(back.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(cal.between(back, t)).toBe(0);
        expect(runsUpTo(cal, back)).toBe(true);
        if (runsUpTo(cal, t)) expect(back.getTime()).toBe(t.getTime());
      }),
      RUNS,
    );
  });

  it('(2b) subtractWorkingMinutes(addWorkingMinutes(t, m), m) is t for working t, else the next opening', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, (s, b) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        fc.pre(Math.round(m * MINUTE_MS) > 0);
        expect(cal.subtractWorkingMinutes(cal.addWorkingMinutes(t, m), m).getTime()).toBe(cal.nextOpening(t).getTime());
      }),
      RUNS,
    );
  });

  it('(3a) monotonic in t', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, fc.integer({ min: 0, max: 4 * DAY_MS }), (s, b, gap) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        const later = new Date(t.getTime() + gap);
        expect(cal.subtractWorkingMinutes(t, m).getTime()).toBeLessThanOrEqual(cal.subtractWorkingMinutes(later, m).getTime());
      }),
      RUNS,
    );
  });

  it('(3b) antitone in m', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, backArb, (s, b1, b2) => {
        const { cal, t } = build(s);
        const [small, large] = [backMinutes(cal, b1), backMinutes(cal, b2)].sort((x, y) => x - y);
        expect(cal.subtractWorkingMinutes(t, small).getTime()).toBeGreaterThanOrEqual(
          cal.subtractWorkingMinutes(t, large).getTime(),
        );
      }),
      RUNS,
    );
  });

  it('(4) for m > 0 the result is working time (inside an interval or at an opening), never a closing or a gap', () => {
    fc.assert(
      fc.property(scenarioArb, backArb, (s, b) => {
        const { cal, t } = build(s);
        const m = backMinutes(cal, b);
        const result = cal.subtractWorkingMinutes(t, m);
        if (Math.round(m * MINUTE_MS) === 0) {
          expect(result.getTime()).toBe(t.getTime());
        } else {
          expect(cal.isWorkingTime(result)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('agrees with a minute-by-minute model', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 3, noNaN: true }), (s, days) => {
        const { cal, t } = build(s);
        const naive = new NaiveCalendar(s);
        const end = Math.floor(localMinute(t));
        const whole = fromLocalMs(end * MINUTE_MS);
        const n = Math.round(days * cal.minutesPerWorkingDay);
        expect(localMinute(cal.subtractWorkingMinutes(whole, n))).toBe(n === 0 ? end : naive.subtract(end, n));
      }),
      RUNS,
    );
  });
});

function monthTarget(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(date.getUTCDate(), lastOfMonth)) / DAY_MS);
}
