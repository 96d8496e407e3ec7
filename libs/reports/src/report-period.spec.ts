import { type GrainRange, dayStart, formatDay, localDay, parseLocalDate, signedRanges } from './report-period';

const day = (s: string) => parseLocalDate(s)!;

describe('local dates', () => {
  it('parses real dates only', () => {
    expect(formatDay(day('2026-10-31'))).toBe('2026-10-31');
    expect(parseLocalDate('2024-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '31/10/2026', '']) expect(parseLocalDate(bad)).toBeNull();
  });

  it('places a local day on UTC+7', () => {
    expect(dayStart(day('2026-10-01')).toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(formatDay(localDay(new Date('2026-09-30T16:59:59.999Z')))).toBe('2026-09-30');
    expect(formatDay(localDay(new Date('2026-09-30T17:00:00Z')))).toBe('2026-10-01');
  });
});

/** How many times each day is counted by the signed ranges (days before `origin` stand for "since the beginning"). */
function coverage(r: { plus: GrainRange[]; minus: GrainRange[] }, origin: number): Map<number, number> {
  const out = new Map<number, number>();
  const count = (list: GrainRange[], n: number) => {
    for (const g of list) for (let d = g.from === null ? origin : day(g.from); d < day(g.to); d++) out.set(d, (out.get(d) ?? 0) + n);
  };
  count(r.plus, 1);
  count(r.minus, -1);
  for (const [d, n] of out) if (n === 0) out.delete(d);
  return out;
}

const cover = (from: string, toInclusive: string) => signedRanges(day(from), day(toInclusive) + 1);

describe('signedRanges: rollup rows whose signed sum is the period', () => {
  it('a calendar year is one year row, a month one month row, a day one day row', () => {
    expect(cover('2026-01-01', '2026-12-31')).toEqual({ plus: [{ grain: 'y', from: '2026-01-01', to: '2027-01-01' }], minus: [] });
    expect(cover('2026-10-01', '2026-10-31')).toEqual({ plus: [{ grain: 'm', from: '2026-10-01', to: '2026-11-01' }], minus: [] });
    expect(cover('2026-10-15', '2026-10-15')).toEqual({ plus: [{ grain: 'd', from: '2026-10-15', to: '2026-10-16' }], minus: [] });
  });

  it('takes a ragged piece as its whole month or year minus the rest when that reads fewer rows', () => {
    // 22 November 2025 – 21 November 2026: 9 days, December, 2026 minus December 2026 and 22–30 November 2026.
    expect(cover('2025-11-22', '2026-11-21')).toEqual({
      plus: [
        { grain: 'd', from: '2025-11-22', to: '2025-12-01' },
        { grain: 'm', from: '2025-12-01', to: '2026-01-01' },
        { grain: 'y', from: '2026-01-01', to: '2027-01-01' },
      ],
      minus: [
        { grain: 'd', from: '2026-11-22', to: '2026-12-01' },
        { grain: 'm', from: '2026-12-01', to: '2027-01-01' },
      ],
    });
    // 1–28 of a 30-day month: the month minus two days.
    expect(cover('2026-09-01', '2026-09-28')).toEqual({
      plus: [{ grain: 'm', from: '2026-09-01', to: '2026-10-01' }],
      minus: [{ grain: 'd', from: '2026-09-29', to: '2026-10-01' }],
    });
  });

  it('every day before a date: whole years, then what is left of its year', () => {
    expect(signedRanges(null, day('2026-01-01'))).toEqual({ plus: [{ grain: 'y', from: null, to: '2026-01-01' }], minus: [] });
    expect(signedRanges(null, day('2026-03-01'))).toEqual({
      plus: [
        { grain: 'm', from: '2026-01-01', to: '2026-03-01' },
        { grain: 'y', from: null, to: '2026-01-01' },
      ],
      minus: [],
    });
    expect(signedRanges(null, day('2026-11-22'))).toEqual({
      plus: [{ grain: 'y', from: null, to: '2027-01-01' }],
      minus: [
        { grain: 'd', from: '2026-11-22', to: '2026-12-01' },
        { grain: 'm', from: '2026-12-01', to: '2027-01-01' },
      ],
    });
  });

  it('counts every day of the period once and no other day (periods starting through 2024–2025, and "before")', () => {
    const origin = day('2020-01-01');
    const start = day('2024-01-01');
    for (let from = start; from < start + 420; from += 3) {
      for (const length of [1, 2, 9, 27, 31, 60, 91, 200, 365, 366]) {
        const counted = coverage(signedRanges(from, from + length), origin);
        expect([...counted.values()].every((n) => n === 1)).toBe(true);
        expect(counted.size).toBe(length);
        expect(Math.min(...counted.keys())).toBe(from);
        const before = coverage(signedRanges(null, from + length), origin);
        expect(before.size).toBe(from + length - origin);
        expect([...before.values()].every((n) => n === 1)).toBe(true);
      }
    }
  });
});
