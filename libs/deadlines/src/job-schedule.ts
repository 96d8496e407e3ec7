import type { Logger } from '@nestjs/common';
import type { JobSchedulerTemplateOptions, Queue } from 'bullmq';

/** One scheduled job a worker keeps in its queue (the reconciliation, the file sweep, the forms sweep). */
export interface ScheduledJob {
  id: string;
  every: number;
  name: string;
  opts?: JobSchedulerTemplateOptions;
  /** First run one interval after the schedule is created, not at once (a sweep of leftovers has none to find at start). */
  delayFirst?: boolean;
}

/**
 * Puts the job scheduler in the queue now and, since Redis may lose everything the schedule included, checks every
 * `checkEveryMs` that it is still there (one scheduler id: however many workers start, the job runs once per interval).
 * Returns what stops the checks.
 */
export async function keepScheduled(queue: Queue, job: ScheduledJob, checkEveryMs: number, logger: Logger): Promise<() => void> {
  const ensure = async () => {
    if (await queue.getJobScheduler(job.id)) return;
    const startDate = job.delayFirst ? new Date(Date.now() + job.every) : undefined;
    await queue.upsertJobScheduler(job.id, { every: job.every, startDate }, { name: job.name, data: {}, opts: job.opts });
  };
  await ensure();
  const timer = setInterval(() => void ensure().catch((e: Error) => logger.warn(`schedule check failed: ${e.message}`)), checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
