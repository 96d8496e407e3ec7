import fc from 'fast-check';
import {
  civilFromDays,
  daysFromCivil,
  formatLocal,
  localDateTime,
  parseDate,
  TIME_ZONE,
  toLocalDate,
  UTC_OFFSET_MINUTES,
} from './local-time';

describe('local time in Asia/Ho_Chi_Minh', () => {
  it('is UTC+7', () => {
    expect(TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(UTC_OFFSET_MINUTES).toBe(420);
  });

  it('formats with the offset, to the second', () => {
    expect(formatLocal(new Date('2026-11-23T02:00:00Z'))).toBe('2026-11-23T09:00:00+07:00');
    expect(formatLocal(new Date('2026-11-23T02:00:05.999Z'))).toBe('2026-11-23T09:00:05+07:00');
    expect(formatLocal(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01T00:00:00+07:00');
  });

  it('takes the local date, which runs 7 hours ahead of UTC', () => {
    expect(toLocalDate(new Date('2026-02-16T16:59:59Z'))).toBe('2026-02-16');
    expect(toLocalDate(new Date('2026-02-16T17:00:00Z'))).toBe('2026-02-17');
  });

  it('builds instants from a local date and time', () => {
    expect(localDateTime('2026-11-23', '09:00').toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(localDateTime('2026-01-01', '00:00').toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('matches what Intl says for the zone', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const t = new Date(ms);
        expect(formatLocal(t)).toBe(`${fmt.format(t).replace(' ', 'T')}+07:00`);
        expect(localDateTime(toLocalDate(t), formatLocal(t).slice(11, 16)).getTime()).toBe(ms - (ms % 60_000));
      }),
      { numRuns: 1000 },
    );
  });

  it('converts civil dates and day numbers both ways', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 2, 17)).toBe(Date.UTC(2026, 1, 17) / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (day) => {
        const [y, m, d] = civilFromDays(day);
        expect(daysFromCivil(y, m, d)).toBe(day);
        const utc = new Date(day * 86_400_000);
        expect([y, m, d]).toEqual([utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()]);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects impossible dates and times', () => {
    expect(() => parseDate('2025-02-29')).toThrow(/no such calendar day/);
    expect(parseDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(() => localDateTime('2026-11-23', '9:00')).toThrow(/Invalid time "9:00"/);
    expect(() => localDateTime('2026-11-23', '24:00')).toThrow(/expected HH:mm/);
    expect(() => formatLocal(new Date(Number.NaN))).toThrow(/Invalid Date/);
    expect(() => toLocalDate(null as unknown as Date)).toThrow(/Invalid Date/);
  });
});
