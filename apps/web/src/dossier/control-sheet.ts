/** The process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ): the event log folded into one row per step worked. */
import type { DossierEvent } from '../types';

export interface StepRow {
  stepId: string;
  /** The agency that held the step (liên thông: it follows the handovers); null when unknown. */
  agencyCode: string | null;
  /** When the dossier entered the step. */
  startedAt: string;
  /** The step's deadline as last set (a suspension or a calendar change moves it). */
  dueAt: string | null;
  /** When the dossier left the step; null while it is still there. */
  finishedAt: string | null;
  /** Who finished the step (the officer who sent it on). */
  finishedBy: string | null;
  /** The event that ended the step: FORWARD, RETURN, COMPLETE, WITHDRAW, or REQUEST_SUPPLEMENT (restart policy). */
  endedBy: string | null;
  /** On time by the server's stepOnTime; null when not judged (withdrawn, interrupted by a supplement). */
  onTime: boolean | null;
  assigneeId: string | null;
}

/** `receivingAgency`: the desk that received the dossier, which holds the first step unless the intake handed it over. */
export function stepRows(events: DossierEvent[], receivingAgency: string | null = null): StepRow[] {
  const rows: StepRow[] = [];
  let open: StepRow | null = null;
  let supplementRequest: DossierEvent | null = null;
  let holder = receivingAgency;
  for (const e of events) {
    if (e.toAgency) holder = e.toAgency;
    // Under the restart policy a supplement sends the dossier back to the first step, even if it was already there.
    const restarted = e.type === 'SUPPLEMENT_RECEIVED' && e.data?.policy === 'restart';
    if (open && (e.toStep !== open.stepId || restarted)) {
      const ended: DossierEvent = restarted && supplementRequest ? supplementRequest : e;
      Object.assign(open, { finishedAt: ended.at, finishedBy: ended.actor.username, endedBy: ended.type, onTime: restarted ? null : e.stepOnTime });
      open = null;
    }
    if (e.type === 'REQUEST_SUPPLEMENT') supplementRequest = e;
    if (!open && e.toStep) {
      open = { stepId: e.toStep, agencyCode: holder, startedAt: e.at, dueAt: e.stepDueAt, finishedAt: null, finishedBy: null, endedBy: null, onTime: null, assigneeId: null };
      rows.push(open);
      supplementRequest = null;
    } else if (open) {
      if (e.stepDueAt) open.dueAt = e.stepDueAt;
      if (e.type === 'ASSIGN' && typeof e.data?.assigneeId === 'string') open.assigneeId = e.data.assigneeId;
    }
  }
  return rows;
}
