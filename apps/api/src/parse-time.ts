import { invalidField } from '@app/common';

const EARLIEST = Date.UTC(1900, 0, 1);

/** An ISO time already checked for shape; rejects impossible dates such as 30 February. */
export function parseTime(field: string, value: string | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined; // @IsOptional() lets null through as "not given"
  const t = new Date(value);
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const local = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(t.getTime()) || local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) {
    throw invalidField(field, 'is not a real date and time', 'bad_date_time');
  }
  // Year 0 and before break the date columns (PostgreSQL has no year 0); no dossier predates 1900 anyway.
  if (t.getTime() < EARLIEST) throw invalidField(field, 'must not be before 1900', 'too_early', { min: '1900-01-01' });
  return t;
}
