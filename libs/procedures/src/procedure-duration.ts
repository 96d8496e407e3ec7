import type { DurationUnit, ProcedureDuration } from './procedure-definition';

/** The default office day (07:30–11:30 + 13:30–17:00) holds 7.5 working hours. */
export const WORKING_HOURS_PER_DAY = 7.5;

/** A month limit is measured at its shortest (February), so allotments that fit it fit every month. */
export const MONTH_DAYS_AS_LIMIT = 28;

/** A month allotment is measured at its longest, so it never looks shorter than it can be. */
export const MONTH_DAYS_AS_ALLOTMENT = 31;

/** Which side of a "must fit inside" comparison a duration is on. */
export type DurationRole = 'limit' | 'allotment';

/** Working hours for a "fits inside" check, erring against the parts: a day = 7.5 h, a month = 28 days as limit, 31 as allotment. */
export function toComparableWorkingHours(duration: ProcedureDuration, role: DurationRole): number {
  switch (duration.unit) {
    case 'working_hours':
      return duration.value;
    case 'working_days':
    case 'calendar_days':
      return duration.value * WORKING_HOURS_PER_DAY;
    case 'months':
      return duration.value * (role === 'limit' ? MONTH_DAYS_AS_LIMIT : MONTH_DAYS_AS_ALLOTMENT) * WORKING_HOURS_PER_DAY;
  }
}

/** Allowed values are multiples of 0.5 hours, exact in binary; the slack only guards against future units. */
const EPSILON = 1e-9;

/** How a sum of parts measured against a limit came out, in the units the message shows. */
export interface DurationFit {
  fits: boolean;
  /** The parts' total: in the limit's unit when every part shares it, else in working hours. */
  total: ProcedureDuration;
  /** The limit in the total's unit. */
  limit: ProcedureDuration;
}

/** Whether parts fit a limit; same-unit parts add up exactly, since two 1-month steps do fill 2 months. */
export function fitsWithin(parts: readonly ProcedureDuration[], limit: ProcedureDuration): DurationFit {
  if (parts.every((part) => part.unit === limit.unit)) {
    const total = parts.reduce((sum, part) => sum + part.value, 0);
    return { fits: total <= limit.value + EPSILON, total: { value: total, unit: limit.unit }, limit };
  }
  const total = parts.reduce((sum, part) => sum + toComparableWorkingHours(part, 'allotment'), 0);
  const limitHours = toComparableWorkingHours(limit, 'limit');
  return {
    fits: total <= limitHours + EPSILON,
    total: { value: total, unit: 'working_hours' },
    limit: { value: limitHours, unit: 'working_hours' },
  };
}

const UNIT_LABELS: Record<DurationUnit, [singular: string, plural: string]> = {
  working_days: ['working day', 'working days'],
  working_hours: ['working hour', 'working hours'],
  calendar_days: ['calendar day', 'calendar days'],
  months: ['month', 'months'],
};

/** Rounds to two decimals so float sums print as people write them (22.5, not 22.499999). */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** "3 working days", "1 month", "0.5 working hours". */
export function formatDuration(duration: ProcedureDuration): string {
  const [singular, plural] = UNIT_LABELS[duration.unit];
  return `${formatNumber(duration.value)} ${duration.value === 1 ? singular : plural}`;
}
