import type { Actor } from '@app/auth';
import { formatLocal, type WorkingCalendar } from '@app/calendar';
import { type DeadlineKind, type DossierEventType, type DossierStatus, type FileKind, invalidField, OPEN_STATUSES, type Outcome, type RecordEventType, RESULT_TYPES, type Role, SUSPEND_REASONS } from '@app/common';
import type { PersistedDossierSnapshot, PublishedProcedure, StepDefinition } from '@app/procedures';
import { deadlinesOf, latestExtension, latestExtensionSend, stepOf } from './dossier-deadlines';
import type { Dossier } from './dossier.entity';
import type { DossierEvent, EventData } from './dossier-event.entity';
import type { EventInput } from './dossier-input';
import { classifyOutcome } from './dossier-outcome';

/**
 * The event catalogue (architecture.md): each officer event declared once — who may send it, what it changes besides the
 * machine state, and how the checker replays it from the log. The transition path, the permission check, the API's
 * allowedEvents and the consistency checker all read this one table.
 */

export type DossierPatch = Partial<Dossier>;

/** What an event writes to the log besides its type, time, actor and states. */
export interface EventRecord {
  note?: string | null;
  data?: EventData;
  stepOnTime?: boolean | null;
}

export interface EffectContext {
  dossier: Dossier;
  input: EventInput;
  at: Date;
  /** The machine's state after the event. */
  view: { status: DossierStatus; stepId: string | null };
  definition: PublishedProcedure;
  /** The resolving agency's calendar: the appointment's. */
  calendar: WorkingCalendar;
  /** The calendar of the agency holding the step after the event (its deadline's); the resolving one's at no step. */
  stepCalendar: WorkingCalendar;
  /** The trimmed note, or null. */
  note: string | null;
  /** Whether the current step finished within its deadline (null: no step deadline). */
  stepOnTime: boolean | null;
  /** How many processing times an extension may reach past the current appointment (EXTEND_MAX_FACTOR). */
  extendMaxFactor: number;
  /** How many working days before the current appointment an extension must be sent at the latest (EXTENSION_LEAD_WORKING_DAYS). */
  extensionLeadWorkingDays: number;
}

/** The row as the log describes it, built event by event by the checker's replay. */
export interface ReplayedRow {
  snapshot: PersistedDossierSnapshot;
  status: DossierStatus;
  stepId: string | null;
  version: number;
  receivedAt: Date;
  lastTransitionAt: Date;
  dueAt: Date | null;
  stepDueAt: Date | null;
  supplementCount: number;
  pausedAt: Date | null;
  extendedDueAt: Date | null;
  /** False once a wait ended after the extension: the wait moved the extended date by its (then) working length. */
  extendedExact: boolean;
  finishedAt: Date | null;
  returnedAt: Date | null;
  withdrawnAt: Date | null;
  resultType: string | null;
  outcome: Outcome | null;
  flags: Record<DeadlineKind, { at: Date; followed: boolean } | null>;
}

interface EventDeclaration {
  /** `desk`: the reception desk whatever the step (the applicant is in front of it); `step`: the role the current step names. */
  sender: 'desk' | 'step';
  /** Roles that may send it at any step besides the sender (an administrator always may). */
  alsoBy?: Role[];
  /** What it changes besides the machine state (deadlines, timestamps, counters) and what the log records; throws 400 for a missing field. */
  effect(c: EffectContext): { patch: DossierPatch; record: EventRecord };
  /** The same change, read back from the logged event (the row it leads to is checked against the real one). */
  replay(r: ReplayedRow, e: DossierEvent, definition: PublishedProcedure, d: Dossier): void;
}

const dateOf = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);

/** The next step (or none), its clock started now. */
function enterStep(c: EffectContext, stepId: string | null): DossierPatch {
  const step = stepOf(c.definition, stepId);
  return { stepId, stepStartedAt: step ? c.at : null, stepDueAt: step ? c.stepCalendar.add(c.at, step.allotted) : null, stepPausedMinutes: 0, assigneeId: null };
}

/** The clock runs again: the working time waited (on each deadline's own calendar) moves every deadline later. */
function resumeAfterWait({ dossier: d, at, definition, calendar, stepCalendar }: EffectContext): DossierPatch & { dueAt: Date } {
  // Whole minutes: the column is an integer and real clocks carry seconds.
  const waited = d.pausedAt ? Math.round(calendar.between(d.pausedAt, at)) : 0;
  const stepWaited = d.pausedAt ? Math.round(stepCalendar.between(d.pausedAt, at)) : 0;
  const resumed = { ...d, pausedMinutes: d.pausedMinutes + waited, stepPausedMinutes: d.stepPausedMinutes + stepWaited };
  const { dueAt, stepDueAt } = deadlinesOf(resumed, definition, calendar, stepCalendar);
  return {
    pausedAt: null,
    suspendReason: null,
    pausedMinutes: resumed.pausedMinutes,
    stepPausedMinutes: resumed.stepPausedMinutes,
    dueAt,
    stepDueAt,
    extendedDueAt: d.extendedDueAt ? calendar.addWorkingMinutes(d.extendedDueAt, waited) : null,
  };
}

const nothingElse = () => undefined;

export const DOSSIER_EVENTS: Record<DossierEventType, EventDeclaration> = {
  FORWARD: {
    sender: 'step',
    effect: (c) => ({ patch: enterStep(c, c.view.stepId), record: { note: c.note, stepOnTime: c.stepOnTime } }),
    replay: nothingElse,
  },
  RETURN: {
    sender: 'step',
    effect: (c) => {
      if (!c.note) throw invalidField('note', 'is required to return a dossier to the previous step', 'required');
      return { patch: enterStep(c, c.view.stepId), record: { note: c.note, stepOnTime: c.stepOnTime } };
    },
    replay: nothingElse,
  },
  ASSIGN: {
    sender: 'step',
    effect: ({ input, note }) => {
      if (!input.assigneeId) throw invalidField('assigneeId', 'is required to assign the dossier', 'required');
      return { patch: { assigneeId: input.assigneeId }, record: { note, data: { assigneeId: input.assigneeId } } };
    },
    replay: nothingElse,
  },
  REQUEST_SUPPLEMENT: {
    sender: 'step',
    effect: ({ dossier, input, at, note }) => {
      if (!note) throw invalidField('note', 'is required to request a supplement', 'required');
      if (!input.missingItems?.length) throw invalidField('missingItems', 'must list at least one missing item', 'too_few_items', { min: 1 });
      return { patch: { pausedAt: at, supplementCount: dossier.supplementCount + 1 }, record: { note, data: { missingItems: input.missingItems } } };
    },
    replay: (r, e) => Object.assign(r, { supplementCount: r.supplementCount + 1, pausedAt: e.at }),
  },
  SUPPLEMENT_RECEIVED: {
    sender: 'desk',
    effect: (c) => {
      const { dossier: d, at, definition, calendar, stepCalendar, note } = c;
      if (definition.supplementPolicy === 'restart') {
        // The clock restarts: the full processing time from the supplement's arrival, from the first step.
        const clockStartedAt = calendar.start(at, definition.cutoff);
        const basis = { channel: d.channel, clockStartedAt, pausedMinutes: 0, stepId: c.view.stepId, stepStartedAt: clockStartedAt, stepPausedMinutes: 0 };
        const { dueAt, stepDueAt } = deadlinesOf(basis, definition, calendar, stepCalendar);
        return {
          patch: { ...basis, stepDueAt, dueAt, pausedAt: null, assigneeId: null },
          record: { note, data: { policy: 'restart', previousDueAt: d.dueAt.toISOString(), dueAt: dueAt.toISOString() } },
        };
      }
      const patch = resumeAfterWait(c);
      return { patch, record: { note, data: { policy: 'pause', previousDueAt: d.dueAt.toISOString(), dueAt: patch.dueAt.toISOString() } } };
    },
    replay: (r, e, definition) => {
      Object.assign(r, { pausedAt: null, dueAt: dateOf(e.data.dueAt) ?? r.dueAt });
      if (definition.supplementPolicy === 'pause') r.extendedExact = false;
    },
  },
  SUSPEND: {
    sender: 'step',
    effect: ({ input, at, note }) => {
      if (!input.reason || !(SUSPEND_REASONS as readonly string[]).includes(input.reason)) {
        throw invalidField('reason', `must be one of ${SUSPEND_REASONS.join(', ')}`, 'not_allowed_value', { allowed: SUSPEND_REASONS.join(', ') });
      }
      return { patch: { pausedAt: at, suspendReason: input.reason as Dossier['suspendReason'] }, record: { note, data: { reason: input.reason } } };
    },
    replay: (r, e) => (r.pausedAt = e.at),
  },
  RESUME: {
    sender: 'step',
    effect: (c) => {
      const patch = resumeAfterWait(c);
      return { patch, record: { note: c.note, data: { previousDueAt: c.dossier.dueAt.toISOString(), dueAt: patch.dueAt.toISOString() } } };
    },
    replay: (r, e) => Object.assign(r, { pausedAt: null, dueAt: dateOf(e.data.dueAt) ?? r.dueAt, extendedExact: false }),
  },
  EXTEND: {
    sender: 'step',
    // The apology letter is signed by a leader whatever the step.
    alsoBy: ['leader'],
    effect: ({ dossier, input, at, note, definition, calendar, extendMaxFactor, extensionLeadWorkingDays }) => {
      if (!input.extendedDueAt) throw invalidField('extendedDueAt', 'is required: the new appointment date', 'required');
      // The apology must reach the applicant a lead time before the appointment (Decree 118/2025 provincial rules).
      const latest = latestExtensionSend(dossier, calendar, extensionLeadWorkingDays);
      if (at.getTime() > latest.getTime()) {
        throw invalidField(
          'extendedDueAt',
          `an extension must be sent at least ${extensionLeadWorkingDays} working day(s) before the current dueAt, at the latest ${formatLocal(latest)}`,
          'extension_too_late',
          { latest: formatLocal(latest) },
        );
      }
      if (input.extendedDueAt.getTime() <= dossier.dueAt.getTime()) throw invalidField('extendedDueAt', 'must be later than the current dueAt', 'not_later_than_due', {
          dueAt: dossier.dueAt.toISOString(),
        });
      // An apology sets a real new date, not an open-ended one: at most the procedure's processing time (times the factor) more.
      const max = latestExtension(dossier, definition, calendar, extendMaxFactor);
      if (input.extendedDueAt.getTime() > max.getTime()) {
        throw invalidField('extendedDueAt', `must be at most ${formatLocal(max)}: the procedure's processing time past the current dueAt`, 'extension_too_long', {
          max: formatLocal(max),
        });
      }
      const reason = input.reason?.trim() || note;
      if (!reason) throw invalidField('reason', 'is required: why the agency is late (the apology)', 'required');
      return { patch: { extendedDueAt: input.extendedDueAt }, record: { note: note ?? reason, data: { reason, extendedDueAt: input.extendedDueAt.toISOString() } } };
    },
    replay: (r, e) => Object.assign(r, { extendedDueAt: dateOf(e.data.extendedDueAt), extendedExact: true }),
  },
  COMPLETE: {
    sender: 'step',
    effect: (c) => {
      const { input, at, dossier, note } = c;
      if (!input.resultType || !(RESULT_TYPES as readonly string[]).includes(input.resultType)) {
        throw invalidField('resultType', `must be one of ${RESULT_TYPES.join(', ')}`, 'not_allowed_value', { allowed: RESULT_TYPES.join(', ') });
      }
      const outcome = classifyOutcome(at, dossier.dueAt);
      return {
        patch: { ...enterStep(c, null), finishedAt: at, resultType: input.resultType, outcome },
        record: { note, stepOnTime: c.stepOnTime, data: { resultType: input.resultType, outcome } },
      };
    },
    replay: (r, e, _definition, d) =>
      Object.assign(r, { finishedAt: e.at, resultType: e.data.resultType ?? null, outcome: r.dueAt ? classifyOutcome(e.at, r.dueAt) : d.outcome }),
  },
  DELIVER: {
    sender: 'desk',
    effect: ({ at, note }) => ({ patch: { returnedAt: at }, record: { note } }),
    replay: (r, e) => (r.returnedAt = e.at),
  },
  WITHDRAW: {
    sender: 'desk',
    effect: (c) => ({ patch: { ...enterStep(c, null), withdrawnAt: c.at, pausedAt: null }, record: { note: c.note } }),
    replay: (r, e) => Object.assign(r, { withdrawnAt: e.at, pausedAt: null }),
  },
};

/** The agencies of a dossier that events belong to (liên thông). */
export interface DossierHolders {
  /** The agency holding the current step (null at no step). */
  step: string | null;
  /** The reception desk that received it. */
  receiving: string;
  /** The resolving agency (the dossier's agencyCode). */
  resolving: string;
}

/** Who may send an event at this step: an administrator always (that is how imported history is corrected), then the catalogue's rule. */
export function rolesAllowedFor(type: DossierEventType, step: Pick<StepDefinition, 'role'> | null): Role[] {
  const { sender, alsoBy = [] } = DOSSIER_EVENTS[type];
  if (sender === 'desk') return ['admin', 'reception', ...alsoBy];
  return ['admin', ...(step ? [step.role] : []), ...alsoBy];
}

/** In which agency an officer must have the role: the desk's events at the receiving desk, a step's at the agency holding it. */
export function actingAgencyFor(type: DossierEventType, holders: DossierHolders): string | null {
  return DOSSIER_EVENTS[type].sender === 'desk' ? holders.receiving : holders.step;
}

/**
 * An administrator always; an officer with the role in the agency the event belongs to (actingAgencyFor). The roles
 * allowed at any step (a leader's apology) act from the agency holding the step or the resolving agency.
 */
export function mayAct(actor: Pick<Actor, 'roles' | 'agencyCode'>, type: DossierEventType, step: Pick<StepDefinition, 'role'> | null, holders: DossierHolders): boolean {
  if (actor.roles.includes('admin')) return true;
  const { sender, alsoBy = [] } = DOSSIER_EVENTS[type];
  const main = sender === 'desk' ? 'reception' : step?.role;
  const at = actingAgencyFor(type, holders);
  if (main && actor.roles.includes(main) && at !== null && actor.agencyCode === at) return true;
  return alsoBy.some((r) => actor.roles.includes(r)) && (actor.agencyCode === holders.step || actor.agencyCode === holders.resolving);
}

/**
 * Events that add to the dossier without moving it: no machine event, no status, step, deadline or version change
 * (an officer's pending FORWARD stays valid). Each is written through the transition path with what it records (the
 * file row) in one transaction; the checker replays it as a no-op on the row.
 */
export const RECORD_EVENTS: Record<RecordEventType, { replay(r: ReplayedRow, e: DossierEvent): void }> = {
  FILE_ATTACHED: { replay: nothingElse },
};

/** What the file rule needs to know of the dossier now. */
export interface AttachContext {
  status: DossierStatus;
  /** The current step (null once completed or withdrawn). */
  step: Pick<StepDefinition, 'role'> | null;
  holders: DossierHolders;
  /** Whether the machine allows COMPLETE now. */
  canComplete: boolean;
  /** The step that sent COMPLETE (its role and the agency that held it), once the result is ready. */
  completedBy: { role: Role; agencyCode: string | null } | null;
}

/**
 * Who may attach a file (FILE_ATTACHED), an administrator always:
 * - a component, while the dossier is open (processing, awaiting a supplement, suspended): the current step's officers
 *   (the step's role in the agency holding it) and the receiving desk (reception of the receiving agency: the applicant
 *   brings papers to the desk, at intake and with a supplement);
 * - a result (api.md: "at the completing step or with COMPLETE"): whoever may send COMPLETE now, or, once the result is
 *   ready (result_ready, before it is delivered), the officers of the step that completed it.
 */
export function mayAttach(actor: Pick<Actor, 'roles' | 'agencyCode'>, kind: FileKind, c: AttachContext): boolean {
  // An issued form is filed by the system at its event, never uploaded.
  if (kind === 'form') return false;
  if (actor.roles.includes('admin')) return true;
  if (kind === 'component') {
    if (!(OPEN_STATUSES as readonly string[]).includes(c.status)) return false;
    const stepOfficer = c.step !== null && actor.roles.includes(c.step.role) && actor.agencyCode === c.holders.step;
    const desk = actor.roles.includes('reception') && actor.agencyCode === c.holders.receiving;
    return stepOfficer || desk;
  }
  if (c.canComplete && mayAct(actor, 'COMPLETE', c.step, c.holders)) return true;
  return c.status === 'result_ready' && c.completedBy !== null && actor.roles.includes(c.completedBy.role) && actor.agencyCode === c.completedBy.agencyCode;
}
