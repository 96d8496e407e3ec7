import type { Duration, DurationUnit } from './duration';
import { HOLIDAYS_2026 } from './holidays-2026';
import { formatLocal, localDateTime } from './local-time';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar } from './working-calendar';

const cal = new WorkingCalendar({ exceptions: HOLIDAYS_2026 });

/** '2026-03-02 10:00' -> Date */
function at(dateTime: string): Date {
  const [date, time] = dateTime.split(' ');
  return localDateTime(date, time);
}

/** Formats as '2026-03-05 10:00' so expectations read like the domain examples. */
function show(t: Date): string {
  const iso = formatLocal(t);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${iso.slice(16, 19) === ':00' ? '' : iso.slice(16, 19)}`;
}

function due(from: string, value: number, unit: DurationUnit, cutoff?: string): string {
  return show(cal.add(at(from), { value, unit }, cutoff));
}

describe('WorkingCalendar with the default office hours and HOLIDAYS_2026', () => {
  it('has 450 working minutes a day', () => {
    expect(cal.minutesPerWorkingDay).toBe(450);
    expect(new WorkingCalendar().minutesPerWorkingDay).toBe(450);
  });

  describe('working units', () => {
    it.each([
      ['Monday 10:00 + 3 working days = Thursday 10:00', '2026-03-02 10:00', 3, 'working_days', '2026-03-05 10:00'],
      ['Friday 16:00 + 2 working hours runs over the weekend', '2026-03-06 16:00', 2, 'working_hours', '2026-03-09 08:30'],
      ['arrival in the lunch break counts from 13:30', '2026-03-03 12:15', 1, 'working_hours', '2026-03-03 14:30'],
      ['arrival at 11:30 sharp (closing) counts from 13:30', '2026-03-03 11:30', 0.5, 'working_hours', '2026-03-03 14:00'],
      ['Sunday arrival counts from Monday 07:30', '2026-03-08 09:00', 2, 'working_hours', '2026-03-09 09:30'],
      ['Sunday arrival + 1 working day ends at Monday close', '2026-03-08 09:00', 1, 'working_days', '2026-03-09 17:00'],
      ['evening arrival counts from the next opening', '2026-03-02 18:00', 1, 'working_days', '2026-03-03 17:00'],
      ['early-morning arrival counts from 07:30 that day', '2026-03-02 06:00', 1, 'working_hours', '2026-03-02 08:30'],
      ['Monday 13:30 + 3.5 working hours ends at Monday 17:00', '2026-03-02 13:30', 3.5, 'working_hours', '2026-03-02 17:00'],
      ['Monday 17:00 + 2 working days ends at Wednesday 17:00', '2026-03-02 17:00', 2, 'working_days', '2026-03-04 17:00'],
      ['a duration running out at 11:30 ends at 11:30', '2026-03-02 07:30', 4, 'working_hours', '2026-03-02 11:30'],
      ['15 working days over a normal stretch', '2026-03-02 10:00', 15, 'working_days', '2026-03-23 10:00'],
    ] as const)('%s', (_name, from, value, unit, expected) => {
      expect(due(from, value, unit)).toBe(expected);
    });

    it('keeps seconds of the received time', () => {
      const t = new Date(at('2026-03-02 10:00').getTime() + 42_000);
      expect(formatLocal(cal.add(t, { value: 1, unit: 'working_days' }))).toBe('2026-03-03T10:00:42+07:00');
    });

    it('adds 0 of a working unit to a time inside office hours without change', () => {
      expect(due('2026-03-02 10:00', 0, 'working_days')).toBe('2026-03-02 10:00');
      expect(due('2026-03-02 10:00', 0, 'working_hours')).toBe('2026-03-02 10:00');
    });

    it('adds 0 of a working unit to a time outside office hours as the next opening', () => {
      expect(due('2026-03-07 10:00', 0, 'working_days')).toBe('2026-03-09 07:30');
    });
  });

  describe('cut-off', () => {
    it.each([
      ['before the cut-off: same day', '2026-03-03 14:00', '2026-03-03 16:00'],
      ['exactly at the cut-off: still the same day', '2026-03-03 15:00', '2026-03-03 17:00'],
      ['after the cut-off: next working day', '2026-03-03 15:30', '2026-03-04 09:30'],
      ['Friday after the cut-off: Monday', '2026-03-06 15:01', '2026-03-09 09:30'],
      ['after the cut-off but after close: next working day too', '2026-03-03 18:00', '2026-03-04 09:30'],
      ['Saturday: the cut-off does not matter, Monday opening', '2026-03-07 16:00', '2026-03-09 09:30'],
      ['before opening: that day', '2026-03-03 06:00', '2026-03-03 09:30'],
    ])('%s', (_name, from, expected) => {
      expect(due(from, 2, 'working_hours', '15:00')).toBe(expected);
    });

    it('moves the start itself', () => {
      expect(show(cal.start(at('2026-03-03 15:30'), '15:00'))).toBe('2026-03-04 07:30');
      expect(show(cal.start(at('2026-03-03 14:59'), '15:00'))).toBe('2026-03-03 14:59');
      expect(show(cal.start(at('2026-03-03 14:59'), null))).toBe('2026-03-03 14:59');
      expect(show(cal.start(at('2026-03-03 12:00')))).toBe('2026-03-03 13:30');
    });

    it('skips holidays when moving to the next working day', () => {
      expect(due('2026-02-13 15:30', 0, 'working_days', '15:00')).toBe('2026-02-23 07:30');
    });
  });

  describe('calendar units', () => {
    it.each([
      ['3 calendar days landing on a Saturday: close of Monday', '2026-03-04 10:00', 3, 'calendar_days', '2026-03-09 17:00'],
      ['1 calendar day landing on a weekday: close of that day', '2026-03-04 10:00', 1, 'calendar_days', '2026-03-05 17:00'],
      ['evening arrival starts the next morning', '2026-03-04 18:00', 1, 'calendar_days', '2026-03-06 17:00'],
      ['31 Jan + 1 month clamps to 28 Feb', '2025-01-31 10:00', 1, 'months', '2025-02-28 17:00'],
      ['31 Oct + 4 months clamps to Saturday 28 Feb 2026: close of Monday', '2025-10-31 10:00', 4, 'months', '2026-03-02 17:00'],
      ['31 Mar + 1 month = 30 Apr holiday: close of Monday 4 May', '2026-03-31 10:00', 1, 'months', '2026-05-04 17:00'],
      ['31 Jan 2024 + 1 month: leap February', '2024-01-31 10:00', 1, 'months', '2024-02-29 17:00'],
      ['30 calendar days into Tết: close of Monday 23/2', '2026-01-21 10:00', 30, 'calendar_days', '2026-02-23 17:00'],
      ['landing on the swapped working Saturday: close of that Saturday', '2026-01-09 10:00', 1, 'calendar_days', '2026-01-10 17:00'],
      ['12 months across the year end', '2025-12-15 10:00', 12, 'months', '2026-12-15 17:00'],
    ] as const)('%s', (_name, from, value, unit, expected) => {
      expect(due(from, value, unit)).toBe(expected);
    });

    it('adds 0 calendar days or months without change', () => {
      expect(due('2026-03-04 10:00', 0, 'calendar_days')).toBe('2026-03-04 10:00');
      expect(due('2026-03-04 10:00', 0, 'months')).toBe('2026-03-04 10:00');
    });
  });

  describe('2026 holidays and swaps', () => {
    it.each([
      ['Tết: Friday 13/2 10:00 + 1 working day = Monday 23/2 10:00', '2026-02-13 10:00', 1, 'working_days', '2026-02-23 10:00'],
      ['Tết: arrival during the break counts from 23/2', '2026-02-18 09:00', 1, 'working_hours', '2026-02-23 08:30'],
      ['Tết Dương lịch: 31/12 + 1 working day skips 1/1, swapped 2/1 and the weekend', '2025-12-31 10:00', 1, 'working_days', '2026-01-05 10:00'],
      ['swapped working Saturday 10/1 counts', '2026-01-09 10:00', 1, 'working_days', '2026-01-10 10:00'],
      ['swapped working Saturday: Friday 16:00 + 2 h ends Saturday 08:30', '2026-01-09 16:00', 2, 'working_hours', '2026-01-10 08:30'],
      ['Giỗ Tổ: Friday 24/4 + 1 working day skips compensatory Monday 27/4', '2026-04-24 10:00', 1, 'working_days', '2026-04-28 10:00'],
      ['30/4–1/5: Wednesday 29/4 + 1 working day = Monday 4/5', '2026-04-29 10:00', 1, 'working_days', '2026-05-04 10:00'],
      ['Quốc khánh: Friday 28/8 + 1 working day skips 31/8, 1/9, 2/9', '2026-08-28 10:00', 1, 'working_days', '2026-09-03 10:00'],
      ['Quốc khánh swap: Friday 21/8 + 1 working day = Saturday 22/8', '2026-08-21 10:00', 1, 'working_days', '2026-08-22 10:00'],
      ['arrival on the holiday 2/9 counts from Thursday 3/9', '2026-09-02 10:00', 3.5, 'working_hours', '2026-09-03 11:00'],
    ] as const)('%s', (_name, from, value, unit, expected) => {
      expect(due(from, value, unit)).toBe(expected);
    });

    it('treats a weekday as working without the holiday list', () => {
      expect(new WorkingCalendar().add(at('2026-02-13 10:00'), { value: 1, unit: 'working_days' })).toEqual(
        at('2026-02-16 10:00'),
      );
    });
  });

  describe('between', () => {
    it.each([
      ['same interval', '2026-03-02 08:00', '2026-03-02 09:00', 60],
      ['across lunch', '2026-03-02 11:00', '2026-03-02 14:00', 60],
      ['across a weekend', '2026-03-06 16:00', '2026-03-09 08:30', 120],
      ['across the Tết break', '2026-02-13 10:00', '2026-02-23 10:00', 450],
      ['across a swapped working Saturday', '2026-01-09 16:00', '2026-01-12 08:30', 60 + 450 + 60],
      ['across 30/4–1/5', '2026-04-29 10:00', '2026-05-04 10:00', 450],
      ['across 31/8–2/9', '2026-08-28 10:00', '2026-09-03 10:00', 450],
      ['weekend to weekend', '2026-03-07 00:00', '2026-03-14 00:00', 5 * 450],
      ['reversed range', '2026-03-03 10:00', '2026-03-02 10:00', 0],
      ['empty range', '2026-03-03 10:00', '2026-03-03 10:00', 0],
      ['outside office hours only', '2026-03-03 17:00', '2026-03-04 07:30', 0],
    ])('%s', (_name, a, b, minutes) => {
      expect(cal.between(at(a), at(b))).toBe(minutes);
    });

    it('counts 249 working days in 2026 (261 weekdays − 14 weekday holidays + 2 working Saturdays)', () => {
      expect(cal.between(at('2026-01-01 00:00'), at('2027-01-01 00:00'))).toBe(249 * 450);
      expect(cal.days('2026-01-01', '2026-12-31').filter((d) => d.working)).toHaveLength(249);
    });

    it('matches a day-by-day count over several years', () => {
      const expected = cal.days('2024-06-15', '2028-03-10').filter((d) => d.working).length * 450;
      expect(cal.between(at('2024-06-15 00:00'), at('2028-03-11 00:00'))).toBe(expected);
    });

    it('returns fractional minutes for seconds', () => {
      const a = new Date(at('2026-03-02 10:00').getTime() + 30_000);
      expect(cal.between(a, at('2026-03-02 10:01'))).toBe(0.5);
    });
  });

  describe('addWorkingMinutes', () => {
    it('returns t for 0 minutes, even outside office hours', () => {
      const sunday = at('2026-03-08 09:00');
      expect(cal.addWorkingMinutes(sunday, 0)).toEqual(sunday);
    });

    it('counts from the next opening and can end at a close', () => {
      expect(show(cal.addWorkingMinutes(at('2026-03-08 09:00'), 240))).toBe('2026-03-09 11:30');
      expect(show(cal.addWorkingMinutes(at('2026-03-02 17:00'), 1))).toBe('2026-03-03 07:31');
    });

    it('is fast enough for a year of working days', () => {
      const begin = performance.now();
      for (let i = 0; i < 2000; i++) cal.add(at('2026-01-05 10:00'), { value: 248, unit: 'working_days' });
      expect(performance.now() - begin).toBeLessThan(2000);
      expect(due('2026-01-05 10:00', 248, 'working_days')).toBe('2026-12-31 10:00');
    });
  });

  describe('subtractWorkingMinutes', () => {
    function back(from: string, minutes: number, c: WorkingCalendar = cal): string {
      return show(c.subtractWorkingMinutes(at(from), minutes));
    }

    it.each([
      ['Thursday 10:00 − 1 working day = Wednesday 10:00', '2026-03-05 10:00', 450, '2026-03-04 10:00'],
      ['Wednesday 17:00 (a close) − 1 working day = Wednesday 07:30', '2026-03-04 17:00', 450, '2026-03-04 07:30'],
      ['Monday 08:00 − 60 runs back over the weekend to Friday 16:30', '2026-03-09 08:00', 60, '2026-03-06 16:30'],
      ['Tuesday 13:30 (an opening) − 30 = Tuesday 11:00, before lunch', '2026-03-03 13:30', 30, '2026-03-03 11:00'],
      ['Tuesday 14:00 − 30 stops at the opening 13:30, not at the close 11:30', '2026-03-03 14:00', 30, '2026-03-03 13:30'],
      ['Tuesday 11:30 (a close) − 30 = Tuesday 11:00', '2026-03-03 11:30', 30, '2026-03-03 11:00'],
      ['lunch break counts back from 11:30', '2026-03-03 12:15', 30, '2026-03-03 11:00'],
      ['evening counts back from 17:00', '2026-03-03 18:00', 30, '2026-03-03 16:30'],
      ['early morning counts back from the previous close', '2026-03-03 06:00', 30, '2026-03-02 16:30'],
      ['Saturday counts back from Friday 17:00', '2026-03-07 10:00', 30, '2026-03-06 16:30'],
      ['Sunday − 1 working day = Friday 07:30', '2026-03-08 09:00', 450, '2026-03-06 07:30'],
      ['Monday 07:30 (first opening) − 1 working day = Friday 07:30', '2026-03-09 07:30', 450, '2026-03-06 07:30'],
      ['Monday 07:30 − 1 = Friday 16:59', '2026-03-09 07:30', 1, '2026-03-06 16:59'],
      ['Monday 10:00 − 3 working days = previous Wednesday 10:00', '2026-03-09 10:00', 3 * 450, '2026-03-04 10:00'],
      ['15 working days back over a normal stretch', '2026-03-23 10:00', 15 * 450, '2026-03-02 10:00'],
    ] as const)('%s', (_name, from, minutes, expected) => {
      expect(back(from, minutes)).toBe(expected);
    });

    it.each([
      ['Tết: Monday 23/2 10:00 − 1 working day = Friday 13/2 10:00', '2026-02-23 10:00', 450, '2026-02-13 10:00'],
      ['Tết: Monday 23/2 07:30 − 1 = Friday 13/2 16:59', '2026-02-23 07:30', 1, '2026-02-13 16:59'],
      ['Tết: a time inside the break counts back from Friday 13/2 17:00', '2026-02-18 09:00', 60, '2026-02-13 16:00'],
      ['Tết: Saturday 14/2 (first day of the break) − 1 working day = Friday 13/2 07:30', '2026-02-14 09:00', 450, '2026-02-13 07:30'],
      ['Tết Dương lịch: Monday 5/1 10:00 − 2 working days skips 2/1, 1/1 to Tuesday 30/12', '2026-01-05 10:00', 900, '2025-12-30 10:00'],
      ['swapped working Saturday: Monday 12/1 08:30 − 2 h ends Saturday 10/1 16:00', '2026-01-12 08:30', 120, '2026-01-10 16:00'],
      ['swapped working Saturday: Sunday 11/1 − 1 working day = Saturday 10/1 07:30', '2026-01-11 09:00', 450, '2026-01-10 07:30'],
      ['swapped working Saturday: Saturday 10/1 08:00 − 1 h = Friday 9/1 16:30', '2026-01-10 08:00', 60, '2026-01-09 16:30'],
      ['Giỗ Tổ: Tuesday 28/4 10:00 − 1 working day skips compensatory Monday 27/4', '2026-04-28 10:00', 450, '2026-04-24 10:00'],
      ['Quốc khánh: Thursday 3/9 10:00 − 1 working day skips 2/9, 1/9, 31/8 and the weekend', '2026-09-03 10:00', 450, '2026-08-28 10:00'],
      ['Quốc khánh swap: Monday 24/8 10:00 − 1 working day = Saturday 22/8 10:00', '2026-08-24 10:00', 450, '2026-08-22 10:00'],
    ] as const)('%s', (_name, from, minutes, expected) => {
      expect(back(from, minutes)).toBe(expected);
    });

    it('inverts add for a due time: less than one working day left from Wednesday 10:00 when due Thursday 10:00', () => {
      const dueAt = cal.add(at('2026-03-02 10:00'), { value: 3, unit: 'working_days' });
      const threshold = cal.subtractWorkingMinutes(dueAt, cal.minutesPerWorkingDay);
      expect(show(threshold)).toBe('2026-03-04 10:00');
      expect(cal.between(threshold, dueAt)).toBe(450);
      expect(cal.addWorkingMinutes(threshold, 450)).toEqual(dueAt);
    });

    it('returns t for 0 minutes, even outside office hours or at a close', () => {
      for (const t of ['2026-03-08 09:00', '2026-03-03 12:00', '2026-03-03 17:00', '2026-03-03 10:00', '2026-02-18 09:00']) {
        expect(cal.subtractWorkingMinutes(at(t), 0)).toEqual(at(t));
      }
    });

    it('keeps seconds and handles fractional minutes', () => {
      const t = new Date(at('2026-03-05 10:00').getTime() + 42_000);
      expect(formatLocal(cal.subtractWorkingMinutes(t, 450))).toBe('2026-03-04T10:00:42+07:00');
      expect(formatLocal(cal.subtractWorkingMinutes(at('2026-03-03 14:00'), 0.5))).toBe('2026-03-03T13:59:30+07:00');
      expect(cal.between(cal.subtractWorkingMinutes(at('2026-03-03 14:00'), 30.25), at('2026-03-03 14:00'))).toBe(30.25);
    });

    it('works over custom layouts, including touching intervals', () => {
      const three = new WorkingCalendar({
        officeHours: [
          { from: '07:00', to: '09:00' },
          { from: '10:00', to: '11:00' },
          { from: '14:00', to: '16:00' },
        ],
      });
      expect(back('2026-03-02 10:30', 60, three)).toBe('2026-03-02 08:30');
      expect(back('2026-03-02 15:00', 60, three)).toBe('2026-03-02 14:00');
      expect(back('2026-03-02 15:00', 120, three)).toBe('2026-03-02 10:00');
      expect(back('2026-03-02 12:00', 300, three)).toBe('2026-02-27 14:00');
      expect(back('2026-03-02 12:00', 360, three)).toBe('2026-02-27 10:00');
      const touching = new WorkingCalendar({
        officeHours: [
          { from: '08:00', to: '10:00' },
          { from: '10:00', to: '11:00' },
        ],
      });
      expect(back('2026-03-02 10:30', 30, touching)).toBe('2026-03-02 10:00');
      expect(back('2026-03-02 10:30', 90, touching)).toBe('2026-03-02 09:00');
      expect(back('2026-03-02 11:00', 180, touching)).toBe('2026-03-02 08:00');
    });

    it('rejects bad minutes and dates like addWorkingMinutes', () => {
      const t = at('2026-03-05 10:00');
      expect(() => cal.subtractWorkingMinutes(t, -1)).toThrow(/Invalid working minutes -1: must be a non-negative finite number/);
      expect(() => cal.subtractWorkingMinutes(t, Number.NaN)).toThrow(/Invalid working minutes NaN/);
      expect(() => cal.subtractWorkingMinutes(t, Number.POSITIVE_INFINITY)).toThrow(/Invalid working minutes Infinity/);
      expect(() => cal.subtractWorkingMinutes(t, '30' as unknown as number)).toThrow(/Invalid working minutes 30/);
      expect(() => cal.subtractWorkingMinutes(t, 1e12)).toThrow(/Duration too long/);
      expect(() => cal.subtractWorkingMinutes(new Date(Number.NaN), 1)).toThrow(/Invalid Date/);
    });

    it('is fast enough for a year of working days', () => {
      const begin = performance.now();
      for (let i = 0; i < 2000; i++) cal.subtractWorkingMinutes(at('2026-12-31 10:00'), 248 * 450);
      expect(performance.now() - begin).toBeLessThan(2000);
      expect(back('2026-12-31 10:00', 248 * 450)).toBe('2026-01-05 10:00');
    });
  });

  describe('nextOpening and isWorkingTime', () => {
    it.each([
      ['2026-03-02 07:29', false, '2026-03-02 07:30'],
      ['2026-03-02 07:30', true, '2026-03-02 07:30'],
      ['2026-03-02 11:29', true, '2026-03-02 11:29'],
      ['2026-03-02 11:30', false, '2026-03-02 13:30'],
      ['2026-03-02 16:59', true, '2026-03-02 16:59'],
      ['2026-03-02 17:00', false, '2026-03-03 07:30'],
      ['2026-03-06 17:00', false, '2026-03-09 07:30'],
      ['2026-01-01 09:00', false, '2026-01-05 07:30'],
      ['2026-01-10 09:00', true, '2026-01-10 09:00'],
    ])('%s: working %s, next opening %s', (t, working, opening) => {
      expect(cal.isWorkingTime(at(t))).toBe(working);
      expect(show(cal.nextOpening(at(t)))).toBe(opening);
    });
  });

  describe('isWorkingDay and days', () => {
    it('follows Monday–Friday, then the exceptions', () => {
      expect(cal.isWorkingDay('2026-03-06')).toBe(true);
      expect(cal.isWorkingDay('2026-03-07')).toBe(false);
      expect(cal.isWorkingDay('2026-03-08')).toBe(false);
      expect(cal.isWorkingDay('2026-01-01')).toBe(false);
      expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    });

    it('lists each date with its status and note', () => {
      expect(cal.days('2026-01-01', '2026-01-05')).toEqual([
        { date: '2026-01-01', working: false, note: 'Tết Dương lịch' },
        { date: '2026-01-02', working: false, note: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/1/2026)' },
        { date: '2026-01-03', working: false, note: null },
        { date: '2026-01-04', working: false, note: null },
        { date: '2026-01-05', working: true, note: null },
      ]);
      expect(cal.days('2026-01-10', '2026-01-10')).toEqual([
        { date: '2026-01-10', working: true, note: 'Làm bù cho ngày 2/1/2026' },
      ]);
    });

    it('lets a later exception for the same date win', () => {
      const c = new WorkingCalendar({
        exceptions: [...HOLIDAYS_2026, { date: '2026-01-01', working: true, note: 'trực' }],
      });
      expect(c.isWorkingDay('2026-01-01')).toBe(true);
      expect(c.days('2026-01-01', '2026-01-01')[0].note).toBe('trực');
    });
  });

  describe('custom office hours', () => {
    const single = new WorkingCalendar({ officeHours: [{ from: '08:00', to: '12:00' }] });
    const three = new WorkingCalendar({
      officeHours: [
        { from: '07:00', to: '09:00' },
        { from: '10:00', to: '11:00' },
        { from: '14:00', to: '16:00' },
      ],
    });

    it('measures the working day from the layout', () => {
      expect(single.minutesPerWorkingDay).toBe(240);
      expect(three.minutesPerWorkingDay).toBe(300);
    });

    it('adds over the layout', () => {
      expect(show(single.add(at('2026-03-02 10:00'), { value: 1, unit: 'working_days' }))).toBe('2026-03-03 10:00');
      expect(show(single.add(at('2026-03-02 13:00'), { value: 4, unit: 'working_hours' }))).toBe('2026-03-03 12:00');
      expect(show(three.add(at('2026-03-02 08:30'), { value: 1, unit: 'working_hours' }))).toBe('2026-03-02 10:30');
      expect(show(three.add(at('2026-03-02 08:30'), { value: 1.5, unit: 'working_hours' }))).toBe('2026-03-02 11:00');
      expect(show(three.add(at('2026-03-02 08:30'), { value: 3, unit: 'calendar_days' }))).toBe('2026-03-05 16:00');
    });

    it('accepts touching intervals', () => {
      const touching = new WorkingCalendar({
        officeHours: [
          { from: '08:00', to: '10:00' },
          { from: '10:00', to: '11:00' },
        ],
      });
      expect(touching.isWorkingTime(at('2026-03-02 10:00'))).toBe(true);
      expect(show(touching.add(at('2026-03-02 09:00'), { value: 2, unit: 'working_hours' }))).toBe('2026-03-02 11:00');
    });

    it('does not share state with DEFAULT_OFFICE_HOURS', () => {
      expect(Object.isFrozen(DEFAULT_OFFICE_HOURS)).toBe(true);
      expect(DEFAULT_OFFICE_HOURS).toEqual([
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ]);
    });
  });

  describe('errors', () => {
    it.each([
      [[], /non-empty/],
      [[{ from: '11:30', to: '07:30' }], /does not end after it starts/],
      [[{ from: '08:00', to: '08:00' }], /does not end after it starts/],
      [
        [
          { from: '13:30', to: '17:00' },
          { from: '07:30', to: '11:30' },
        ],
        /sorted and non-overlapping/,
      ],
      [
        [
          { from: '07:30', to: '12:00' },
          { from: '11:30', to: '17:00' },
        ],
        /sorted and non-overlapping/,
      ],
      [[{ from: '7:30', to: '11:30' }], /Invalid office hours interval 1 "from" "7:30": expected HH:mm/],
      [[{ from: '07:30', to: '24:00' }], /"to" "24:00"/],
    ])('rejects office hours %j', (officeHours, message) => {
      expect(() => new WorkingCalendar({ officeHours })).toThrow(message);
    });

    it.each(['2026-02-29', '2026-13-01', '2026-2-3', '26-02-03', '2026-02-03T00:00', ''])('rejects the date %j', (date) => {
      expect(() => cal.isWorkingDay(date)).toThrow(/Invalid date/);
      expect(() => new WorkingCalendar({ exceptions: [{ date, working: false }] })).toThrow(/Invalid date/);
    });

    it('rejects a non-boolean working flag', () => {
      const bad = { date: '2026-03-02', working: 'false' } as unknown as { date: string; working: boolean };
      expect(() => new WorkingCalendar({ exceptions: [bad] })).toThrow(/"working" must be a boolean/);
    });

    it.each([
      [{ value: -1, unit: 'working_days' }, /non-negative finite/],
      [{ value: Number.NaN, unit: 'working_hours' }, /non-negative finite/],
      [{ value: Number.POSITIVE_INFINITY, unit: 'calendar_days' }, /non-negative finite/],
      [{ value: 1.5, unit: 'working_days' }, /must be an integer/],
      [{ value: 0.5, unit: 'months' }, /must be an integer/],
      [{ value: 1, unit: 'weeks' }, /Unknown duration unit "weeks"/],
      [{ value: 1e9, unit: 'working_days' }, /Duration too long/],
      [{ value: 1e9, unit: 'calendar_days' }, /Duration too long/],
      [{ value: 1e9, unit: 'months' }, /Duration too long/],
    ])('rejects the duration %j', (d, message) => {
      expect(() => cal.add(at('2026-03-02 10:00'), d as Duration)).toThrow(message);
    });

    it('rejects bad working minutes, dates, cut-offs and ranges', () => {
      expect(() => cal.addWorkingMinutes(at('2026-03-02 10:00'), -1)).toThrow(/Invalid working minutes/);
      expect(() => cal.addWorkingMinutes(new Date(Number.NaN), 1)).toThrow(/Invalid Date/);
      expect(() => cal.between(new Date('nope'), at('2026-03-02 10:00'))).toThrow(/Invalid Date/);
      expect(() => cal.isWorkingTime('2026-03-02' as unknown as Date)).toThrow(/Invalid Date/);
      expect(() => cal.start(at('2026-03-02 10:00'), '3pm')).toThrow(/Invalid cut-off "3pm"/);
      expect(() => cal.days('2026-03-02', '2026-03-01')).toThrow(/from 2026-03-02 is after to 2026-03-01/);
    });
  });
});
