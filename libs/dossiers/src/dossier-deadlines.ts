import type { Duration, WorkingCalendar } from '@app/calendar';
import type { PublishedProcedure, StepDefinition } from '@app/procedures';
import type { Dossier } from './dossier.entity';

// The deadline maths of a dossier, pure: the transition path, the recomputation and the consistency checker share it.

export function processingTime(definition: PublishedProcedure, channel: string): Duration {
  return channel === 'online' && definition.onlineProcessingTime ? definition.onlineProcessingTime : definition.processingTime;
}

export function stepOf(definition: PublishedProcedure, stepId: string | null): StepDefinition | null {
  return stepId ? (definition.steps.find((s) => s.id === stepId) ?? null) : null;
}

/** The agency that holds a step and whose officers work it (liên thông): the one it names, else the resolving agency. */
export function stepAgencyOf(d: Pick<Dossier, 'agencyCode' | 'receivingAgencyCode'>, step: Pick<StepDefinition, 'agency'>): string {
  const agency = step.agency;
  if (!agency) return d.agencyCode;
  if ('code' in agency) return agency.code;
  return agency.relation === 'receiving' ? d.receivingAgencyCode : d.agencyCode;
}

/** The agency holding the dossier's step `stepId`, or null at no step. */
export function stepAgencyAt(d: Pick<Dossier, 'agencyCode' | 'receivingAgencyCode'>, definition: PublishedProcedure, stepId: string | null): string | null {
  const step = stepOf(definition, stepId);
  return step ? stepAgencyOf(d, step) : null;
}

/** A handover when the step passes from one agency to another (the desk counting as the agency before the first step); else none. */
export function handoverOf(from: string | null, to: string | null): { fromAgency: string | null; toAgency: string | null } {
  return from && to && from !== to ? { fromAgency: from, toAgency: to } : { fromAgency: null, toAgency: null };
}

/**
 * The latest appointment an extension may set: the procedure's processing time, times `factor`, past the current one,
 * counted in the procedure's own unit on the agency's calendar. Whole units stay whole (rounded up).
 */
export function latestExtension(d: Pick<Dossier, 'dueAt' | 'channel'>, definition: PublishedProcedure, calendar: WorkingCalendar, factor: number): Date {
  const { value, unit } = processingTime(definition, d.channel);
  // Rounded to a millionth first, so that 3 × 1.1 is 3.3 and not a hair above it.
  const scaled = Math.round(value * factor * 1e6) / 1e6;
  return calendar.add(d.dueAt, { value: unit === 'working_hours' ? scaled : Math.ceil(scaled), unit });
}

/**
 * The last moment an extension may be sent: `leadWorkingDays` working days of the agency's calendar before the current
 * appointment (the latest s with that much working time left until dueAt); dueAt itself with no lead time.
 */
export function latestExtensionSend(d: Pick<Dossier, 'dueAt'>, calendar: WorkingCalendar, leadWorkingDays: number): Date {
  return calendar.subtractWorkingMinutes(d.dueAt, leadWorkingDays * calendar.minutesPerWorkingDay);
}

/**
 * The deadlines of a dossier from their basis, so a calendar change can recompute them the same way: the appointment on
 * the resolving agency's calendar, the step's deadline on the calendar of the agency holding the step.
 */
export function deadlinesOf(
  d: Pick<Dossier, 'clockStartedAt' | 'pausedMinutes' | 'channel' | 'stepId' | 'stepStartedAt' | 'stepPausedMinutes'>,
  definition: PublishedProcedure,
  calendar: WorkingCalendar,
  stepCalendar: WorkingCalendar = calendar,
): { dueAt: Date; stepDueAt: Date | null } {
  const dueAt = calendar.addWorkingMinutes(calendar.add(d.clockStartedAt, processingTime(definition, d.channel)), d.pausedMinutes);
  const step = stepOf(definition, d.stepId);
  const stepDueAt =
    step && d.stepStartedAt ? stepCalendar.addWorkingMinutes(stepCalendar.add(d.stepStartedAt, step.allotted), d.stepPausedMinutes) : null;
  return { dueAt, stepDueAt };
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
