import type { RecomputeStatus } from '@app/common';

/** How far one recomputation of open deadlines got: `busy` when another process is running a batch of it. */
export interface RecomputeProgress {
  id: string;
  status: RecomputeStatus | 'busy';
  recomputedDossiers: number;
}

/**
 * The port through which the worker finishes recomputations of open deadlines (a calendar or office-hours change): the
 * dossiers lib implements it with its one recomputation per dossier, so this lib never imports the dossiers lib.
 */
export interface DeadlineRecomputer {
  /** Works through one recomputation until it is done, unless another process holds it. */
  resume(recomputeId: string): Promise<RecomputeProgress>;
  /** Finishes every recomputation not done (one a crash interrupted); returns how many dossiers' deadlines moved. */
  resumeUnfinished(): Promise<number>;
}

export const DEADLINE_RECOMPUTER = Symbol('DeadlineRecomputer');
