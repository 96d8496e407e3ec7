import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { DEADLINE_JOB, DEADLINE_QUEUE, type DeadlineJobName, type DeadlineQueueJobs, RECOMPUTE_JOB, RECONCILE_JOB } from './deadline.job';
import { DEADLINE_FLAGGER, type DeadlineFlagger } from './deadline-flagger';
import { DEADLINE_RECOMPUTER, type DeadlineRecomputer } from './deadline-recomputer';
import { DeadlineReconciler } from './deadline-reconciler.service';

type DeadlineQueueJob<N extends DeadlineJobName = DeadlineJobName> = Job<DeadlineQueueJobs[N], unknown, N>;
type Handlers = { [N in DeadlineJobName]: (job: DeadlineQueueJob<N>, token?: string) => Promise<unknown> };

/** Thin: each job name maps to exactly one service call (the record type makes a missing handler a compile error). */
@Processor(DEADLINE_QUEUE)
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: Handlers = {
    [DEADLINE_JOB]: async (job, token) => {
      const result = await this.flagger.flag(job.data);
      // Woken before its deadline (clock skew between hosts): sleep again until it.
      if (result === 'early' && token) {
        await job.moveToDelayed(job.data.at, token);
        throw new DelayedError();
      }
      return result;
    },
    [RECONCILE_JOB]: () => this.reconciler.reconcile(),
    [RECOMPUTE_JOB]: (job) => this.recomputer.resume(job.data.recomputeId),
  };

  constructor(
    @Inject(DEADLINE_FLAGGER) private readonly flagger: DeadlineFlagger,
    private readonly reconciler: DeadlineReconciler,
    @Inject(DEADLINE_RECOMPUTER) private readonly recomputer: DeadlineRecomputer,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.timers.concurrency;
  }

  process(job: DeadlineQueueJob, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name] as (job: DeadlineQueueJob, token?: string) => Promise<unknown>;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job, token);
  }
}
