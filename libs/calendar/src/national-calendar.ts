import { HOLIDAYS_2026 } from './holidays-2026';
import { HOLIDAYS_2027 } from './holidays-2027';
import type { NationalCalendarDay } from './national-calendar-day';

/** Every announced national date, oldest first: what a new deployment's calendar starts with. */
export const NATIONAL_CALENDAR_DAYS: readonly NationalCalendarDay[] = [...HOLIDAYS_2026, ...HOLIDAYS_2027];
