export * from './deadline.job';
export { DEADLINE_TABLE, type FlagEventType, kindOfFlagEvent } from './deadline-kinds';
export { DEADLINE_FLAGGER, type DeadlineFlagger } from './deadline-flagger';
export { DeadlineReconciler } from './deadline-reconciler.service';
export { DeadlineScheduler } from './deadline-scheduler.service';
export { movedTimers, pendingTimers, type TimerBasis } from './deadline-timers';
export { DeadlineWorkerModule } from './deadline-worker.module';
export { DeadlinesModule } from './deadlines.module';
export { prepareQueueBackend, type QueueConnection } from './queue-backend';
