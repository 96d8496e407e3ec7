export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'months';

export const DURATION_UNITS: readonly DurationUnit[] = ['working_days', 'working_hours', 'calendar_days', 'months'];

/** value is a non-negative integer, except working_hours which may be fractional (e.g. 0.5). */
export interface Duration {
  value: number;
  unit: DurationUnit;
}

// Caps keep a bad procedure row from spinning a day-by-day loop for centuries; 100 years is beyond any legal time.
export const MAX_CALENDAR_DAYS = 36_600;
export const MAX_MONTHS = 1_200;

/** Throws an Error naming the problem unless d is a usable duration. */
export function assertDuration(d: Duration): void {
  if (d === null || typeof d !== 'object') throw new Error(`Invalid duration ${String(d)}: expected { value, unit }`);
  if (!DURATION_UNITS.includes(d.unit)) {
    throw new Error(`Unknown duration unit ${JSON.stringify(d.unit)}: expected one of ${DURATION_UNITS.join(', ')}`);
  }
  if (typeof d.value !== 'number' || !Number.isFinite(d.value) || d.value < 0) {
    throw new Error(`Invalid duration value ${String(d.value)} ${d.unit}: must be a non-negative finite number`);
  }
  if (d.unit !== 'working_hours' && !Number.isInteger(d.value)) {
    throw new Error(`Invalid duration value ${d.value} ${d.unit}: must be an integer`);
  }
  if (d.unit === 'calendar_days' && d.value > MAX_CALENDAR_DAYS) {
    throw new Error(`Duration too long: ${d.value} calendar_days exceeds ${MAX_CALENDAR_DAYS}`);
  }
  if (d.unit === 'months' && d.value > MAX_MONTHS) {
    throw new Error(`Duration too long: ${d.value} months exceeds ${MAX_MONTHS}`);
  }
}
