import type { DeadlineKind } from '@app/common';
import type { DeadlineJobData } from './deadline.job';

/**
 * The port through which the worker sets a passed deadline's flag: the dossiers lib implements it on its one transition
 * path (the flag and its event in the dossier's transaction), so this lib never imports the dossiers lib.
 */
export interface DeadlineFlagger {
  /** A wake-up fired: 'stale' when the deadline moved, the flag is set or the clock is stopped; 'early' when not yet due. */
  flag(job: DeadlineJobData): Promise<'flagged' | 'stale' | 'early'>;
  /** The sweep found these dossiers' deadlines of one kind passed without a flag; rows locked elsewhere are skipped. */
  flagPassed(kind: DeadlineKind, dossierIds: string[]): Promise<number>;
}

export const DEADLINE_FLAGGER = Symbol('DeadlineFlagger');
