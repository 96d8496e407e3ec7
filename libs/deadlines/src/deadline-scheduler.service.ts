import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { DEADLINE_KINDS } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import {
  DEADLINE_JOB,
  DEADLINE_QUEUE,
  type DeadlineJobData,
  type DossierTimers,
  deadlineJobId,
  RECOMPUTE_JOB,
  type RecomputeJobData,
  recomputeJobId,
} from './deadline.job';

const JOB_OPTIONS: JobsOptions = {
  // Completed wake-ups carry no information; keep Redis small.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
};

const RECOMPUTE_OPTIONS: JobsOptions = {
  // Gone once finished or given up: handing the same recomputation over again must add a job, not hit a kept one.
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
};

/** Arms and cancels the wake-up jobs of dossiers' deadlines, and hands recomputations of them to the workers. */
@Injectable()
export class DeadlineScheduler {
  private readonly logger = new Logger(DeadlineScheduler.name);

  constructor(
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue<DeadlineJobData>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Arms every deadline inside the horizon and removes the previous jobs of deadlines that moved. */
  async arm(next: DossierTimers[], previous: DossierTimers[] = []): Promise<void> {
    const now = this.clock.now().getTime();
    const horizon = now + this.config.timers.horizonMs;
    const wanted = new Set<string>();
    const jobs: { name: typeof DEADLINE_JOB; data: DeadlineJobData; opts: JobsOptions }[] = [];
    for (const timers of next) {
      for (const kind of DEADLINE_KINDS) {
        const at = timers[kind]?.getTime();
        if (at === undefined || at > horizon) continue;
        const data = { dossierId: timers.dossierId, kind, at };
        const jobId = deadlineJobId(data);
        wanted.add(jobId);
        jobs.push({ name: DEADLINE_JOB, data, opts: { ...JOB_OPTIONS, jobId, delay: Math.max(0, at - now) } });
      }
    }
    const stale = previous.flatMap((timers) =>
      DEADLINE_KINDS.flatMap((kind) => {
        const at = timers[kind]?.getTime();
        const jobId = at === undefined ? null : deadlineJobId({ dossierId: timers.dossierId, kind, at });
        return jobId && !wanted.has(jobId) ? [jobId] : [];
      }),
    );
    await Promise.all(stale.map((id) => this.queue.remove(id)));
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  /** After a commit: a failure loses nothing, the reconciliation re-arms from the database. */
  async armAfterCommit(next: DossierTimers[], previous: DossierTimers[] = []): Promise<void> {
    try {
      await this.arm(next, previous);
    } catch (e) {
      this.logger.warn(`arming timers failed (the reconciliation will re-arm them): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Hands a recomputation of open deadlines to the workers; a failure loses nothing, the reconciliation finishes it. */
  async startRecompute(recomputeId: string): Promise<void> {
    try {
      // The same queue carries both payloads (deadline.job.ts); it is typed for the wake-ups, by far the most.
      const queue = this.queue as unknown as Queue<RecomputeJobData>;
      await queue.add(RECOMPUTE_JOB, { recomputeId }, { ...RECOMPUTE_OPTIONS, jobId: recomputeJobId({ recomputeId }) });
    } catch (e) {
      this.logger.warn(`queueing recomputation ${recomputeId} failed (the reconciliation will finish it): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The latest deadline that may have a job: arming (here and in the reconciliation) stops at the horizon. */
  armedUntil(): number {
    return this.clock.now().getTime() + this.config.timers.horizonMs;
  }
}
