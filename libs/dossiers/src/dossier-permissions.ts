import type { DossierEventType, Role, StepDefinition } from '@app/procedures';
import type { Actor } from './actor';

/** Events the reception desk handles whatever step the dossier is in: the applicant is in front of it. */
const DESK_EVENTS: ReadonlySet<DossierEventType> = new Set(['SUPPLEMENT_RECEIVED', 'DELIVER', 'WITHDRAW']);

/**
 * Who may send an event: an administrator always (that is how imported history is corrected); the desk for desk events;
 * otherwise the role the current step names, and a leader may also sign an apology (EXTEND).
 */
export function rolesAllowedFor(type: DossierEventType, step: StepDefinition | null): Role[] {
  if (DESK_EVENTS.has(type)) return ['admin', 'reception'];
  const roles: Role[] = ['admin'];
  if (step) roles.push(step.role);
  if (type === 'EXTEND') roles.push('leader');
  return roles;
}

export function mayAct(actor: Actor, type: DossierEventType, step: StepDefinition | null): boolean {
  const allowed = rolesAllowedFor(type, step);
  return actor.roles.some((r) => allowed.includes(r));
}
