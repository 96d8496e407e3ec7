import { getStorageToken } from '@nestjs/throttler';
import { randomBytes } from 'node:crypto';
import { SharedThrottlerStorage } from '../apps/api/src/shared-throttler-storage.service';
import { freePort } from './support/redis-server';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const LOOKUP = '/api/v1/public/dossiers/H12.01-000000-0000';

/** Until the app's rate-limit storage has connected to Redis: before that it counts in memory, per process. */
async function sharedCounts(t: TestApp): Promise<void> {
  const storage = t.app.get<SharedThrottlerStorage>(getStorageToken());
  await waitFor(async () => storage.shared, 5_000, 'the rate limits to be counted in Redis');
}

/** Scaled out, the API processes share one rate limit (in Redis) instead of each granting the full limit. */
describe('rate limits across API processes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { PUBLIC_RATE_LIMIT_PER_MINUTE: '4', LOGIN_RATE_LIMIT_PER_MINUTE: '3', QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}` };
    [a, b] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
    await Promise.all([sharedCounts(a), sharedCounts(b)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts the public lookups sent to two processes against one limit, and both refuse past it', async () => {
    const statuses: number[] = [];
    for (const t of [a, b, a, b]) statuses.push((await t.raw.get(LOOKUP)).status);
    expect(statuses).toEqual([404, 404, 404, 404]);
    const refused = await a.raw.get(LOOKUP);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The other process knows the caller is blocked, although it answered only two of the five.
    expect((await b.raw.get(LOOKUP)).status).toBe(429);
    // Without TRUST_PROXY a client cannot pose as another one with a header of its own.
    expect((await b.raw.get(LOOKUP).set('X-Forwarded-For', '203.0.113.9')).status).toBe(429);
  });

  it('limits password guessing by LOGIN_RATE_LIMIT_PER_MINUTE across processes, apart from the lookups', async () => {
    const guess = (t: TestApp) => t.raw.post('/api/v1/auth/login').send({ username: 'reception', password: 'doan-mo' });
    const statuses: number[] = [];
    for (const t of [a, b, a]) statuses.push((await guess(t)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await guess(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits: the limit is on tries per address, not on wrong ones.
    expect((await a.raw.post('/api/v1/auth/login').send({ username: 'reception', password: 'demo' })).status).toBe(429);
  });

  it('counts in memory, per process, while Redis is unreachable: still a limit, never an error', async () => {
    const storage = new SharedThrottlerStorage(`redis://127.0.0.1:${await freePort()}`, 'test-unreachable');
    try {
      const records = [];
      for (let i = 0; i < 4; i++) records.push(await storage.increment('caller', 60_000, 3, 60_000, 'default'));
      expect(storage.shared).toBe(false);
      expect(records.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
      expect(records[3].timeToBlockExpire).toBeGreaterThan(0);
    } finally {
      storage.onApplicationShutdown();
    }
  });
});

/** Behind a reverse proxy every request comes from the proxy: TRUST_PROXY makes the limit count each real client. */
describe('rate limits behind a reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } });
    await sharedCounts(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits each forwarded client address on its own', async () => {
    const from = async (address: string) => (await t.raw.get(LOOKUP).set('X-Forwarded-For', address)).status;
    expect([await from('203.0.113.1'), await from('203.0.113.1'), await from('203.0.113.1')]).toEqual([404, 404, 429]);
    expect(await from('203.0.113.2')).toBe(404);
  });
});
