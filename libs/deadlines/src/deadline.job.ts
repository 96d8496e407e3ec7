import { DEADLINE_KINDS, type DeadlineKind } from '@app/common';

/** The deadline queue's contract: its name, its jobs, their payloads and ids. */
export const DEADLINE_QUEUE = 'deadlines';

/** Wakes the worker when one deadline of one dossier arrives; the deadline itself lives in PostgreSQL. */
export const DEADLINE_JOB = 'deadline';
export interface DeadlineJobData {
  dossierId: string;
  kind: DeadlineKind;
  /** The deadline (epoch ms) this job was armed for; a moved deadline makes the job stale. */
  at: number;
}

/** Flags whatever a lost job missed and re-arms the jobs of deadlines coming near. */
export const RECONCILE_JOB = 'reconcile';
export type ReconcileJobData = Record<string, never>;
export const RECONCILE_SCHEDULER_ID = 'deadline-reconciliation';

/** Works through one recomputation of open deadlines (a calendar or office-hours change) until it is done. */
export const RECOMPUTE_JOB = 'recompute';
export interface RecomputeJobData {
  recomputeId: string;
}

/** Each job name's payload: the processor's handler map is typed by it. */
export interface DeadlineQueueJobs {
  [DEADLINE_JOB]: DeadlineJobData;
  [RECONCILE_JOB]: ReconcileJobData;
  [RECOMPUTE_JOB]: RecomputeJobData;
}
export type DeadlineJobName = keyof DeadlineQueueJobs;

/** Deterministic, so arming the same deadline twice leaves one job (BullMQ ignores a duplicate id); no ':' allowed. */
export function deadlineJobId(d: DeadlineJobData): string {
  return `${d.dossierId}-${d.kind}-${d.at}`;
}

/** One job per recomputation however often it is handed over: a duplicate id is ignored while the first waits. */
export function recomputeJobId(d: RecomputeJobData): string {
  return `recompute-${d.recomputeId}`;
}

const JOB_ID = new RegExp(`^([0-9a-f-]{36})-(${DEADLINE_KINDS.join('|')})-(\\d+)$`);

/** The wake-up a job id names; null for any other job (the reconciliation's). */
export function parseDeadlineJobId(id: string): DeadlineJobData | null {
  const m = JOB_ID.exec(id);
  return m ? { dossierId: m[1], kind: m[2] as DeadlineKind, at: Number(m[3]) } : null;
}

/** One dossier's deadlines that need a wake-up; null where nothing is to be armed (flag set, clock stopped). */
export interface DossierTimers {
  dossierId: string;
  due_soon: Date | null;
  overdue: Date | null;
  step_overdue: Date | null;
}
