import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { FileOrphanSweeper } from './file-orphan-sweeper.service';
import { FILE_SWEEP_JOB, FILE_SWEEP_QUEUE, FILE_SWEEP_SCHEDULER_ID } from './file-sweep.job';
import { FileSweepProcessor } from './file-sweep.processor';

/**
 * What a worker runs for dossier files: the orphan sweep, every FILE_ORPHAN_GRACE_MINUTES (an orphan lives at most twice
 * the grace period). Needs the FileStorage of FilesModule.
 */
@Module({
  imports: [BullModule.registerQueue({ name: FILE_SWEEP_QUEUE })],
  providers: [FileOrphanSweeper, FileSweepProcessor],
  exports: [FileOrphanSweeper],
})
export class FileSweepWorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FileSweep');
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(FILE_SWEEP_QUEUE) private readonly queue: Queue,
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
    if (await this.queue.getJobScheduler(FILE_SWEEP_SCHEDULER_ID)) return;
    // Finished runs are not kept beyond a few: the schedule runs forever.
    await this.queue.upsertJobScheduler(
      FILE_SWEEP_SCHEDULER_ID,
      { every: this.config.files.orphanGraceMs },
      { name: FILE_SWEEP_JOB, data: {}, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } },
    );
  }
}
