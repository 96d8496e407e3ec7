import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { Clock, FixedClock, loadConfig } from '@app/config';
import { migrateDatabase } from '@app/database';
import { prepareQueueBackend } from '@app/deadlines';
import { ApiModule, setupApi } from '../../apps/api/src';
import { createTestDatabase } from './test-database';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  clock: FixedClock;
  databaseUrl: string;
  queuePrefix: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  /** Run the deadline worker in the same process (as `npm start` does). */
  withWorker?: boolean;
  /** Queues on Redis (default) or on the test database (BullMQ's PostgreSQL backend). */
  queueBackend?: 'redis' | 'postgres';
  env?: Record<string, string>;
}

/**
 * The real API on a fresh database of the machine's PostgreSQL and its own queue prefix, seeded with the demo
 * data, with a clock the test moves.
 */
export async function startTestApp(opts: TestAppOptions | string = {}): Promise<TestApp> {
  const o = typeof opts === 'string' ? { now: opts } : opts;
  const db = await createTestDatabase();
  const queuePrefix = `test-${randomBytes(5).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: db.url,
    ...(o.queueBackend === 'postgres' ? {} : { REDIS_URL: TEST_REDIS_URL }),
    QUEUE_PREFIX: queuePrefix,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '30',
    ...o.env,
  });
  const clock = new FixedClock(new Date(o.now ?? '2026-11-23T09:00:00+07:00'));
  await migrateDatabase(db.url);
  const queue = await prepareQueueBackend(config, db.url);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config, { databaseUrl: db.url, queue, withWorker: o.withWorker ?? false })] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  await setupApi(app, config);
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    databaseUrl: db.url,
    queuePrefix,
    async close() {
      await app.close();
      await db.drop();
      if (config.redis.url) await deleteKeys(config.redis.url, `${queuePrefix}:*`);
    },
  };
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
