import { HOLIDAYS_2026 } from './holidays-2026';
import { parseDate, weekdayOf } from './local-time';
import { WorkingCalendar } from './working-calendar';

describe('HOLIDAYS_2026', () => {
  const weekday = (date: string): number => weekdayOf(parseDate(date));

  it('has one row per date, all in 2026, each with a note', () => {
    const dates = HOLIDAYS_2026.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of HOLIDAYS_2026) {
      expect(h.date.startsWith('2026-')).toBe(true);
      expect(h.note).toBeTruthy();
    }
  });

  it('only lists dates that differ from Monday–Friday: days off on weekdays, working days on Saturdays', () => {
    for (const h of HOLIDAYS_2026) {
      if (h.working) expect(weekday(h.date)).toBe(6);
      else expect([1, 2, 3, 4, 5]).toContain(weekday(h.date));
    }
  });

  it('gives the civil servants 9 days of Tết, Saturday 14/2 to Sunday 22/2', () => {
    const days = new WorkingCalendar({ exceptions: HOLIDAYS_2026 }).days('2026-02-13', '2026-02-23');
    expect(days.map((d) => d.working)).toEqual([true, ...Array<boolean>(9).fill(false), true]);
  });

  it('balances each swap: as many working Saturdays as swapped weekdays off', () => {
    const swappedOff = HOLIDAYS_2026.filter((h) => !h.working && /hoán đổi/.test(h.note ?? ''));
    expect(swappedOff.map((h) => h.date)).toEqual(['2026-01-02', '2026-08-31']);
    expect(HOLIDAYS_2026.filter((h) => h.working).map((h) => h.date)).toEqual(['2026-01-10', '2026-08-22']);
  });
});
