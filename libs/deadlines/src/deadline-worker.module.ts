import { InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { DEADLINE_QUEUE, RECONCILE_JOB, RECONCILE_SCHEDULER_ID } from './deadline.job';
import { DEADLINE_FLAGGER, type DeadlineFlagger } from './deadline-flagger';
import { DEADLINE_RECOMPUTER, type DeadlineRecomputer } from './deadline-recomputer';
import { DeadlineReconciler } from './deadline-reconciler.service';
import { DeadlineProcessor } from './deadline.processor';
import { keepScheduled } from './job-schedule';

/** What a worker process runs: the deadline processor and the scheduled reconciliation. */
@Module({})
export class DeadlineWorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  /**
   * `flagger` sets the flags (the dossiers lib's transition service), `recomputer` finishes recomputations of deadlines
   * (its recomputation service), both provided by `module`.
   */
  static register(module: Type | DynamicModule, flagger: Type<DeadlineFlagger>, recomputer: Type<DeadlineRecomputer>): DynamicModule {
    return {
      module: DeadlineWorkerModule,
      imports: [module],
      providers: [
        DeadlineProcessor,
        DeadlineReconciler,
        { provide: DEADLINE_FLAGGER, useExisting: flagger },
        { provide: DEADLINE_RECOMPUTER, useExisting: recomputer },
      ],
      exports: [DeadlineReconciler],
    };
  }

  private readonly logger = new Logger('DeadlineWorker');
  private stopSchedule: (() => void) | null = null;

  constructor(
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue,
    private readonly reconciler: DeadlineReconciler,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopSchedule = await keepScheduled(this.queue, { id: RECONCILE_SCHEDULER_ID, every: this.config.timers.reconcileIntervalMs, name: RECONCILE_JOB }, this.config.timers.reconcileIntervalMs, this.logger);
    // Not awaited: with a large backlog the sweep takes long, the jobs are already being processed, and a failure here
    // must not stop the worker (the scheduled sweep runs again within the interval).
    void this.reconciler.reconcile().then(
      ({ flagged, armed, recomputed }) => this.logger.log(`start-up reconciliation flagged ${flagged}, armed ${armed}, recomputed ${recomputed}`),
      (e: Error) => this.logger.warn(`start-up reconciliation failed (the scheduled one will retry): ${e.message}`),
    );
    this.logger.log('Deadline worker ready');
  }

  onApplicationShutdown(): void {
    this.stopSchedule?.();
  }
}
