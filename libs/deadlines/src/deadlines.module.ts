import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { DEADLINE_QUEUE } from './deadline.job';
import { DeadlineScheduler } from './deadline-scheduler.service';
import type { QueueConnection } from './queue-backend';

/** The deadline queue on the chosen backend (see prepareQueueBackend), and the scheduler that arms it. */
@Global()
@Module({})
export class DeadlinesModule {
  static forRoot(config: AppConfig, connection: QueueConnection): DynamicModule {
    return {
      module: DeadlinesModule,
      imports: [
        // The PostgreSQL backend takes a connection string where Redis takes options.
        BullModule.forRoot({ connection: connection as never, prefix: config.timers.queuePrefix }),
        BullModule.registerQueue({ name: DEADLINE_QUEUE }),
      ],
      providers: [DeadlineScheduler],
      exports: [DeadlineScheduler, BullModule],
    };
  }
}
