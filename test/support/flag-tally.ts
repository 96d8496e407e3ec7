import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/auth';
import { DEADLINE_KINDS } from '@app/common';
import { DEADLINE_TABLE, DeadlineReconciler, DeadlineScheduler } from '@app/deadlines';
import { DeadlineRecomputeService, DossierTransitionService } from '@app/dossiers';
import type { TestApp } from './test-app';

/** The worker's reconciliation (flags passed deadlines, arms near ones) on the test app's database, queue and clock, run when the test calls it. */
export function reconcilerOf(t: TestApp): DeadlineReconciler {
  const db = t.app.get<DataSource>(getDataSourceToken());
  return new DeadlineReconciler(db, t.app.get(DossierTransitionService), t.app.get(DeadlineScheduler), t.app.get(AppConfig), t.clock, t.app.get(DeadlineRecomputeService));
}

/**
 * n dossiers received through the product's intake (so each has its RECEIVE event and consistent deadlines), back-dated by
 * an administrator far enough that all three deadlines (due soon, step overdue, overdue) have passed: each intake arms
 * three wake-ups due at once. Spread over agencies, so intakes do not queue on one agency's code sequence.
 */
export async function receivePastDue(t: TestApp, opts: { n: number; agencies: string[]; receivedAt: Date }): Promise<string[]> {
  const transitions = t.app.get(DossierTransitionService);
  const [admin] = await t.app.get<DataSource>(getDataSourceToken()).query(`SELECT id, username FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`);
  const actor: Actor = { id: admin?.id ?? 'admin', username: admin?.username ?? 'admin', roles: ['admin'], agencyCode: null };
  const ids: string[] = [];
  const lane = async (agencyCode: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const applicant = { type: 'citizen' as const, fullName: `Nguyễn Văn ${i}`, idNumber: String(1090000000 + i).padStart(12, '0') };
      const { dossier } = await transitions.intake({ procedureCode: '1.001193', agencyCode, channel: 'direct', applicant, receivedAt: opts.receivedAt }, actor);
      ids.push(dossier.id);
    }
  };
  const per = Math.ceil(opts.n / opts.agencies.length);
  await Promise.all(opts.agencies.map((code, i) => lane(code, Math.min(per, opts.n - i * per))));
  return ids;
}

export interface FlagTally {
  /** (dossier, kind) pairs whose deadline has passed while the clock runs: each must have exactly one flag event. */
  due: number;
  flagged: number;
  lost: number;
  /** Flag events beyond the first per dossier and kind. */
  duplicates: number;
  /** Dossiers whose row flag is missing or disagrees with the time of its flag event. */
  rowMismatches: number;
}

/** Each kind's flag event, deadline and flag columns, from the product's one table. */
const KINDS_SQL = DEADLINE_KINDS.map((k) => `('${DEADLINE_TABLE[k].event}', d.${DEADLINE_TABLE[k].column}, d.${DEADLINE_TABLE[k].flagColumn})`).join(', ');

/**
 * Counts flag events per dossier and kind in the event log, and checks the row's flag timestamps against them. `now`
 * decides what is due: the clock the flagging side runs on (the test's, or the machine's for worker processes).
 */
export async function flagTally(db: DataSource, ids: string[], now: Date): Promise<FlagTally> {
  const [row] = await db.query(
    `WITH due AS (
       SELECT d.id, k.type, k.flagged_at FROM dossier d
       CROSS JOIN LATERAL (VALUES ${KINDS_SQL}) k(type, deadline, flagged_at)
       WHERE d.id = ANY($1::uuid[]) AND d.status = 'processing' AND k.deadline <= $2
     ), counted AS (
       SELECT due.id, due.flagged_at, count(e.seq)::int AS n, min(e.at) AS first_at
       FROM due LEFT JOIN dossier_event e ON e.dossier_id = due.id AND e.type = due.type
       GROUP BY due.id, due.type, due.flagged_at
     )
     SELECT count(*)::int AS due, count(*) FILTER (WHERE n > 0)::int AS flagged, count(*) FILTER (WHERE n = 0)::int AS lost,
            coalesce(sum(n - 1) FILTER (WHERE n > 1), 0)::int AS duplicates,
            count(DISTINCT id) FILTER (WHERE n > 0 AND flagged_at IS DISTINCT FROM first_at)::int AS "rowMismatches"
     FROM counted`,
    [ids, now],
  );
  return row;
}
