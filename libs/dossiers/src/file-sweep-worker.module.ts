import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { keepScheduled } from '@app/deadlines';
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
  private stopSchedule: (() => void) | null = null;

  constructor(
    @InjectQueue(FILE_SWEEP_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Finished runs are not kept beyond a few: the schedule runs forever.
    const job = { id: FILE_SWEEP_SCHEDULER_ID, every: this.config.files.orphanGraceMs, name: FILE_SWEEP_JOB, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } }, delayFirst: true };
    this.stopSchedule = await keepScheduled(this.queue, job, this.config.timers.reconcileIntervalMs, this.logger);
  }

  onApplicationShutdown(): void {
    this.stopSchedule?.();
  }
}
