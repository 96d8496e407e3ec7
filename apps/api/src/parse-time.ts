import { invalidField } from '@app/dossiers';

/** An ISO time already checked for shape; rejects impossible dates such as 30 February. */
export function parseTime(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const local = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(t.getTime()) || local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) {
    throw invalidField(field, 'is not a real date and time');
  }
  return t;
}
