import { naiveRowCounts, naiveRowNumbers } from './naive-report.query';
import { reportNumbers } from './report-formulas';

describe('naiveRowCounts (the 06a by receiving desk, read from the dossiers)', () => {
  it('gives the same 06a cells as the naive row itself whenever carried over = resolved + in progress − received', () => {
    for (const [online, directOrPostal, early, onTime, overdue, inProgress, inProgressOverdue] of [
      [0, 0, 0, 0, 0, 0, 0],
      [4, 6, 6, 3, 1, 7, 2],
      [1, 0, 0, 0, 0, 1, 1],
      [0, 0, 2, 0, 1, 3, 0],
    ]) {
      const carriedOver = early + onTime + overdue + inProgress - online - directOrPostal;
      const row = Object.fromEntries(
        Object.entries({ online, direct_or_postal: directOrPostal, carried_over: carriedOver, early, on_time: onTime, overdue, in_progress: inProgress, in_progress_overdue: inProgressOverdue }).map(
          ([k, v]) => [k, String(v)],
        ),
      );
      expect(reportNumbers(naiveRowCounts(row))).toEqual(naiveRowNumbers(row).numbers);
    }
  });
});
