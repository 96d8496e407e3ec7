/** Report periods as local dates (YYYY-MM-DD, both included): what the period picker offers, and the months of a chart. */

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–12 */
  month: number;
  /** 1–4 */
  quarter: number;
  from: string;
  to: string;
}

export interface Period {
  from: string;
  to: string;
}

/** The API's limit (README "Reports"): a leap year fits. */
export const MAX_PERIOD_DAYS = 366;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Days since 1970-01-01 of a local date, or null if it is not a real date. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).getUTCDate() === +m[3] ? t / 86_400_000 : null;
}

export function monthPeriod(year: number, month: number): Period {
  return { from: ymd(year, month, 1), to: ymd(year, month, lastDay(year, month)) };
}

export function defaultChoice(today: string): PeriodChoice {
  const year = +today.slice(0, 4);
  const month = +today.slice(5, 7);
  return { kind: 'month', year, month, quarter: Math.ceil(month / 3), from: `${today.slice(0, 8)}01`, to: today };
}

export function periodOf(c: PeriodChoice): Period {
  switch (c.kind) {
    case 'month':
      return monthPeriod(c.year, c.month);
    case 'quarter': {
      const first = (c.quarter - 1) * 3 + 1;
      return { from: ymd(c.year, first, 1), to: monthPeriod(c.year, first + 2).to };
    }
    case 'year':
      return { from: ymd(c.year, 1, 1), to: ymd(c.year, 12, 31) };
    case 'custom':
      return { from: c.from, to: c.to };
  }
}

/** Why the API would refuse this period, on the control to fix; null when it is fine. */
export function periodProblem(c: PeriodChoice, today: string): { field: 'from' | 'to' | 'period'; message: string } | null {
  const p = periodOf(c);
  const from = dayNumber(p.from);
  const to = dayNumber(p.to);
  if (from === null) return { field: 'from', message: 'Nhập ngày bắt đầu hợp lệ.' };
  if (to === null) return { field: 'to', message: 'Nhập ngày kết thúc hợp lệ.' };
  if (from > (dayNumber(today) ?? from)) return { field: c.kind === 'custom' ? 'from' : 'period', message: 'Kỳ báo cáo chưa bắt đầu: chọn kỳ không sau ngày hôm nay.' };
  if (to < from) return { field: 'to', message: 'Ngày kết thúc không được trước ngày bắt đầu.' };
  if (to - from + 1 > MAX_PERIOD_DAYS) return { field: 'to', message: `Kỳ báo cáo dài tối đa ${MAX_PERIOD_DAYS} ngày.` };
  return null;
}

export function periodLabel(c: PeriodChoice): string {
  const roman = ['I', 'II', 'III', 'IV'];
  switch (c.kind) {
    case 'month':
      return `Tháng ${pad(c.month)}/${c.year}`;
    case 'quarter':
      return `Quý ${roman[c.quarter - 1]}/${c.year}`;
    case 'year':
      return `Năm ${c.year}`;
    case 'custom':
      return `Từ ${vnDate(c.from)} đến ${vnDate(c.to)}`;
  }
}

/** "2026-11-05" → "05/11/2026" */
export function vnDate(date: string): string {
  const [y, m, d] = date.split('-');
  return d && m && y ? `${d}/${m}/${y}` : date;
}

/** The `count` months ending with the month of `to`, but not after `today`'s month; oldest first. */
export function monthsEnding(to: string, today: string, count = 12): { year: number; month: number }[] {
  const end = Math.min(+to.slice(0, 4) * 12 + +to.slice(5, 7) - 1, +today.slice(0, 4) * 12 + +today.slice(5, 7) - 1);
  return Array.from({ length: count }, (_, i) => {
    const n = end - count + 1 + i;
    return { year: Math.floor(n / 12), month: (n % 12) + 1 };
  });
}
