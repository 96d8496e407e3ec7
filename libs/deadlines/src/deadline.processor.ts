import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { DEADLINE_JOB, DEADLINE_QUEUE, type DeadlineJobData, type DeadlineJobName, RECONCILE_JOB } from './deadline.job';
import { DEADLINE_FLAGGER, type DeadlineFlagger } from './deadline-flagger';
import { DeadlineReconciler } from './deadline-reconciler.service';

type DeadlineQueueJob = Job<DeadlineJobData, unknown, DeadlineJobName>;

/** Thin: each job name maps to exactly one service call (the record type makes a missing handler a compile error). */
@Processor(DEADLINE_QUEUE)
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: Record<DeadlineJobName, (job: DeadlineQueueJob, token?: string) => Promise<unknown>> = {
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
  };

  constructor(
    @Inject(DEADLINE_FLAGGER) private readonly flagger: DeadlineFlagger,
    private readonly reconciler: DeadlineReconciler,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.timers.concurrency;
  }

  process(job: DeadlineQueueJob, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name];
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job, token);
  }
}
