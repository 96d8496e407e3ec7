/** Working minutes between two instants over an agency's office hours and its calendar of working dates. */

const DAY_MS = 86_400_000;
// Asia/Ho_Chi_Minh has no daylight saving: local time is UTC+7 all year.
const OFFSET_MS = 7 * 3_600_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Working minutes in [from, to) (0 when to <= from): the overlap of the span with each office interval of each working
 * date. `isWorking(date)` answers for a local date YYYY-MM-DD (the API's calendar days).
 */
export function workingMinutesBetween(
  from: string,
  to: string,
  officeHours: readonly { from: string; to: string }[],
  isWorking: (date: string) => boolean,
): number {
  const a = Date.parse(from) + OFFSET_MS;
  const b = Date.parse(to) + OFFSET_MS;
  let ms = 0;
  for (let day = Math.floor(a / DAY_MS); day * DAY_MS < b; day++) {
    if (!isWorking(new Date(day * DAY_MS).toISOString().slice(0, 10))) continue;
    for (const h of officeHours) {
      const lo = Math.max(a, day * DAY_MS + minutesOf(h.from) * 60_000);
      const hi = Math.min(b, day * DAY_MS + minutesOf(h.to) * 60_000);
      if (hi > lo) ms += hi - lo;
    }
  }
  return Math.round(ms / 60_000);
}

/** The local date and time of an instant, as a datetime-local input holds it (YYYY-MM-DDTHH:mm). */
export function localDateTime(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(iso: string): string {
  return localDateTime(iso).slice(0, 10);
}
