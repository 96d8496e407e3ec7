import type { Role } from '@app/common';

/** Who did something: an officer, or the system (timers, calendar recomputation). */
export interface Actor {
  id: string;
  username: string;
  roles: Role[];
  agencyCode: string | null;
  /** Set while the account must enrol a second factor (REQUIRE_2FA_ROLES): only the enrolment endpoints answer it. */
  twoFactorSetupRequired?: true;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', roles: [], agencyCode: null };
