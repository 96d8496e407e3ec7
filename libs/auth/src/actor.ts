import type { Role } from '@app/common';

/** Who did something: an officer, or the system (timers, calendar recomputation). */
export interface Actor {
  id: string;
  username: string;
  roles: Role[];
  agencyCode: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', roles: [], agencyCode: null };
