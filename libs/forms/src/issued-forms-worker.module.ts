import { InjectQueue } from '@nestjs/bullmq';
import { Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
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
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(FORMS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedule();
    // Redis may lose everything, the schedule included: every worker puts it back if it is gone.
    this.watchdog = setInterval(() => void this.ensureSchedule().catch((e: Error) => this.logger.warn(`schedule check failed: ${e.message}`)), this.config.timers.reconcileIntervalMs);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async ensureSchedule(): Promise<void> {
    if (await this.queue.getJobScheduler(FORMS_SWEEP_SCHEDULER_ID)) return;
    await this.queue.upsertJobScheduler(FORMS_SWEEP_SCHEDULER_ID, { every: SWEEP_EVERY_MS }, { name: FORMS_SWEEP_JOB, data: {}, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } });
  }
}
