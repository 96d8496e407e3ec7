import type { DeadlineKind } from '@app/common';

/**
 * Each deadline kind once: the dossier column that holds it, the column of its flag (SQL and entity names) and the event
 * its flag appends to the log. Timers, the reconciliation, the transition path and the checker all read this table.
 */
export const DEADLINE_TABLE = {
  due_soon: { column: 'due_soon_at', field: 'dueSoonAt', flagColumn: 'due_soon_flagged_at', flagField: 'dueSoonFlaggedAt', event: 'DUE_SOON' },
  overdue: { column: 'due_at', field: 'dueAt', flagColumn: 'overdue_flagged_at', flagField: 'overdueFlaggedAt', event: 'OVERDUE' },
  step_overdue: { column: 'step_due_at', field: 'stepDueAt', flagColumn: 'step_overdue_flagged_at', flagField: 'stepOverdueFlaggedAt', event: 'STEP_OVERDUE' },
} as const satisfies Record<DeadlineKind, { column: string; field: string; flagColumn: string; flagField: string; event: string }>;

export type FlagEventType = (typeof DEADLINE_TABLE)[DeadlineKind]['event'];

/** The kind whose flag an event type records, or null for any other event. */
export function kindOfFlagEvent(type: string): DeadlineKind | null {
  for (const [kind, d] of Object.entries(DEADLINE_TABLE)) if (d.event === type) return kind as DeadlineKind;
  return null;
}
