import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { FILE_FORMS_JOB, FORMS_QUEUE, FORMS_SWEEP_JOB } from './issued-forms';
import { IssuedFormsService } from './issued-forms.service';

/** Thin: each job name is one service call. */
@Processor(FORMS_QUEUE)
export class IssuedFormsProcessor extends WorkerHost {
  constructor(private readonly issued: IssuedFormsService) {
    super();
  }

  process(job: Job<{ dossierId?: string }>): Promise<number> {
    if (job.name === FILE_FORMS_JOB && job.data.dossierId) return this.issued.fileMissing(job.data.dossierId);
    if (job.name === FORMS_SWEEP_JOB) return this.issued.sweep();
    throw new Error(`No handler for job ${job.name}`);
  }
}
