/** The 06a cells and the 766 progress score from counted dossiers: pure, so every rule here has a unit test. */

/** What the rollups (or the naive query) count for one group of dossiers over a period [F, T). */
export interface PeriodCounts {
  /** Received in [F, T), by channel class (direct and postal together), withdrawn ones included. */
  receivedOnline: number;
  receivedOther: number;
  /** Of those, withdrawn before T: they leave the table. */
  withdrawnOnline: number;
  withdrawnOther: number;
  finishedEarly: number;
  finishedOnTime: number;
  finishedOverdue: number;
  /** Finished early or on time, but asked to supplement more than once (766 counts them overdue). */
  finishedInTimeMultiSupplement: number;
  /** Open at the end of the period (received, neither finished nor withdrawn). */
  open: number;
  /** Of those, overdue then. */
  openOverdue: number;
  /** Of those open, asked to supplement more than once by then; and of these, the overdue ones. */
  openMultiSupplement: number;
  openMultiSupplementOverdue: number;
  /** Withdrawn in [F, T) (766: a withdrawal ends the dossier then); the 06a leaves them out (see withdrawnOnline). */
  withdrawnEnded: number;
  /** Of those, withdrawn no later than their dueAt and asked to supplement at most once: on time for the 766. */
  withdrawnEndedInTime: number;
}

export interface Shares {
  early: number | null;
  onTime: number | null;
  overdue: number | null;
  onTimeOrBetter: number | null;
}

/** Biểu 06a, columns 3–13, with the shares of the resolved dossiers. */
export interface ReportNumbers {
  received: { total: number; online: number; directOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; overdue: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  shares: Shares;
}

export interface Progress766 {
  numerator: number;
  denominator: number;
  ratio: number | null;
  score: number | null;
  maxScore: 20;
}

export const PROGRESS_766_MAX_SCORE = 20;

export const ZERO_COUNTS: Readonly<PeriodCounts> = Object.freeze({
  receivedOnline: 0,
  receivedOther: 0,
  withdrawnOnline: 0,
  withdrawnOther: 0,
  finishedEarly: 0,
  finishedOnTime: 0,
  finishedOverdue: 0,
  finishedInTimeMultiSupplement: 0,
  open: 0,
  openOverdue: 0,
  openMultiSupplement: 0,
  openMultiSupplementOverdue: 0,
  withdrawnEnded: 0,
  withdrawnEndedInTime: 0,
});

export function addCounts(a: PeriodCounts, b: PeriodCounts): PeriodCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof PeriodCounts)[]) out[k] = a[k] + b[k];
  return out;
}

/** x rounded to 4 decimals (a share of 0.78815 → 0.7882). */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** domain.md "The periodic report": 8/7, 9/7, 10/7 and (8+9)/7 as fractions, null when nothing was resolved. */
export function sharesOf(resolved: { total: number; early: number; onTime: number; overdue: number }): Shares {
  const share = (n: number) => (resolved.total === 0 ? null : round4(n / resolved.total));
  return {
    early: share(resolved.early),
    onTime: share(resolved.onTime),
    overdue: share(resolved.overdue),
    onTimeOrBetter: share(resolved.early + resolved.onTime),
  };
}

/**
 * The 06a cells. Carried over (6) is what the period started with and did not lose to a withdrawal; every such dossier
 * was either resolved in the period (7) or still open at its end (11), and so was every newly received one not withdrawn
 * (4 + 5). Hence 6 = 7 + 11 − 4 − 5, which keeps 3 = 4 + 5 + 6 = 7 + 11 by construction.
 */
export function reportNumbers(c: PeriodCounts): ReportNumbers {
  const online = c.receivedOnline - c.withdrawnOnline;
  const directOrPostal = c.receivedOther - c.withdrawnOther;
  const resolved = { total: c.finishedEarly + c.finishedOnTime + c.finishedOverdue, early: c.finishedEarly, onTime: c.finishedOnTime, overdue: c.finishedOverdue };
  const inProgress = { total: c.open, withinDeadline: c.open - c.openOverdue, overdue: c.openOverdue };
  const carriedOver = resolved.total + inProgress.total - online - directOrPostal;
  return {
    received: { total: online + directOrPostal + carriedOver, online, directOrPostal, carriedOver },
    resolved,
    inProgress,
    shares: sharesOf(resolved),
  };
}

/**
 * Decision 766/QĐ-TTg, progress group ("tiến độ giải quyết", 20 points), as the national portal computes it:
 *
 *   score = 20 × (finished on time or early in the period + still within deadline at its end)
 *              / (received and processed in the period = resolved in it + in progress at its end)
 *
 * - a dossier asked to supplement more than once counts as overdue: it leaves the numerator (finished in time or
 *   within deadline but with a second supplement request before the end of the period);
 * - the waiting time of a supplement is not processing time: the due time already excludes it (restart: the clock
 *   starts again at the supplement's arrival; pause: the waited working time is added to dueAt), and a dossier waiting
 *   since before its due time is not overdue while it waits.
 * - a withdrawal ends the dossier as a result does (domain.md): withdrawn in the period, it is in the denominator, and in
 *   the numerator when withdrawn no later than its dueAt (a withdrawal before the due date counts as on time), unless
 *   it was asked to supplement more than once.
 *
 * ratio has 4 decimals, score 2; both null when there is nothing to score.
 */
export function progressScore766(c: PeriodCounts): Progress766 {
  const inTime = c.finishedEarly + c.finishedOnTime - c.finishedInTimeMultiSupplement + c.withdrawnEndedInTime;
  const withinDeadline = c.open - c.openOverdue - (c.openMultiSupplement - c.openMultiSupplementOverdue);
  const numerator = inTime + withinDeadline;
  const denominator = c.finishedEarly + c.finishedOnTime + c.finishedOverdue + c.withdrawnEnded + c.open;
  if (denominator === 0) return { numerator, denominator, ratio: null, score: null, maxScore: PROGRESS_766_MAX_SCORE };
  const ratio = numerator / denominator;
  return { numerator, denominator, ratio: round4(ratio), score: Math.round(PROGRESS_766_MAX_SCORE * ratio * 100) / 100, maxScore: PROGRESS_766_MAX_SCORE };
}
