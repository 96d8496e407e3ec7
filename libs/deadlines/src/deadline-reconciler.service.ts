import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEADLINE_KINDS, type DeadlineKind } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { DEADLINE_FLAGGER, type DeadlineFlagger } from './deadline-flagger';
import { DEADLINE_RECOMPUTER, type DeadlineRecomputer } from './deadline-recomputer';
import { DEADLINE_TABLE } from './deadline-kinds';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { pendingTimers, type TimerBasis, timerBasisSql } from './deadline-timers';

const BATCH = 500;
// A sweep flags in transactions of FLAG_BATCH rows, FLAG_LANES at a time: a lost Redis's backlog drains quickly and
// the jobs keep connections of the pool.
const FLAG_BATCH = 50;
const FLAG_LANES = 2;
type Reconciled = { flagged: number; armed: number; recomputed: number };
/** A deadline of some kind inside the horizon ($2) and not flagged yet. */
const NEAR_SQL = DEADLINE_KINDS.map((k) => `(d.${DEADLINE_TABLE[k].flagColumn} IS NULL AND d.${DEADLINE_TABLE[k].column} <= $2)`).join(' OR ');

/**
 * The database alone is enough to rebuild every timer: finish the recomputations of deadlines a crash interrupted, flag
 * whatever passed without its flag (a lost job, an emptied Redis), then arm the jobs of every deadline inside the horizon
 * (duplicates are ignored by job id).
 */
@Injectable()
export class DeadlineReconciler {
  private readonly logger = new Logger(DeadlineReconciler.name);
  private running: Promise<Reconciled> | null = null;
  private queued: Promise<Reconciled> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DEADLINE_FLAGGER) private readonly flagger: DeadlineFlagger,
    private readonly scheduler: DeadlineScheduler,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(DEADLINE_RECOMPUTER) private readonly recomputer: DeadlineRecomputer,
  ) {}

  /**
   * One sweep at a time per process: the schedule fires every interval even while a long sweep (a large backlog) runs, and
   * overlapping sweeps would walk the same rows and take the pool's connections from the jobs. A call during a sweep
   * gets the one sweep that starts after it, shared with every other caller that arrived meanwhile.
   */
  reconcile(): Promise<Reconciled> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<Reconciled> {
    const run = this.sweep().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async sweep(): Promise<Reconciled> {
    // First: a deadline a calendar change moved must not be flagged at its old time.
    const recomputed = await this.recomputer.resumeUnfinished().catch((e: Error) => {
      this.logger.warn(`resuming recomputations of deadlines failed (the next reconciliation retries): ${e.message}`);
      return 0;
    });
    const now = this.clock.now();
    let flagged = 0;
    for (const kind of DEADLINE_KINDS) flagged += await this.flagPassed(kind, now);
    const armed = await this.armNear(new Date(now.getTime() + this.config.timers.horizonMs));
    if (flagged > 0) this.logger.log(`reconciliation flagged ${flagged} deadline(s) that no job had flagged`);
    if (recomputed > 0) this.logger.log(`reconciliation finished interrupted recomputations: ${recomputed} dossier(s)' deadlines moved`);
    return { flagged, armed, recomputed };
  }

  private async flagPassed(kind: DeadlineKind, now: Date): Promise<number> {
    const { column: deadline, flagColumn: flag } = DEADLINE_TABLE[kind];
    let flagged = 0;
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: { id: string; at: Date }[] = await this.dataSource.query(
        `SELECT id, ${deadline} AS at FROM dossier
         WHERE status = 'processing' AND ${flag} IS NULL AND ${deadline} <= $1
           AND ($2::timestamptz IS NULL OR (${deadline}, id) > ($2, $3::uuid))
         ORDER BY ${deadline}, id LIMIT ${BATCH}`,
        [now, after?.at ?? null, after?.id ?? null],
      );
      let next = 0;
      const lane = async () => {
        while (next < rows.length) {
          const batch = rows.slice(next, (next += FLAG_BATCH));
          // Not `flagged += await …`: that reads flagged before the wait and drops the other lane's count.
          const n = await this.flagger.flagPassed(kind, batch.map((r) => r.id));
          flagged += n;
        }
      };
      // Both lanes end before the sweep does, even when one fails: the next sweep must not overlap this one.
      const lanes = await Promise.allSettled(Array.from({ length: FLAG_LANES }, lane));
      const failed = lanes.find((l) => l.status === 'rejected');
      if (failed) throw failed.reason;
      if (rows.length < BATCH) return flagged;
      after = rows[rows.length - 1];
    }
  }

  private async armNear(horizon: Date): Promise<number> {
    let armed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: TimerBasis[] = await this.dataSource.query(
        `SELECT ${timerBasisSql('d')} FROM dossier d
         WHERE d.status = 'processing' AND d.id > $1 AND (${NEAR_SQL})
         ORDER BY d.id LIMIT ${BATCH * 2}`,
        [after, horizon],
      );
      if (rows.length === 0) return armed;
      await this.scheduler.arm(rows.map(pendingTimers));
      armed += rows.length;
      after = rows[rows.length - 1].id;
    }
  }
}
