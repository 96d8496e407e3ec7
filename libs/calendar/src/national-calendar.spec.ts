import { HOLIDAYS_2026 } from './holidays-2026';
import { HOLIDAYS_2027 } from './holidays-2027';
import { formatLocal, localDateTime, parseDate, weekdayOf } from './local-time';
import { NATIONAL_CALENDAR_DAYS } from './national-calendar';
import { WorkingCalendar } from './working-calendar';

const weekday = (date: string): number => weekdayOf(parseDate(date));
const calendar = new WorkingCalendar({ exceptions: NATIONAL_CALENDAR_DAYS });
const workingDays = (from: string, to: string) => calendar.days(from, to).map((d) => `${d.date.slice(5)} ${d.working ? 'W' : '-'}`);

describe.each([
  [2026, HOLIDAYS_2026],
  [2027, HOLIDAYS_2027],
] as const)('the national calendar of %i', (year, days) => {
  it('has one row per date, in date order, all in that year, each with a Vietnamese name and a legal source', () => {
    const dates = days.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const h of days) {
      expect(h.date.startsWith(`${year}-`)).toBe(true);
      expect(h.note.trim()).not.toBe('');
      expect(h.source).toMatch(/Bộ luật Lao động 2019|VPCP|TB-BNV|Thủ tướng|QH16/);
    }
  });

  it('only lists dates that differ from Monday–Friday: days off on weekdays, working days on Saturdays', () => {
    for (const h of days) {
      if (h.working) expect(weekday(h.date)).toBe(6);
      else expect([1, 2, 3, 4, 5]).toContain(weekday(h.date));
    }
  });

  it('balances each swap: as many working Saturdays as swapped weekdays off', () => {
    expect(days.filter((h) => h.working)).toHaveLength(days.filter((h) => !h.working && /hoán đổi/.test(h.note)).length);
  });

  it('is part of the list a new deployment starts with', () => {
    expect(NATIONAL_CALENDAR_DAYS).toEqual(expect.arrayContaining([...days]));
  });
});

describe('the national calendar', () => {
  it('lists each date once over all years, oldest first', () => {
    const dates = NATIONAL_CALENDAR_DAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it('gives the civil servants 9 days of Tết 2026, Saturday 14/2 to Sunday 22/2', () => {
    expect(calendar.days('2026-02-13', '2026-02-23').map((d) => d.working)).toEqual([true, ...Array<boolean>(9).fill(false), true]);
  });

  it('swaps Friday 2/1/2026 and Monday 31/8/2026 against Saturdays 10/1 and 22/8', () => {
    expect(HOLIDAYS_2026.filter((h) => h.working).map((h) => h.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('closes Tuesday 24/11/2026, Ngày Văn hóa Việt Nam', () => {
    expect(workingDays('2026-11-23', '2026-11-25')).toEqual(['11-23 W', '11-24 -', '11-25 W']);
    expect(calendar.days('2026-11-24', '2026-11-24')[0].note).toBe('Ngày Văn hóa Việt Nam');
  });

  it('closes Friday 1/1/2027 without a swapped Saturday', () => {
    expect(workingDays('2026-12-31', '2027-01-04')).toEqual(['12-31 W', '01-01 -', '01-02 -', '01-03 -', '01-04 W']);
  });

  it('gives Tết 2027 as 7 days, Thursday 4/2 to Wednesday 10/2, with no Saturday worked back', () => {
    expect(workingDays('2027-02-03', '2027-02-11')).toEqual(['02-03 W', ...['04', '05', '06', '07', '08', '09', '10'].map((d) => `02-${d} -`), '02-11 W']);
    expect(HOLIDAYS_2027.some((h) => h.working)).toBe(false);
  });

  it('closes Giỗ Tổ Friday 16/4, Friday 30/4, and Monday 3/5/2027 in place of Saturday 1/5', () => {
    expect(workingDays('2027-04-15', '2027-04-19')).toEqual(['04-15 W', '04-16 -', '04-17 -', '04-18 -', '04-19 W']);
    expect(workingDays('2027-04-29', '2027-05-04')).toEqual(['04-29 W', '04-30 -', '05-01 -', '05-02 -', '05-03 -', '05-04 W']);
  });

  it('closes Quốc khánh 2027 Thursday 2/9 to Sunday 5/9: the weekdays 2/9 and 3/9', () => {
    expect(workingDays('2027-09-01', '2027-09-06')).toEqual(['09-01 W', '09-02 -', '09-03 -', '09-04 -', '09-05 -', '09-06 W']);
  });

  it('closes Wednesday 24/11/2027, Ngày Văn hóa Việt Nam', () => {
    expect(workingDays('2027-11-23', '2027-11-25')).toEqual(['11-23 W', '11-24 -', '11-25 W']);
  });

  it('has 249 working days in 2026 and in 2027', () => {
    expect(calendar.days('2026-01-01', '2026-12-31').filter((d) => d.working)).toHaveLength(249);
    expect(calendar.days('2027-01-01', '2027-12-31').filter((d) => d.working)).toHaveLength(249);
  });

  it.each([
    ['received Monday 25/1/2027 09:00 + 10 working days skips Tết: Monday 15/2 09:00', '2027-01-25', '09:00', 10, '2027-02-15T09:00:00+07:00'],
    ['received Monday 23/11/2026 09:00 + 10 working days skips 24/11: Tuesday 8/12 09:00', '2026-11-23', '09:00', 10, '2026-12-08T09:00:00+07:00'],
    ['received Wednesday 30/12/2026 10:00 + 2 working days skips 1/1/2027: Monday 4/1 10:00', '2026-12-30', '10:00', 2, '2027-01-04T10:00:00+07:00'],
    ['received Thursday 29/4/2027 09:00 + 1 working day skips 30/4 and 3/5: Tuesday 4/5 09:00', '2027-04-29', '09:00', 1, '2027-05-04T09:00:00+07:00'],
    ['received Wednesday 1/9/2027 09:00 + 1 working day skips 2/9 and 3/9: Monday 6/9 09:00', '2027-09-01', '09:00', 1, '2027-09-06T09:00:00+07:00'],
  ])('%s', (_name, date, time, value, expected) => {
    expect(formatLocal(calendar.add(localDateTime(date, time), { value, unit: 'working_days' }))).toBe(expected);
  });
});
