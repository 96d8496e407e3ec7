import { InjectQueue } from '@nestjs/bullmq';
import { Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { keepScheduled } from '@app/deadlines';
import { DossiersModule } from '@app/dossiers';
import { FormsModule } from './forms.module';
import { FORMS_QUEUE, FORMS_SWEEP_JOB, FORMS_SWEEP_SCHEDULER_ID } from './issued-forms';
import { IssuedFormsProcessor } from './issued-forms.processor';
import { IssuedFormsService } from './issued-forms.service';

/** Every five minutes: an issuing event whose job was lost has its form filed within that. */
const SWEEP_EVERY_MS = 5 * 60_000;

/** What a worker runs for issued forms: the filing jobs and their sweep. Needs the FileStorage of FilesModule. */
@Module({
  imports: [FormsModule, DossiersModule],
  providers: [IssuedFormsService, IssuedFormsProcessor],
  exports: [IssuedFormsService],
})
export class IssuedFormsWorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IssuedForms');
  private stopSchedule: (() => void) | null = null;

  constructor(
    @InjectQueue(FORMS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Finished runs are not kept beyond a few: the schedule runs forever.
    const job = { id: FORMS_SWEEP_SCHEDULER_ID, every: SWEEP_EVERY_MS, name: FORMS_SWEEP_JOB, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } }, delayFirst: true };
    this.stopSchedule = await keepScheduled(this.queue, job, this.config.timers.reconcileIntervalMs, this.logger);
  }

  onApplicationShutdown(): void {
    this.stopSchedule?.();
  }
}
