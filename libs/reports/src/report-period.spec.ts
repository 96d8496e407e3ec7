import { coveringRanges, dayStart, formatDay, localDay, parseLocalDate, rangesBefore } from './report-period';

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

describe('coveringRanges: the fewest rollup rows for [from, to)', () => {
  const cover = (from: string, toInclusive: string) => coveringRanges(day(from), day(toInclusive) + 1);

  it('a calendar year is one year row, a month one month row, a day one day row', () => {
    expect(cover('2026-01-01', '2026-12-31')).toEqual([{ grain: 'y', from: '2026-01-01', to: '2027-01-01' }]);
    expect(cover('2026-10-01', '2026-10-31')).toEqual([{ grain: 'm', from: '2026-10-01', to: '2026-11-01' }]);
    expect(cover('2026-10-15', '2026-10-15')).toEqual([{ grain: 'd', from: '2026-10-15', to: '2026-10-16' }]);
  });

  it('uses days at the ragged ends and months in between', () => {
    expect(cover('2025-03-15', '2026-03-14')).toEqual([
      { grain: 'd', from: '2025-03-15', to: '2025-04-01' },
      { grain: 'm', from: '2025-04-01', to: '2026-03-01' },
      { grain: 'd', from: '2026-03-01', to: '2026-03-15' },
    ]);
    expect(cover('2025-12-01', '2027-01-31')).toEqual([
      { grain: 'm', from: '2025-12-01', to: '2026-01-01' },
      { grain: 'y', from: '2026-01-01', to: '2027-01-01' },
      { grain: 'm', from: '2027-01-01', to: '2027-02-01' },
    ]);
  });

  it('covers every day exactly once, with month and year rows on their boundaries (periods starting through 2024–2025)', () => {
    const start = day('2024-01-01');
    for (let from = start; from < start + 400; from += 3) {
      for (const length of [1, 2, 27, 31, 60, 91, 365, 366]) {
        const ranges = coveringRanges(from, from + length);
        expect(ranges[0].from).toBe(formatDay(from));
        expect(ranges[ranges.length - 1].to).toBe(formatDay(from + length));
        ranges.forEach((r, i) => {
          expect(day(r.from!)).toBeLessThan(day(r.to));
          if (i > 0) expect(r.from).toBe(ranges[i - 1].to);
          if (r.grain !== 'd') expect([r.from!.slice(8), r.to.slice(8)]).toEqual(['01', '01']);
          if (r.grain === 'y') expect([r.from!.slice(5), r.to.slice(5)]).toEqual(['01-01', '01-01']);
        });
      }
    }
  });
});

describe('rangesBefore: every day before a date', () => {
  it('whole years, then the months and days of the last year and month', () => {
    expect(rangesBefore(day('2026-01-01'))).toEqual([{ grain: 'y', from: null, to: '2026-01-01' }]);
    expect(rangesBefore(day('2026-11-01'))).toEqual([
      { grain: 'y', from: null, to: '2026-01-01' },
      { grain: 'm', from: '2026-01-01', to: '2026-11-01' },
    ]);
    expect(rangesBefore(day('2026-11-24'))).toEqual([
      { grain: 'y', from: null, to: '2026-01-01' },
      { grain: 'm', from: '2026-01-01', to: '2026-11-01' },
      { grain: 'd', from: '2026-11-01', to: '2026-11-24' },
    ]);
    expect(rangesBefore(day('2026-01-05'))).toEqual([
      { grain: 'y', from: null, to: '2026-01-01' },
      { grain: 'd', from: '2026-01-01', to: '2026-01-05' },
    ]);
  });
});
