import { randomBytes } from 'node:crypto';
import { LoginLockoutService } from '@app/auth';
import { AppConfig, FixedClock, loadConfig } from '@app/config';
import { freePort } from './support/redis-server';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const PASSWORD = 'tram-xang-bay-lua-doi-mau-42';
const NEW_PASSWORD = 'con-thuyen-giay-troi-ve-bien-97';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function login(t: TestApp, username: string, password = PASSWORD): Promise<{ accessToken: string; expiresIn: number; user: { id: string } }> {
  const res = await t.raw.post('/api/v1/auth/login').send({ username, password });
  expect([res.status, res.body.error]).toEqual([200, undefined]);
  return res.body;
}

/** Whether a token is still accepted: 200, or the 401 of a refused one. */
async function works(t: TestApp, token: string): Promise<boolean> {
  const res = await t.raw.get('/api/v1/dossiers?limit=1').set(bearer(token));
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status}: ${res.text}`);
  return res.status === 200;
}

async function createOfficer(t: TestApp, username: string): Promise<string> {
  const res = await t.http.post('/api/v1/users').send({ username, fullName: `Cán bộ ${username}`, password: PASSWORD, roles: ['specialist'], agencyCode: 'H12.01' });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('sessions: tokens that end at once, logout, own password change, refresh and idle timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '100000', JWT_TTL_MINUTES: '30', SESSION_MAX_HOURS: '12' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a password set by an administrator', () => ({ password: 'mot-mat-khau-moi-rat-dai-15' })],
    ['a role change', () => ({ roles: ['leader'] })],
    ['an agency change', () => ({ agencyCode: 'H12.02' })],
  ])('%s ends the account’s tokens at once', async (_case, change) => {
    const username = `sv.${randomBytes(3).toString('hex')}`;
    const id = await createOfficer(t, username);
    const { accessToken } = await login(t, username);
    expect(await works(t, accessToken)).toBe(true);
    await t.http.patch(`/api/v1/users/${id}`).send(change()).expect(200);
    expect(await works(t, accessToken)).toBe(false);
  });

  it('a deactivated then reactivated account does not bring its old tokens back', async () => {
    const id = await createOfficer(t, 'sv.reactivated');
    const { accessToken } = await login(t, 'sv.reactivated');
    await t.http.patch(`/api/v1/users/${id}`).send({ active: false }).expect(200);
    expect(await works(t, accessToken)).toBe(false);
    await t.http.patch(`/api/v1/users/${id}`).send({ active: true }).expect(200);
    expect(await works(t, accessToken)).toBe(false);
    expect(await works(t, (await login(t, 'sv.reactivated')).accessToken)).toBe(true);
  });

  it('a change of the full name, or the same roles sent again, keeps the tokens', async () => {
    const id = await createOfficer(t, 'sv.renamed');
    const { accessToken } = await login(t, 'sv.renamed');
    await t.http.patch(`/api/v1/users/${id}`).send({ fullName: 'Tên mới', roles: ['specialist'], agencyCode: 'H12.01', active: true }).expect(200);
    expect(await works(t, accessToken)).toBe(true);
  });

  it('logout ends this session’s tokens (refreshed ones too) and leaves the officer’s other sessions alone', async () => {
    await createOfficer(t, 'sv.logout');
    const desk = await login(t, 'sv.logout');
    const other = await login(t, 'sv.logout');
    const refreshed = await t.raw.post('/api/v1/auth/refresh').set(bearer(desk.accessToken)).expect(200);
    await t.raw.post('/api/v1/auth/logout').set(bearer(desk.accessToken)).expect(204);
    expect(await works(t, desk.accessToken)).toBe(false);
    expect(await works(t, refreshed.body.accessToken)).toBe(false);
    await t.raw.post('/api/v1/auth/refresh').set(bearer(refreshed.body.accessToken)).expect(401);
    expect(await works(t, other.accessToken)).toBe(true);
  });

  it('logout everywhere ends every session of the account', async () => {
    await createOfficer(t, 'sv.everywhere');
    const a = await login(t, 'sv.everywhere');
    const b = await login(t, 'sv.everywhere');
    await t.raw.post('/api/v1/auth/logout').set(bearer(a.accessToken)).send({ everywhere: true }).expect(204);
    expect([await works(t, a.accessToken), await works(t, b.accessToken)]).toEqual([false, false]);
    expect(await works(t, (await login(t, 'sv.everywhere')).accessToken)).toBe(true);
  });

  it('own password change: the current one first, the policy for the new one, then only this session goes on', async () => {
    await createOfficer(t, 'sv.password');
    const here = await login(t, 'sv.password');
    const elsewhere = await login(t, 'sv.password');
    const wrong = await t.raw.post('/api/v1/auth/password').set(bearer(here.accessToken)).send({ currentPassword: 'khong-phai', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'wrong_password' })]);
    const weak = await t.raw.post('/api/v1/auth/password').set(bearer(here.accessToken)).send({ currentPassword: PASSWORD, newPassword: '12345678' }).expect(400);
    expect(weak.body.details[0].field).toBe('newPassword');
    expect([await works(t, here.accessToken), await works(t, elsewhere.accessToken)]).toEqual([true, true]);

    const res = await t.raw.post('/api/v1/auth/password').set(bearer(here.accessToken)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 1800 });
    expect(await works(t, res.body.accessToken)).toBe(true);
    expect(await works(t, here.accessToken)).toBe(false);
    expect(await works(t, elsewhere.accessToken)).toBe(false);
    await t.raw.post('/api/v1/auth/login').send({ username: 'sv.password', password: PASSWORD }).expect(401);
    await login(t, 'sv.password', NEW_PASSWORD);
  });

  it('a token expires after JWT_TTL_MINUTES without a refresh (the idle timeout), and a refresh slides it', async () => {
    await createOfficer(t, 'sv.idle');
    const first = await login(t, 'sv.idle');
    expect(first.expiresIn).toBe(30 * 60);
    t.clock.advance(20 * 60_000);
    const second = (await t.raw.post('/api/v1/auth/refresh').set(bearer(first.accessToken)).expect(200)).body;
    expect(second.expiresIn).toBe(30 * 60);
    t.clock.advance(20 * 60_000); // 40 minutes after the login, 20 after the refresh
    expect(await works(t, first.accessToken)).toBe(false);
    expect(await works(t, second.accessToken)).toBe(true);
    t.clock.advance(11 * 60_000); // 31 minutes idle
    expect(await works(t, second.accessToken)).toBe(false);
    await t.raw.post('/api/v1/auth/refresh').set(bearer(second.accessToken)).expect(401);
  });

  it('refreshes never carry a session past SESSION_MAX_HOURS after the password was typed', async () => {
    await createOfficer(t, 'sv.long-day');
    let token = (await login(t, 'sv.long-day')).accessToken;
    // An officer at work from 7:00: a refresh every 25 minutes keeps the session until 19:00, not a minute more.
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      t.clock.advance(25 * 60_000);
      const res = await t.raw.post('/api/v1/auth/refresh').set(bearer(token)).expect(200);
      expect(res.body.expiresIn).toBe(Math.min(30 * 60, (12 * 60 - minutes) * 60));
      token = res.body.accessToken;
    }
    t.clock.advance(25 * 60_000); // 12 h 5 min
    expect(await works(t, token)).toBe(false);
    await t.raw.post('/api/v1/auth/refresh').set(bearer(token)).expect(401);
  });
});

describe('logout and password change across two API processes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}` };
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a logout on one process is refused by the other at once', async () => {
    const { accessToken } = await login(a, 'reception', 'demo');
    expect(await works(b, accessToken)).toBe(true);
    await a.raw.post('/api/v1/auth/logout').set(bearer(accessToken)).expect(204);
    expect(await works(b, accessToken)).toBe(false);
  });

  it('a password change on one process ends the other tokens on the other at once', async () => {
    const id = (await a.http.post('/api/v1/users').send({ username: 'hai.tien.trinh', fullName: 'Hai tiến trình', password: PASSWORD, roles: ['clerk'], agencyCode: 'H12.01' }).expect(201)).body.id;
    const onB = await login(b, 'hai.tien.trinh');
    expect(onB.user.id).toBe(id);
    const onA = await login(a, 'hai.tien.trinh');
    await a.raw.post('/api/v1/auth/password').set(bearer(onA.accessToken)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    expect(await works(b, onB.accessToken)).toBe(false);
  });
});

describe('per-username lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOGIN_LOCKOUT_FAILURES: '5' } });
    await waitFor(async () => t.app.get(LoginLockoutService).shared, 5_000, 'the lockout to count in Redis');
    await createOfficer(t, 'lk.officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (username: string, password: string) => t.raw.post('/api/v1/auth/login').send({ username, password });

  it('refuses a username for a minute after 5 failures, even with the right password, then lets it in', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('lk.officer', `sai-${i}`)).status).toBe(401);
    const locked = await attempt('lk.officer', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    expect(Number(locked.headers['retry-after'])).toBe(60);
    // Another username is not affected.
    await login(t, 'reception', 'demo');
    t.clock.advance(61_000);
    await login(t, 'lk.officer');
  });

  it('answers an unknown username exactly as a known one: the same 401s, then the same 429', async () => {
    await createOfficer(t, 'lk.known');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const k = await attempt('lk.known', `sai-${i}`);
      const u = await attempt('lk.khong-co', `sai-${i}`);
      known.push([k.status, k.body, k.headers['retry-after']]);
      unknown.push([u.status, u.body, u.headers['retry-after']]);
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => (k as number[])[0])).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('doubles the lock at each new round of failures, up to 15 minutes', async () => {
    await createOfficer(t, 'lk.backoff');
    const locks: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) expect((await attempt('lk.backoff', 'sai')).status).toBe(401);
      const res = await attempt('lk.backoff', PASSWORD);
      expect(res.status).toBe(429);
      locks.push(Number(res.headers['retry-after']));
      t.clock.advance(locks[round] * 1000 - 1000);
      expect((await attempt('lk.backoff', PASSWORD)).status).toBe(429); // a second before the end
      t.clock.advance(1000);
    }
    expect(locks).toEqual([60, 120, 240, 480, 900, 900]);
    await login(t, 'lk.backoff');
  });

  it('a successful login forgets the failures before it', async () => {
    await createOfficer(t, 'lk.typo');
    for (let i = 0; i < 4; i++) await attempt('lk.typo', 'sai').expect(401);
    await login(t, 'lk.typo');
    for (let i = 0; i < 4; i++) await attempt('lk.typo', 'sai').expect(401);
    await login(t, 'lk.typo');
  });

  it('counts a wrong current password at the password change against the username', async () => {
    await createOfficer(t, 'lk.change');
    const { accessToken } = await login(t, 'lk.change');
    for (let i = 0; i < 5; i++) await t.raw.post('/api/v1/auth/password').set(bearer(accessToken)).send({ currentPassword: `sai-${i}`, newPassword: NEW_PASSWORD }).expect(400);
    await t.raw.post('/api/v1/auth/password').set(bearer(accessToken)).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(429);
    expect((await attempt('lk.change', PASSWORD)).status).toBe(429);
  });

  it('counts in memory, per process, while Redis is unreachable: still a lock, never an error', async () => {
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, QUEUE_PREFIX: 'test-unreachable', LOGIN_LOCKOUT_FAILURES: '3' });
    const clock = new FixedClock(new Date('2026-11-23T09:00:00+07:00'));
    const lockout = new LoginLockoutService(config as AppConfig, clock);
    try {
      for (let i = 0; i < 3; i++) {
        await lockout.check('ai-do');
        await lockout.failed('ai-do');
      }
      expect(lockout.shared).toBe(false);
      await expect(lockout.check('ai-do')).rejects.toMatchObject({ status: 429 });
      await expect(lockout.check('AI-DO')).rejects.toMatchObject({ status: 429 });
      await lockout.check('nguoi-khac');
      clock.advance(60_000);
      await lockout.check('ai-do');
    } finally {
      lockout.onApplicationShutdown();
    }
  });
});

/** Logins limited per network as well as per address: /24 for IPv4 (IPv4-mapped IPv6 included), /64 for IPv6. */
describe('login limits per client network', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2', LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  // A new username each time: the per-username lockout stays out of the way.
  let n = 0;
  const from = async (address: string) => {
    const res = await t.raw.post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username: `nw-${n++}`, password: 'sai' });
    return res;
  };

  it('refuses the fourth login from a /24 although each address stays under its own limit', async () => {
    const statuses = [(await from('203.0.113.1')).status, (await from('203.0.113.2')).status, (await from('203.0.113.3')).status];
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await from('203.0.113.4');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The same network written as IPv4-mapped IPv6, and the next /24 on its own.
    expect((await from('::ffff:203.0.113.5')).status).toBe(429);
    expect((await from('203.0.114.1')).status).toBe(401);
  });

  it('counts an IPv4-mapped address with its IPv4 network, not with every other IPv4 client', async () => {
    expect((await from('::ffff:198.51.100.1')).status).toBe(401);
    expect((await from('::ffff:192.0.2.1')).status).toBe(401);
    expect((await from('192.0.2.2')).status).toBe(401);
  });

  it('counts IPv6 addresses of one /64 together, and another /64 apart', async () => {
    expect([(await from('2001:db8:1:2::1')).status, (await from('2001:db8:1:2::2')).status]).toEqual([401, 401]);
    expect((await from('2001:db8:1:2:ffff::3')).status).toBe(429);
    expect((await from('2001:db8:1:3::1')).status).toBe(401);
  });
});
