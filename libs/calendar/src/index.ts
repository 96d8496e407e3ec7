export { DURATION_UNITS, type Duration, type DurationUnit } from './duration';
export { HOLIDAYS_2026 } from './holidays-2026';
export { HOLIDAYS_2027 } from './holidays-2027';
export { NATIONAL_CALENDAR_DAYS } from './national-calendar';
export type { NationalCalendarDay } from './national-calendar-day';
export { formatLocal, localDateTime, TIME_ZONE, toLocalDate, UTC_OFFSET_MINUTES } from './local-time';
export {
  type CalendarDayInfo,
  type CalendarException,
  DEFAULT_OFFICE_HOURS,
  OfficeHoursError,
  type OfficeInterval,
  WorkingCalendar,
  type WorkingCalendarOptions,
} from './working-calendar';
