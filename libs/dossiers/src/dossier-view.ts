import { type WorkingCalendar, formatLocal } from '@app/calendar';
import type { Actor } from '@app/auth';
import type { CompiledProcedure } from '@app/procedures';
import type { Dossier } from './dossier.entity';
import { mayAct } from './dossier-event.catalogue';
import type { DossierEvent } from './dossier-event.entity';
import { isOverdue, nationalStatusCode } from './dossier-outcome';

const iso = (t: Date | null): string | null => (t ? formatLocal(t) : null);

/** The last handover between agencies (liên thông) in a dossier's log. */
export interface Handover {
  fromAgency: string;
  toAgency: string;
  at: Date;
}

/** What the view reads beside the dossier's row. */
export interface DossierViewContext {
  /** The step agency's calendar: a running step also says how much working time it has left. */
  calendar?: Pick<WorkingCalendar, 'between'> | null;
  /** Code and name of every agency the dossier concerns (dossier_agency), by code. */
  agencies: { code: string; name: string }[];
  lastHandover: Handover | null;
}

/**
 * The API's Dossier (api.md), as an officer sees it at `now`; with the step agency's calendar, a running step also says how
 * much working time it has left (negative: overdue by), which a browser cannot know from its own clock. `allowedEvents`
 * are the events the dossier's state allows and the viewer's roles may send. The agencies come with their names: an
 * officer's agency list holds only their own tree, and a liên thông dossier names agencies of other trees.
 */
export function toDossierView(
  d: Dossier,
  procedure: CompiledProcedure,
  now: Date,
  viewer: Pick<Actor, 'roles' | 'agencyCode'>,
  { calendar, agencies, lastHandover }: DossierViewContext,
) {
  const step = d.stepId ? procedure.definition.steps.find((s) => s.id === d.stepId) : undefined;
  const overdue = isOverdue(d, now);
  // Due soon: less than the threshold (default one working day) left before the (extended) due time.
  const dueSoon = d.status === 'processing' && !overdue && d.dueSoonAt !== null && d.dueSoonAt.getTime() <= now.getTime();
  const beforeDue = now.getTime() < d.dueAt.getTime();
  const running = d.status === 'processing' && d.stepDueAt !== null;
  const stepOverdue = running && now.getTime() > d.stepDueAt!.getTime();
  const workingMinutesLeft =
    running && calendar ? Math.round(stepOverdue ? -calendar.between(d.stepDueAt!, now) : calendar.between(now, d.stepDueAt!)) : null;
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedureCode,
    procedureVersion: d.procedureVersion,
    procedureName: procedure.definition.name,
    agencyCode: d.agencyCode,
    receivingAgencyCode: d.receivingAgencyCode,
    channel: d.channel,
    applicant: d.applicant,
    documents: d.documents,
    status: d.status,
    nationalStatusCode: nationalStatusCode(d.status, {
      // Code 2 (just received) until an officer first acts on it; timer flags do not count.
      atFirstStep: d.stepId === procedure.definition.steps[0]?.id && d.lastTransitionAt.getTime() === d.receivedAt.getTime(),
      suspendReason: d.suspendReason,
    }),
    suspendReason: d.suspendReason,
    currentStep:
      step && d.status !== 'result_ready'
        ? {
            id: step.id,
            name: step.name,
            role: step.role,
            agencyCode: d.stepAgencyCode ?? d.agencyCode,
            assigneeId: d.assigneeId,
            startedAt: iso(d.stepStartedAt),
            dueAt: iso(d.stepDueAt),
            overdue: stepOverdue,
            workingMinutesLeft,
          }
        : null,
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    extendedDueAt: iso(d.extendedDueAt),
    dueSoon,
    overdue,
    overdueFlaggedAt: iso(d.overdueFlaggedAt),
    dueSoonFlaggedAt: iso(d.dueSoonFlaggedAt),
    supplementCount: d.supplementCount,
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    withdrawnAt: iso(d.withdrawnAt),
    resultType: d.resultType,
    outcome: d.outcome,
    version: d.version,
    agencies,
    lastHandover: lastHandover ? { fromAgency: lastHandover.fromAgency, toAgency: lastHandover.toAgency, at: formatLocal(lastHandover.at) } : null,
    allowedEvents: procedure.workflow
      .allowedEvents(d.snapshot, { beforeDue })
      .filter((type) => mayAct(viewer, type, step ?? null, { step: d.stepAgencyCode, receiving: d.receivingAgencyCode, resolving: d.agencyCode })),
  };
}

export type DossierView = ReturnType<typeof toDossierView>;

export function toEventView(e: DossierEvent) {
  return {
    seq: e.seq,
    type: e.type,
    at: formatLocal(e.at),
    actor: { id: e.actorId, username: e.actorUsername },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    fromStep: e.fromStep,
    toStep: e.toStep,
    fromAgency: e.fromAgency,
    toAgency: e.toAgency,
    stepDueAt: iso(e.stepDueAt),
    stepOnTime: e.stepOnTime,
    note: e.note,
    data: e.data,
  };
}
