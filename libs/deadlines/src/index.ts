export * from './deadline.job';
export { DeadlineScheduler } from './deadline-scheduler.service';
export { DeadlinesModule } from './deadlines.module';
export { prepareQueueBackend, type QueueConnection } from './queue-backend';
