import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { FILE_SWEEP_JOB, FILE_SWEEP_QUEUE } from './file-sweep.job';
import { FileOrphanSweeper, type SweptFiles } from './file-orphan-sweeper.service';

/** Thin: the scheduled job runs the sweep. */
@Processor(FILE_SWEEP_QUEUE)
export class FileSweepProcessor extends WorkerHost {
  constructor(private readonly sweeper: FileOrphanSweeper) {
    super();
  }

  process(job: Job): Promise<SweptFiles> {
    if (job.name !== FILE_SWEEP_JOB) throw new Error(`No handler for job ${job.name}`);
    return this.sweeper.sweep();
  }
}
