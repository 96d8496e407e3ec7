import { type PeriodCounts, ZERO_COUNTS, progressScore766, reportNumbers, round4, sharesOf } from './report-formulas';

const counts = (c: Partial<PeriodCounts>): PeriodCounts => ({ ...ZERO_COUNTS, ...c });

describe('sharesOf (domain.md: 8/7, 9/7, 10/7, (8+9)/7)', () => {
  it('gives fractions rounded to 4 decimals', () => {
    // The press's "early 78.8 %, on time 18.9 %": 788 + 189 + 23 = 1000.
    expect(sharesOf({ total: 1000, early: 788, onTime: 189, overdue: 23 })).toEqual({ early: 0.788, onTime: 0.189, overdue: 0.023, onTimeOrBetter: 0.977 });
    expect(sharesOf({ total: 3, early: 1, onTime: 1, overdue: 1 })).toEqual({ early: 0.3333, onTime: 0.3333, overdue: 0.3333, onTimeOrBetter: 0.6667 });
    expect(sharesOf({ total: 7, early: 0, onTime: 7, overdue: 0 })).toEqual({ early: 0, onTime: 1, overdue: 0, onTimeOrBetter: 1 });
  });

  it('is null when nothing was resolved', () => {
    expect(sharesOf({ total: 0, early: 0, onTime: 0, overdue: 0 })).toEqual({ early: null, onTime: null, overdue: null, onTimeOrBetter: null });
  });

  it('rounds half away from zero at the 4th decimal', () => {
    expect(round4(0.78815)).toBe(0.7882);
    expect(round4(2 / 3)).toBe(0.6667);
    expect(round4(1 / 8)).toBe(0.125);
  });
});

describe('reportNumbers (06a columns 3–13)', () => {
  it('takes withdrawals out of the newly received and derives the carried over so that 3 = 4+5+6 = 7+11', () => {
    const n = reportNumbers(
      counts({ receivedOnline: 5, receivedOther: 8, withdrawnOnline: 1, withdrawnOther: 2, finishedEarly: 6, finishedOnTime: 3, finishedOverdue: 1, open: 7, openOverdue: 2 }),
    );
    expect(n.received).toEqual({ total: 17, online: 4, directOrPostal: 6, carriedOver: 7 });
    expect(n.resolved).toEqual({ total: 10, early: 6, onTime: 3, overdue: 1 });
    expect(n.inProgress).toEqual({ total: 7, withinDeadline: 5, overdue: 2 });
    expect(n.received.total).toBe(n.received.online + n.received.directOrPostal + n.received.carriedOver);
    expect(n.received.total).toBe(n.resolved.total + n.inProgress.total);
    expect(n.shares).toEqual({ early: 0.6, onTime: 0.3, overdue: 0.1, onTimeOrBetter: 0.9 });
  });

  it('is all zeros, shares null, for no dossiers', () => {
    expect(reportNumbers(ZERO_COUNTS)).toEqual({
      received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 },
      resolved: { total: 0, early: 0, onTime: 0, overdue: 0 },
      inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
      shares: { early: null, onTime: null, overdue: null, onTimeOrBetter: null },
    });
  });
});

describe('progressScore766 (Decision 766/QĐ-TTg, progress group, 20 points)', () => {
  it('scores (in time + within deadline) / (resolved + in progress)', () => {
    // 6 early + 3 on time + 1 overdue resolved, 7 open of which 2 overdue: (9 + 5) / 17.
    expect(progressScore766(counts({ finishedEarly: 6, finishedOnTime: 3, finishedOverdue: 1, open: 7, openOverdue: 2 }))).toEqual({
      numerator: 14,
      denominator: 17,
      ratio: 0.8235,
      score: 16.47,
      maxScore: 20,
    });
  });

  it('counts a dossier asked to supplement more than once as overdue, resolved or open', () => {
    const base = { finishedEarly: 6, finishedOnTime: 3, finishedOverdue: 1, open: 7, openOverdue: 2 };
    // One resolved in time and one open within deadline were asked twice; an overdue open one asked twice changes nothing.
    const c = counts({ ...base, finishedInTimeMultiSupplement: 1, openMultiSupplement: 2, openMultiSupplementOverdue: 1 });
    expect(progressScore766(c)).toEqual({ numerator: 12, denominator: 17, ratio: 0.7059, score: 14.12, maxScore: 20 });
  });

  it('counts a withdrawal as the portal does: ended in the period, on time when withdrawn by its due time, late after it', () => {
    // 3 on time + 1 overdue resolved, 2 open within deadline; one withdrawn before its due time: (3 + 2 + 1) / (4 + 2 + 1).
    const base = { finishedOnTime: 3, finishedOverdue: 1, open: 2 };
    expect(progressScore766(counts({ ...base, withdrawnEnded: 1, withdrawnEndedInTime: 1 }))).toEqual({
      numerator: 6,
      denominator: 7,
      ratio: 0.8571,
      score: 17.14,
      maxScore: 20,
    });
    // The same withdrawal after its due time: late, in the denominator only, 5 / 7.
    expect(progressScore766(counts({ ...base, withdrawnEnded: 1, withdrawnEndedInTime: 0 }))).toEqual({
      numerator: 5,
      denominator: 7,
      ratio: 0.7143,
      score: 14.29,
      maxScore: 20,
    });
    // Only withdrawals: one in time and one late, 1 / 2.
    expect(progressScore766(counts({ withdrawnEnded: 2, withdrawnEndedInTime: 1 }))).toMatchObject({ numerator: 1, denominator: 2, ratio: 0.5, score: 10 });
  });

  it('leaves the withdrawals the 766 counts out of the 06a', () => {
    const c = counts({ finishedOnTime: 3, open: 2 });
    expect(reportNumbers(counts({ ...c, withdrawnEnded: 4, withdrawnEndedInTime: 3 }))).toEqual(reportNumbers(c));
  });

  it('gives the full 20 points when everything is in time, and none when everything is late', () => {
    expect(progressScore766(counts({ finishedOnTime: 4, open: 2 })).score).toBe(20);
    expect(progressScore766(counts({ finishedOverdue: 4, open: 2, openOverdue: 2 }))).toMatchObject({ numerator: 0, ratio: 0, score: 0 });
  });

  it('has no score when there is nothing to score', () => {
    expect(progressScore766(ZERO_COUNTS)).toEqual({ numerator: 0, denominator: 0, ratio: null, score: null, maxScore: 20 });
  });
});
