import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { Clock, FixedClock, loadConfig } from '@app/config';
import { ApiModule, setupApi } from '../../apps/api/src';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  clock: FixedClock;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The real API on a fresh database of the machine's PostgreSQL, seeded with the demo data, with a clock the test moves. */
export async function startTestApp(now = '2026-11-23T09:00:00+07:00'): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, SEED_DEMO: 'true', LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '30' });
  const clock = new FixedClock(new Date(now));
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config, db.url)] })
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
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
