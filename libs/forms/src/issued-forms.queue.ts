import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { FILE_FORMS_JOB, FORMS_QUEUE, ISSUING_EVENTS } from './issued-forms';

/** The API's side: after an issuing event commits, asks the workers to file its form. */
@Injectable()
export class IssuedFormsQueue {
  private readonly logger = new Logger('IssuedForms');

  constructor(@InjectQueue(FORMS_QUEUE) private readonly queue: Queue) {}

  /** Never fails the request: the event is committed, and the sweep files what a lost job did not. */
  async afterEvent(dossierId: string, eventType: string): Promise<void> {
    if (!ISSUING_EVENTS[eventType]) return;
    try {
      // One waiting job per dossier: it files every form missing when it runs.
      await this.queue.add(FILE_FORMS_JOB, { dossierId }, { jobId: `file-forms-${dossierId}`, removeOnComplete: true, removeOnFail: 100, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } });
    } catch (e) {
      this.logger.warn(`queueing the forms of dossier ${dossierId} failed (the sweep will file them): ${(e as Error).message}`);
    }
  }
}
