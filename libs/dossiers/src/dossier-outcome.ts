import { toLocalDate } from '@app/calendar';
import { type DossierStatus, OPEN_STATUSES, type Outcome, type SuspendReason } from '@app/common';

/** domain.md "Classifying a finished dossier": statistics use dueAt, never the extended date. */
export function classifyOutcome(finishedAt: Date, dueAt: Date): Outcome {
  if (finishedAt.getTime() > dueAt.getTime()) return 'overdue';
  return toLocalDate(finishedAt) < toLocalDate(dueAt) ? 'early' : 'on_time';
}

export function isOpen(status: DossierStatus): boolean {
  return (OPEN_STATUSES as readonly DossierStatus[]).includes(status);
}

/** The national public-service portal's status code (domain.md "Statuses"). */
export function nationalStatusCode(status: DossierStatus, opts: { atFirstStep: boolean; suspendReason: SuspendReason | null }): number {
  switch (status) {
    case 'processing':
      return opts.atFirstStep ? 2 : 4;
    case 'awaiting_supplement':
      return 5;
    case 'suspended':
      return opts.suspendReason === 'financial_obligation' ? 6 : 8;
    case 'result_ready':
      return 9;
    case 'returned':
      return 10;
    case 'withdrawn':
      return 7;
  }
}

/** isOverdue as SQL over the dossier alias `d`, with `now` a bound parameter (`$1`, `:now`): queries and counts agree with the view. */
export function overdueSql(now: string): string {
  return `((d.status = 'processing' AND d.due_at < ${now}) OR (d.status IN ('awaiting_supplement', 'suspended') AND d.paused_at > d.due_at))`;
}

/** The view's due-soon rule as SQL (running, past the due-soon time, not yet overdue). */
export function dueSoonSql(now: string): string {
  return `(d.status = 'processing' AND d.due_soon_at <= ${now} AND d.due_at >= ${now})`;
}

/** Overdue while open: the due time passed while the clock ran (a paused dossier keeps the state it was paused in). */
export function isOverdue(d: { status: DossierStatus; dueAt: Date; pausedAt: Date | null }, now: Date): boolean {
  if (d.status === 'processing') return now.getTime() > d.dueAt.getTime();
  if (d.status === 'awaiting_supplement' || d.status === 'suspended') return d.pausedAt !== null && d.pausedAt.getTime() > d.dueAt.getTime();
  return false;
}
