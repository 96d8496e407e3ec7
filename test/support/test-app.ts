import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { DEMO_AGENCY } from '@app/agencies';
import { Clock, FixedClock, loadConfig } from '@app/config';
import { migrateDatabase } from '@app/database';
import { prepareQueueBackend } from '@app/deadlines';
import { ApiModule, setupApi } from '../../apps/api/src';
import { contractOf, type OpenApiContract } from './openapi-contract';
import { deleteKeys, TEST_REDIS_URL } from './redis-server';
import { createTestDatabase } from './test-database';

export { TEST_REDIS_URL };
export const TEST_JWT_SECRET = 'test-secret-0123456789-0123456789-0123456789';

export interface TestApp {
  app: INestApplication;
  /** Requests signed in as the officer their X-Actor-* headers describe (default: an administrator); see actingAgent. */
  http: TestAgent;
  /** Plain requests: no token unless the test sets one. */
  raw: TestAgent;
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
  /** Share this database with another app of the test (two API processes) instead of a fresh one; the other drops it. */
  databaseUrl?: string;
}

/**
 * The real API on a fresh database of the machine's PostgreSQL and its own queue prefix, seeded with the demo
 * data, with a clock the test moves.
 */
export async function startTestApp(opts: TestAppOptions | string = {}): Promise<TestApp> {
  const o = typeof opts === 'string' ? { now: opts } : opts;
  const db = o.databaseUrl ? { url: o.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  // Apps that share a QUEUE_PREFIX of the test's (o.env) clean up that one: it holds their queue and rate-limit keys.
  const queuePrefix = o.env?.QUEUE_PREFIX ?? `test-${randomBytes(5).toString('hex')}`;
  let app: INestApplication | undefined;
  let redisUrl: string | null | undefined;
  // Each step runs even when the one before it fails: a failed test leaves no database and no Redis key behind.
  const close = async () => {
    try {
      await app?.close();
    } finally {
      try {
        await db.drop();
      } finally {
        if (redisUrl) await deleteKeys(redisUrl, `${queuePrefix}:*`);
      }
    }
  };
  try {
    const config = loadConfig({
      DATABASE_URL: db.url,
      ...(o.queueBackend === 'postgres' ? {} : { REDIS_URL: TEST_REDIS_URL }),
      QUEUE_PREFIX: queuePrefix,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'error',
      DATABASE_POOL_SIZE: '12',
      JWT_SECRET: TEST_JWT_SECRET,
      ...o.env,
    });
    redisUrl = config.redis.url;
    const clock = new FixedClock(new Date(o.now ?? '2026-11-23T09:00:00+07:00'));
    await migrateDatabase(db.url);
    const queue = await prepareQueueBackend(config, db.url);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config, { databaseUrl: db.url, queue, withWorker: o.withWorker ?? false })] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
    await setupApi(app, config);
    return { app, http: actingAgent(app), raw: checkedAgent(app), clock, databaseUrl: db.url, queuePrefix, close };
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}

interface HeaderedRequest {
  header: Record<string, string>;
  set(field: string, value: string): unknown;
  unset(field: string): unknown;
  end(cb?: (err: unknown, res: unknown) => void): unknown;
}

/**
 * Tests describe the acting officer with X-Actor-Roles / X-Actor-Username / X-Actor-Agency headers; this agent turns them
 * into a real account and a real signed token before the request leaves, so every request goes through the product's
 * authentication. Requests with an Authorization header of their own, or X-Test-Anonymous, are sent as they are.
 */
export function actingAgent(app: INestApplication): TestAgent {
  const agent = request(app.getHttpServer());
  // One account per username, switched to the roles and agency a request names (tests use one at a time per name).
  const accounts = new Map<string, { key: string; token: Promise<string> }>();
  const tokenFor = (roles: string, username: string, agencyCode: string | null): Promise<string> => {
    const key = `${roles}|${agencyCode}`;
    const current = accounts.get(username);
    if (current?.key === key) return current.token;
    const token = provision(app, roles, username, agencyCode);
    accounts.set(username, { key, token });
    return token;
  };
  const wrap = (method: 'get' | 'post' | 'put' | 'patch' | 'delete') => (url: string) => {
    const req = checkedRequest(app, agent[method](url) as unknown as HeaderedRequest, method, url);
    const end = req.end.bind(req);
    req.end = (cb) => {
      const h = Object.fromEntries(Object.entries(req.header).map(([k, v]) => [k.toLowerCase(), v]));
      for (const name of ['x-actor-roles', 'x-actor-username', 'x-actor-agency', 'x-actor-id', 'x-test-anonymous']) req.unset(name);
      if (h.authorization || h['x-test-anonymous']) return end(cb);
      const roles = h['x-actor-roles'] ?? 'admin';
      // An officer named without an agency works in the demo agency; an administrator has none.
      const agency = h['x-actor-agency'] ?? (roles === 'admin' ? null : DEMO_AGENCY);
      tokenFor(roles, h['x-actor-username'] ?? `${roles.replace(/,/g, '-')}-${agency ?? 'all'}`.toLowerCase(), agency).then(
        (token) => {
          req.set('Authorization', `Bearer ${token}`);
          end(cb);
        },
        (e) => cb?.(e, undefined),
      );
      return req;
    };
    return req;
  };
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') } as unknown as TestAgent;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every answer is checked against the OpenAPI document (the contract test): one it does not describe fails the request. */
function checkedRequest(app: INestApplication, req: HeaderedRequest, method: Method, url: string): HeaderedRequest {
  const end = req.end.bind(req);
  req.end = (cb) =>
    end((err, res) => {
      const problem = !err && res ? contractOf(app).check(method, url, res as Parameters<OpenApiContract['check']>[2]) : null;
      cb?.(problem ? new Error(`OpenAPI contract: ${problem}`) : err, res);
    });
  return req;
}

/** Plain requests (no token unless the test sets one), checked against the document as well. */
function checkedAgent(app: INestApplication): TestAgent {
  const agent = request(app.getHttpServer());
  const wrap = (method: Method) => (url: string) => checkedRequest(app, agent[method](url) as unknown as HeaderedRequest, method, url);
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') } as unknown as TestAgent;
}

/** 2100-01-01: the harness's tokens outlive any test clock. */
const NEVER = 4_102_444_800;

async function provision(app: INestApplication, roles: string, username: string, agencyCode: string | null): Promise<string> {
  const db = app.get<DataSource>(getDataSourceToken());
  const name = username.replace(/[^a-z0-9._-]/gi, '-').toLowerCase().slice(0, 100);
  const [row] = await db.query(
    `INSERT INTO app_user (username, full_name, password_hash, roles, agency_code) VALUES ($1, $4, 'x', $2, $3)
     ON CONFLICT (username) DO UPDATE SET roles = EXCLUDED.roles, agency_code = EXCLUDED.agency_code RETURNING id, token_version`,
    [name, roles.split(',').map((r) => r.trim()), agencyCode, username],
  );
  // A session of its own that never expires and the account's current version, as a login would give it.
  const startedAt = Math.floor(app.get(Clock).now().getTime() / 1000);
  return app.get(JwtService, { strict: false }).sign({ sub: row.id, username: name, sid: randomUUID(), ver: row.token_version, auth_time: startedAt, exp: NEVER });
}
