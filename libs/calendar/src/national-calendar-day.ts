import type { CalendarException } from './working-calendar';

/** A date that differs from Monday–Friday for state agencies, with its Vietnamese name (stored as the note) and the legal text behind it. */
export interface NationalCalendarDay extends CalendarException {
  note: string;
  source: string;
}

/** The public holidays of Labour Code 2019 art. 112(1), by the point that names each one. */
export const LABOUR_CODE_HOLIDAY = {
  newYear: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a',
  lunarNewYear: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b và khoản 3',
  victoryDay: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c',
  labourDay: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d',
  nationalDay: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ',
  hungKings: 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e',
  // A holiday on a weekly rest day is taken on the next working day.
  compensatory: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
} as const;
