import { DEADLINE_KINDS, type DeadlineKind, type DossierStatus } from '@app/common';
import type { DossierTimers } from './deadline.job';
import { DEADLINE_TABLE } from './deadline-kinds';

/** The dossier columns that decide its timers (the dossiers lib's entity has them under these names). */
export interface TimerBasis {
  id: string;
  status: DossierStatus;
  dueAt: Date;
  dueSoonAt: Date | null;
  stepDueAt: Date | null;
  dueSoonFlaggedAt: Date | null;
  overdueFlaggedAt: Date | null;
  stepOverdueFlaggedAt: Date | null;
}

/** Deadlines still waiting for their flag: only while the clock runs (processing). */
export function pendingTimers(d: TimerBasis): DossierTimers {
  const running = d.status === 'processing';
  const pending = (kind: DeadlineKind) => (running && !d[DEADLINE_TABLE[kind].flagField] ? d[DEADLINE_TABLE[kind].field] : null);
  return { dossierId: d.id, due_soon: pending('due_soon'), overdue: pending('overdue'), step_overdue: pending('step_overdue') };
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
  return { dossierId: before.dossierId, ...Object.fromEntries(DEADLINE_KINDS.map((k) => [k, moved(k)])) } as DossierTimers;
}

/** The TimerBasis columns as SQL select items over a dossier table alias. */
export function timerBasisSql(alias: string): string {
  const columns = DEADLINE_KINDS.flatMap((k) => [DEADLINE_TABLE[k], { column: DEADLINE_TABLE[k].flagColumn, field: DEADLINE_TABLE[k].flagField }]);
  return [`${alias}.id`, `${alias}.status`, ...columns.map((c) => `${alias}.${c.column} AS "${c.field}"`)].join(', ');
}
