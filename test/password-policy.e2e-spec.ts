import { expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/** Every password an administrator sets goes through the policy; signing in with an existing one does not. */
describe('the password policy on accounts', () => {
  let t: TestApp;
  const account = (username: string, password: string, roles = ['clerk']) => ({ username, fullName: 'Người Thử', password, roles, agencyCode: 'H12.01' });
  const codesOf = (body: { details?: { field: string; code: string }[] }) => (body.details ?? []).map((d) => `${d.field}:${d.code}`);

  let ADMIN: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo' });
    expectStatus(res, 200);
    ADMIN = { Authorization: `Bearer ${res.body.accessToken}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['8 characters', '12345678', 'password_too_short'],
    ['eight spaces', ' '.repeat(8), 'password_too_short'],
    ['11 letters with diacritics (more than 12 bytes)', 'ấếốứờởỡợừửữ', 'password_too_short'],
    ['a common password of 12 characters', 'password1234', 'password_too_weak'],
    ['a keyboard row', 'qwertyuiop[]', 'password_too_weak'],
    ['twelve spaces', ' '.repeat(12), 'password_too_weak'],
    ['the username', 'nguyen.thi.lan.anh', 'password_contains_username'],
    ['the username inside, in capitals', 'NGUYEN.THI.LAN.ANH-2026!', 'password_contains_username'],
    ['73 bytes', 'the-quick-brown-fox-jumps-over-a-lazy-dog-while-nine-wild-cats-sing-loudly'.slice(0, 73), 'password_too_long'],
    ['30 letters of 3 bytes (90 bytes)', 'ốờữ'.repeat(10), 'password_too_long'],
  ])('refuses %s for a new account, administrators included, and creates nothing', async (_, password, code) => {
    for (const roles of [['clerk'], ['admin']]) {
      const res = await t.raw.post('/api/v1/users').set(ADMIN).send(account('nguyen.thi.lan.anh', password, roles));
      expectStatus(res, 400);
      expect(codesOf(res.body)).toEqual([`password:${code}`]);
    }
    const users = (await t.raw.get('/api/v1/users').set(ADMIN)).body.items as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('nguyen.thi.lan.anh');
  });

  it('says the limits a client needs to show the rule', async () => {
    const short = await t.raw.post('/api/v1/users').set(ADMIN).send(account('ngan.qua', 'ngan'));
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'password_too_short', params: { min: 12 } })]);
    const long = await t.raw.post('/api/v1/users').set(ADMIN).send(account('dai.qua', 'ố'.repeat(25)));
    expect(long.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'password_too_long', params: { maxBytes: 72 } })]);
    const weak = await t.raw.post('/api/v1/users').set(ADMIN).send(account('yeu.qua', 'password1234'));
    expect(weak.body.details).toEqual([expect.objectContaining({ code: 'password_too_weak', params: expect.objectContaining({ score: expect.any(Number), minScore: 3 }) })]);
    expect(weak.body.details[0].params.score).toBeLessThan(3);
  });

  it('accepts a strong password of exactly 72 bytes, and signing in needs all of it (nothing cut)', async () => {
    const filler = 'quick-brown-fox-jumps-over-the-lazy-dog-and-runs-far-away';
    let exact = 'hoa-sen-nở-muộn-';
    for (let i = 0; Buffer.byteLength(exact) < 72; i++) exact += filler[i];
    expect(Buffer.byteLength(exact)).toBe(72);
    expectStatus(await t.raw.post('/api/v1/users').set(ADMIN).send(account('du.72.byte', exact)), 201);
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'du.72.byte', password: exact }), 200);
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'du.72.byte', password: exact.slice(0, -1) }), 401);
  });

  it('applies to a password reset, against the new username when it changes too', async () => {
    const created = await t.raw.post('/api/v1/users').set(ADMIN).send(account('tran.van.binh', 'sen-hong-no-som-2026'));
    expectStatus(created, 201);
    const id = created.body.id as string;
    const weak = await t.raw.patch(`/api/v1/users/${id}`).set(ADMIN).send({ password: '12345678abcd' });
    expectStatus(weak, 400);
    expect(codesOf(weak.body)).toEqual(['password:password_too_weak']);
    const renamed = await t.raw.patch(`/api/v1/users/${id}`).set(ADMIN).send({ username: 'binh.tv.2026', password: 'xyz-binh.tv.2026-abc' });
    expectStatus(renamed, 400);
    expect(codesOf(renamed.body)).toEqual(['password:password_contains_username']);
    // Nothing of a refused request was saved.
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'tran.van.binh', password: 'sen-hong-no-som-2026' }), 200);
    expectStatus(await t.raw.patch(`/api/v1/users/${id}`).set(ADMIN).send({ password: 'sen-trang-no-muon-2027' }), 200);
    expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'tran.van.binh', password: 'sen-trang-no-muon-2027' }), 200);
  });

  it('never applies at sign-in: an existing weak password (the demo accounts’ `demo`) still works', async () => {
    const res = await t.raw.post('/api/v1/auth/login').send({ username: 'admin', password: 'demo' });
    expectStatus(res, 200);
    expect(res.body.user.username).toBe('admin');
  });
});
