import { generateSync } from 'otplib';
import { expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

// Many sign-ins from one address, some with wrong codes on purpose: neither limit is what these tests are about.
const LIMITS = { LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE: '10000', LOGIN_LOCKOUT_FAILURES: '1000' };
const STEP_SECONDS = 30;

/** The code an authenticator app shows at the test app's clock, `steps` time steps away from now. */
function codeAt(t: TestApp, secret: string, steps = 0): string {
  return generateSync({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + steps * STEP_SECONDS });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function signIn(t: TestApp, username: string, password: string, totpCode?: string): Promise<string> {
  const res = await t.raw.post('/api/v1/auth/login').send({ username, password, ...(totpCode ? { totpCode } : {}) });
  expectStatus(res, 200);
  return res.body.accessToken as string;
}

/** Setup and enable for the signed-in account; the secret, as the officer's app holds it. */
async function enrol(t: TestApp, token: string, currentPassword = 'demo'): Promise<string> {
  const setup = await t.raw.post('/api/v1/auth/2fa/setup').set(bearer(token)).send({ currentPassword });
  expectStatus(setup, 200);
  expectStatus(await t.raw.post('/api/v1/auth/2fa/enable').set(bearer(token)).send({ code: codeAt(t, setup.body.secret) }), 204);
  return setup.body.secret as string;
}

describe('TOTP second factor', () => {
  let t: TestApp;
  /** The demo administrator's secret once it has enrolled (second test), as its phone holds it. */
  let adminSecret = '';
  beforeAll(async () => {
    t = await startTestApp({ env: LIMITS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('enrols in two steps: a pending secret, then a first code that turns it on', async () => {
    t.clock.set('2026-11-23T09:00:10+07:00');
    const token = await signIn(t, 'supervisor', 'demo');
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toEqual({ enabled: false, pending: false, required: false, setupRequired: false });

    // The password is asked again: a borrowed session alone cannot bind the account to another phone.
    const noPassword = await t.raw.post('/api/v1/auth/2fa/setup').set(bearer(token)).send({ currentPassword: 'not-the-password' });
    expectStatus(noPassword, 400);
    expect(noPassword.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'wrong_password' })]);
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toMatchObject({ pending: false });

    const setup = await t.raw.post('/api/v1/auth/2fa/setup').set(bearer(token)).send({ currentPassword: 'demo' });
    expectStatus(setup, 200);
    const { secret, otpauthUrl } = setup.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(url.pathname)).toContain('supervisor');
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toMatchObject({ enabled: false, pending: true });
    // Pending: signing in still needs the password only.
    expect((await t.raw.post('/api/v1/auth/login').send({ username: 'supervisor', password: 'demo' })).status).toBe(200);

    const wrong = await t.raw.post('/api/v1/auth/2fa/enable').set(bearer(token)).send({ code: codeAt(t, secret, 5) });
    expectStatus(wrong, 400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'invalid_totp_code' })]);
    const malformed = await t.raw.post('/api/v1/auth/2fa/enable').set(bearer(token)).send({ code: '12ab56' });
    expectStatus(malformed, 400);
    expect(malformed.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'bad_format' })]);

    const first = codeAt(t, secret);
    expectStatus(await t.raw.post('/api/v1/auth/2fa/enable').set(bearer(token)).send({ code: first }), 204);
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toMatchObject({ enabled: true, pending: false });
    // Another setup would replace the secret in use: refused until the factor is turned off.
    expectStatus(await t.raw.post('/api/v1/auth/2fa/setup').set(bearer(token)).send({ currentPassword: 'demo' }), 409);
    expectStatus(await t.raw.post('/api/v1/auth/2fa/enable').set(bearer(token)).send({ code: first }), 409);

    // The code that enabled it was used: it cannot also sign in.
    const replay = await t.raw.post('/api/v1/auth/login').send({ username: 'supervisor', password: 'demo', totpCode: first });
    expectStatus(replay, 401);
    expect(replay.body.error).toBe('invalid_totp');
  });

  it('asks a 2FA account for its code only once the password is right, and refuses wrong or replayed codes', async () => {
    t.clock.set('2026-11-24T08:00:05+07:00');
    const secret = (adminSecret = await enrol(t, await signIn(t, 'admin', 'demo')));
    t.clock.advance(STEP_SECONDS * 1000);

    const noCode = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo' });
    expectStatus(noCode, 401);
    expect(noCode.body.error).toBe('totp_required');
    // A wrong password says nothing about the second factor, with or without a code.
    const unknown = await t.raw.post('/api/v1/auth/login').send({ username: 'khong.co.ai', password: 'sai' });
    for (const body of [{ password: 'sai' }, { password: 'sai', totpCode: codeAt(t, secret) }]) {
      const res = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', ...body });
      expectStatus(res, 401);
      expect(res.body).toEqual(unknown.body);
      expect(res.body.error).toBe('invalid_credentials');
    }
    const wrong = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo', totpCode: codeAt(t, secret, 10) });
    expectStatus(wrong, 401);
    expect(wrong.body.error).toBe('invalid_totp');

    const code = codeAt(t, secret);
    const ok = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo', totpCode: code });
    expectStatus(ok, 200);
    expect(ok.body.user).toMatchObject({ username: 'admin', twoFactorEnabled: true });
    expect(ok.body.twoFactorSetupRequired).toBe(false);
    expectStatus(await t.raw.get('/api/v1/users').set(bearer(ok.body.accessToken)), 200);

    // The same code again, still inside its 30 seconds: a replay.
    t.clock.advance(5_000);
    const replay = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo', totpCode: code });
    expectStatus(replay, 401);
    expect(replay.body.error).toBe('invalid_totp');
    // The step before, still within the drift tolerance, is older than the one used: refused too.
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo', totpCode: codeAt(t, secret, -1) }), 401);

    // A phone one step ahead is accepted; two steps is too far.
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo', totpCode: codeAt(t, secret, 3) }), 401);
    await signIn(t, 'admin', 'demo', codeAt(t, secret, 1));
  });

  it('lets two sign-ins race with one code: exactly one gets in', async () => {
    t.clock.set('2026-11-25T08:00:05+07:00');
    const secret = await enrol(t, await signIn(t, 'leader', 'demo'));
    t.clock.advance(STEP_SECONDS * 1000);
    const code = codeAt(t, secret);
    const results = await Promise.all([1, 2, 3].map(() => t.raw.post('/api/v1/auth/login').send({ username: 'leader', password: 'demo', totpCode: code })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('turns off with a current code, or by an administrator for a lost phone', async () => {
    t.clock.set('2026-11-26T08:00:05+07:00');
    const secret = await enrol(t, await signIn(t, 'clerk', 'demo'));
    t.clock.advance(STEP_SECONDS * 1000);
    const token = await signIn(t, 'clerk', 'demo', codeAt(t, secret));
    // That step is used up: disabling needs a code not used yet.
    const used = await t.raw.post('/api/v1/auth/2fa/disable').set(bearer(token)).send({ code: codeAt(t, secret) });
    expectStatus(used, 400);
    expect(used.body.details[0].code).toBe('invalid_totp_code');
    t.clock.advance(STEP_SECONDS * 1000);
    expectStatus(await t.raw.post('/api/v1/auth/2fa/disable').set(bearer(token)).send({ code: codeAt(t, secret) }), 204);
    expectStatus(await t.raw.post('/api/v1/auth/2fa/disable').set(bearer(token)).send({ code: codeAt(t, secret) }), 409);
    const plain = await t.raw.post('/api/v1/auth/login').send({ username: 'clerk', password: 'demo' });
    expectStatus(plain, 200);
    expect(plain.body.user.twoFactorEnabled).toBe(false);

    // Enrolled again, then the phone is lost: an administrator removes the factor.
    t.clock.advance(STEP_SECONDS * 1000);
    await enrol(t, plain.body.accessToken);
    t.clock.advance(STEP_SECONDS * 1000);
    const admin = await signIn(t, 'admin', 'demo', codeAt(t, adminSecret));
    const users = (await t.raw.get('/api/v1/users').set(bearer(admin))).body.items as { id: string; username: string; twoFactorEnabled: boolean }[];
    const clerk = users.find((u) => u.username === 'clerk')!;
    expect(clerk.twoFactorEnabled).toBe(true);
    const reset = await t.raw.patch(`/api/v1/users/${clerk.id}`).set(bearer(admin)).send({ twoFactorReset: true });
    expectStatus(reset, 200);
    expect(reset.body.twoFactorEnabled).toBe(false);
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'clerk', password: 'demo' }), 200);
  });
});

describe('REQUIRE_2FA_ROLES', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...LIMITS, REQUIRE_2FA_ROLES: 'admin,supervisor' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an account of such a role sign in, but opens only enrolment until it has a second factor', async () => {
    const login = await t.raw.post('/api/v1/auth/login').send({ username: 'supervisor', password: 'demo' });
    expectStatus(login, 200);
    expect(login.body.twoFactorSetupRequired).toBe(true);
    const token = login.body.accessToken as string;

    for (const path of ['/api/v1/dossiers', '/api/v1/agencies', '/api/v1/reports/summary?from=2026-11-01&to=2026-11-30']) {
      const res = await t.raw.get(path).set(bearer(token));
      expectStatus(res, 403);
      expect(res.body.error).toBe('two_factor_required');
    }
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toEqual({ enabled: false, pending: false, required: true, setupRequired: true });

    await enrol(t, token);
    // The same token works at once: the account is read on every request.
    expectStatus(await t.raw.get('/api/v1/agencies').set(bearer(token)), 200);
    expect((await t.raw.get('/api/v1/auth/2fa').set(bearer(token))).body).toMatchObject({ enabled: true, required: true, setupRequired: false });
  });

  it('leaves the other roles alone', async () => {
    const login = await t.raw.post('/api/v1/auth/login').send({ username: 'reception', password: 'demo' });
    expectStatus(login, 200);
    expect(login.body.twoFactorSetupRequired).toBe(false);
    expectStatus(await t.raw.get('/api/v1/dossiers').set(bearer(login.body.accessToken)), 200);
  });

  it('asks again after an administrator resets the factor of such an account', async () => {
    t.clock.set('2026-11-27T08:00:05+07:00');
    const adminToken = await signIn(t, 'admin', 'demo');
    const secret = await enrol(t, adminToken);
    t.clock.advance(STEP_SECONDS * 1000);
    const admin = await signIn(t, 'admin', 'demo', codeAt(t, secret));
    const users = (await t.raw.get('/api/v1/users').set(bearer(admin))).body.items as { id: string; username: string }[];
    const supervisor = users.find((u) => u.username === 'supervisor')!;
    expectStatus(await t.raw.patch(`/api/v1/users/${supervisor.id}`).set(bearer(admin)).send({ twoFactorReset: true }), 200);
    const again = await t.raw.post('/api/v1/auth/login').send({ username: 'supervisor', password: 'demo' });
    expectStatus(again, 200);
    expect(again.body.twoFactorSetupRequired).toBe(true);
    expect((await t.raw.get('/api/v1/dossiers').set(bearer(again.body.accessToken))).body.error).toBe('two_factor_required');
  });
});
