import { describe, expect, it } from '@jest/globals';
import { type PeriodChoice, dayNumber, defaultChoice, monthsEnding, periodLabel, periodOf, periodProblem } from './period';

const TODAY = '2026-11-23';
const choice = (patch: Partial<PeriodChoice>): PeriodChoice => ({ ...defaultChoice(TODAY), ...patch });

describe('report periods', () => {
  it('starts on this month, up to its last day', () => {
    expect(defaultChoice(TODAY)).toEqual({ kind: 'month', year: 2026, month: 11, quarter: 4, from: '2026-11-01', to: TODAY });
    expect(periodOf(defaultChoice(TODAY))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('turns month, quarter, year and custom into local dates, both included', () => {
    expect(periodOf(choice({ kind: 'month', year: 2024, month: 2 }))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf(choice({ kind: 'month', year: 2026, month: 2 }))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf(choice({ kind: 'quarter', year: 2026, quarter: 3 }))).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodOf(choice({ kind: 'quarter', year: 2025, quarter: 4 }))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodOf(choice({ kind: 'year', year: 2025 }))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodOf(choice({ kind: 'custom', from: '2026-03-05', to: '2026-04-10' }))).toEqual({ from: '2026-03-05', to: '2026-04-10' });
    expect(periodLabel(choice({ kind: 'quarter', year: 2026, quarter: 4 }))).toBe('Quý IV/2026');
    expect(periodLabel(choice({ kind: 'custom', from: '2026-03-05', to: '2026-04-10' }))).toBe('Từ 05/03/2026 đến 10/04/2026');
  });

  it('refuses what the API would refuse, on the control to fix', () => {
    expect(periodProblem(choice({ kind: 'month', month: 12 }), TODAY)).toMatchObject({ field: 'period' });
    expect(periodProblem(choice({ kind: 'year', year: 2026 }), TODAY)).toBeNull(); // a running year is fine
    expect(periodProblem(choice({ kind: 'custom', from: '2026-11-24', to: '2026-11-30' }), TODAY)).toMatchObject({ field: 'from' });
    expect(periodProblem(choice({ kind: 'custom', from: '2026-11-10', to: '2026-11-09' }), TODAY)).toMatchObject({ field: 'to' });
    expect(periodProblem(choice({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' }), TODAY)).toMatchObject({ field: 'from' });
    expect(periodProblem(choice({ kind: 'custom', from: '', to: '2026-03-01' }), TODAY)).toMatchObject({ field: 'from' });
    // 366 days fit (a leap year), 367 do not.
    expect(periodProblem(choice({ kind: 'custom', from: '2024-01-01', to: '2024-12-31' }), TODAY)).toBeNull();
    expect(periodProblem(choice({ kind: 'custom', from: '2025-01-01', to: '2026-01-02' }), TODAY)).toMatchObject({ field: 'to' });
    expect(dayNumber('2026-02-29')).toBeNull();
  });

  it('charts the twelve months up to the period, never past this month', () => {
    const months = monthsEnding('2026-03-31', TODAY);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ year: 2025, month: 4 });
    expect(months[11]).toEqual({ year: 2026, month: 3 });
    expect(monthsEnding('2026-12-31', TODAY).at(-1)).toEqual({ year: 2026, month: 11 });
    expect(monthsEnding('2026-01-15', TODAY).slice(0, 2)).toEqual([
      { year: 2025, month: 2 },
      { year: 2025, month: 3 },
    ]);
  });
});
