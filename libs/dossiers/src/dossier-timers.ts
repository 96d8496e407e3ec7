import type { WorkingCalendar } from '@app/calendar';
import type { DeadlineKind, DossierTimers } from '@app/deadlines';
import type { Dossier } from './dossier.entity';

/** The event each flag appends to the log. */
export const FLAG_EVENTS: Record<DeadlineKind, string> = { due_soon: 'DUE_SOON', overdue: 'OVERDUE', step_overdue: 'STEP_OVERDUE' };

export const FLAG_FIELDS = {
  due_soon: 'dueSoonFlaggedAt',
  overdue: 'overdueFlaggedAt',
  step_overdue: 'stepOverdueFlaggedAt',
} as const satisfies Record<DeadlineKind, keyof Dossier>;

type TimerBasis = Pick<Dossier, 'id' | 'status' | 'dueAt' | 'dueSoonAt' | 'stepDueAt' | 'dueSoonFlaggedAt' | 'overdueFlaggedAt' | 'stepOverdueFlaggedAt'>;

/** Deadlines still waiting for their flag: only while the clock runs (processing). */
export function pendingTimers(d: TimerBasis): DossierTimers {
  const running = d.status === 'processing';
  return {
    dossierId: d.id,
    due_soon: running && !d.dueSoonFlaggedAt ? d.dueSoonAt : null,
    overdue: running && !d.overdueFlaggedAt ? d.dueAt : null,
    step_overdue: running && !d.stepOverdueFlaggedAt ? d.stepDueAt : null,
  };
}

/**
 * The previous deadlines whose jobs may have to be removed: not one that did not move (its job still holds), nor one
 * beyond `armedUntil` (now + the horizon), which never had a job.
 */
export function movedTimers(before: DossierTimers, after: DossierTimers, armedUntil: number): DossierTimers {
  const moved = (kind: DeadlineKind) => {
    const at = before[kind]?.getTime();
    return at === undefined || at > armedUntil || at === after[kind]?.getTime() ? null : before[kind];
  };
  return { dossierId: before.dossierId, due_soon: moved('due_soon'), overdue: moved('overdue'), step_overdue: moved('step_overdue') };
}

/**
 * The timer columns after a change: the due-soon moment follows the (extended) due time, and a flag whose
 * deadline moved into the future no longer holds, so it is cleared and will come again if the new deadline passes.
 */
export function timerColumns(
  next: Pick<Dossier, 'status' | 'dueAt' | 'extendedDueAt' | 'stepDueAt' | 'dueSoonFlaggedAt' | 'overdueFlaggedAt' | 'stepOverdueFlaggedAt'>,
  stepChanged: boolean,
  calendar: WorkingCalendar,
  dueSoonWorkingDays: number,
  now: Date,
): Pick<Dossier, 'dueSoonAt' | 'dueSoonFlaggedAt' | 'overdueFlaggedAt' | 'stepOverdueFlaggedAt'> {
  const running = next.status === 'processing';
  const dueSoonAt = running
    ? calendar.subtractWorkingMinutes(next.extendedDueAt ?? next.dueAt, Math.round(dueSoonWorkingDays * calendar.minutesPerWorkingDay))
    : null;
  const future = (t: Date | null) => t !== null && t.getTime() > now.getTime();
  return {
    dueSoonAt,
    dueSoonFlaggedAt: future(dueSoonAt) ? null : next.dueSoonFlaggedAt,
    overdueFlaggedAt: running && future(next.dueAt) ? null : next.overdueFlaggedAt,
    stepOverdueFlaggedAt: stepChanged || (running && future(next.stepDueAt)) ? null : next.stepOverdueFlaggedAt,
  };
}
