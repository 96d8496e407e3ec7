import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '@app/auth';
import type { Role } from '@app/common';
import { TEST_JWT_SECRET, type TestApp, startTestApp } from './support/test-app';

const ROLES: Role[] = ['admin', 'supervisor', 'reception', 'specialist', 'leader', 'clerk'];
const OWN = 'H12.01';
const OTHER = 'H12.02';
const applicant = { type: 'citizen', fullName: 'Đỗ Thị Riêng Tư', idNumber: '079199912345', phone: '0909123456', address: '12 Trần Phú' };

describe('accounts, roles and agency scoping', () => {
  let t: TestApp;
  /** tokens[agency][role], from real logins. */
  const tokens: Record<string, Record<string, string>> = { [OWN]: {}, [OTHER]: {} };
  let dossier: { id: string; code: string };
  /** The demo desk officer of OWN: whom an event at the reception step may assign. */
  let deskOfficerId: string;

  const login = async (username: string, password: string) => {
    const res = await t.raw.post('/api/v1/auth/login').send({ username, password });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // Many real logins from one address within a minute: the login limit is not what this suite tests.
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_LIMIT_PER_MINUTE: '100' } });
    for (const role of ROLES) tokens[OWN][role] = await login(role, 'demo');
    for (const role of ROLES) {
      await t.raw
        .post('/api/v1/users')
        .set(bearer(tokens[OWN].admin))
        .send({ username: `${role}.h1202`, fullName: `Cán bộ ${role}`, password: 'mat-khau-123', roles: [role], agencyCode: OTHER })
        .expect(201);
      tokens[OTHER][role] = await login(`${role}.h1202`, 'mat-khau-123');
    }
    const res = await t.raw
      .post('/api/v1/dossiers')
      .set(bearer(tokens[OWN].reception))
      .send({ procedureCode: '1.001193', channel: 'direct', applicant })
      .expect(201);
    dossier = res.body;
    expect(res.body.agencyCode).toBe(OWN);
    const users = await t.raw.get('/api/v1/users').set(bearer(tokens[OWN].admin)).expect(200);
    deskOfficerId = (users.body.items as { id: string; username: string }[]).find((u) => u.username === 'reception')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs the demo accounts in with their roles and agency, and refuses wrong passwords with one message', async () => {
    const res = await t.raw.post('/api/v1/auth/login').send({ username: 'reception', password: 'demo' }).expect(200);
    expect(res.body.user).toEqual({ id: expect.any(String), username: 'reception', fullName: expect.any(String), roles: ['reception'], agencyCode: OWN, twoFactorEnabled: false });
    const wrong = await t.raw.post('/api/v1/auth/login').send({ username: 'reception', password: 'nope' }).expect(401);
    const unknown = await t.raw.post('/api/v1/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'invalid_credentials' });
  });

  type Case = { name: string; method: 'get' | 'post' | 'put' | 'patch'; path: () => string; body?: () => object; expect: (role: Role | null, own: boolean) => number };
  const officers = (own: boolean) => (own ? 200 : 404);
  const cases: Case[] = [
    { name: 'list dossiers', method: 'get', path: () => '/api/v1/dossiers', expect: () => 200 },
    { name: 'list another agency', method: 'get', path: () => `/api/v1/dossiers?agencyCode=${OWN}`, expect: (r, own) => (r === 'admin' || own ? 200 : 404) },
    { name: 'get a dossier', method: 'get', path: () => `/api/v1/dossiers/${dossier.id}`, expect: (r, own) => (r === 'admin' ? 200 : officers(own)) },
    { name: 'get by code', method: 'get', path: () => `/api/v1/dossiers/by-code/${dossier.code}`, expect: (r, own) => (r === 'admin' ? 200 : officers(own)) },
    { name: 'event history', method: 'get', path: () => `/api/v1/dossiers/${dossier.id}/events`, expect: (r, own) => (r === 'admin' ? 200 : officers(own)) },
    {
      name: 'intake into the own agency',
      method: 'post',
      path: () => '/api/v1/dossiers',
      body: () => ({ procedureCode: '1.001193', channel: 'online', applicant }),
      expect: (r) => (r === 'admin' || r === 'reception' ? 201 : 403), // the demo administrator belongs to the demo agency
    },
    {
      name: 'intake naming the first agency',
      method: 'post',
      path: () => '/api/v1/dossiers',
      body: () => ({ procedureCode: '1.001193', agencyCode: OWN, channel: 'online', applicant }),
      // Both demo communes' desks receive for the whole province (a desk that receives for itself only: lien-thong.e2e-spec).
      expect: (r) => (r === 'admin' || r === 'reception' ? 201 : 403),
    },
    {
      // The dossier is in its first step, "receive", which names the reception role.
      name: 'an event at the reception step',
      method: 'post',
      path: () => `/api/v1/dossiers/${dossier.id}/events`,
      body: () => ({ type: 'ASSIGN', assigneeId: deskOfficerId }),
      expect: (r, own) => (r === 'admin' ? 200 : r === 'supervisor' ? 403 : !own ? 404 : r === 'reception' ? 200 : 403),
    },
    { name: 'list procedures', method: 'get', path: () => '/api/v1/procedures', expect: () => 200 },
    { name: 'a procedure', method: 'get', path: () => '/api/v1/procedures/1.001193', expect: () => 200 },
    { name: 'a diagram', method: 'get', path: () => '/api/v1/procedures/1.001193/diagram', expect: () => 200 },
    { name: 'publish a procedure', method: 'post', path: () => '/api/v1/procedures', body: () => ({}), expect: (r) => (r === 'admin' ? 400 : 403) },
    { name: 'calendar', method: 'get', path: () => '/api/v1/calendar/days?from=2026-02-01&to=2026-02-28', expect: () => 200 },
    { name: 'change the calendar', method: 'put', path: () => '/api/v1/calendar/days/2027-01-01', body: () => ({ working: false, note: 'Tết Dương lịch' }), expect: (r) => (r === 'admin' ? 200 : 403) },
    { name: 'agencies', method: 'get', path: () => '/api/v1/agencies', expect: () => 200 },
    { name: 'create an agency', method: 'post', path: () => '/api/v1/agencies', body: () => ({ code: 'H12.01.99', name: 'UBND xã Thử', level: 'commune', parentCode: OWN }), expect: (r) => (r === 'admin' ? 201 : 403) },
    { name: 'change an agency', method: 'patch', path: () => '/api/v1/agencies/H12.01.05', body: () => ({ name: 'Phòng Kinh tế xã Tiên Du' }), expect: (r) => (r === 'admin' ? 200 : 403) },
    { name: 'users', method: 'get', path: () => '/api/v1/users', expect: (r) => (r === 'admin' ? 200 : 403) },
    { name: 'create a user', method: 'post', path: () => '/api/v1/users', body: () => ({ username: 'x' }), expect: (r) => (r === 'admin' ? 400 : 403) },
  ];

  it('answers every endpoint × role × agency as the rules say', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    let createdAgency = false;
    for (const c of cases) {
      for (const own of [true, false]) {
        for (const role of [...ROLES, null]) {
          if (role === 'admin' && !own) continue; // an administrator sees every agency: "other" means nothing for it
          const token = role ? tokens[own ? OWN : OTHER][role] : null;
          let req = t.raw[c.method](c.path());
          if (token) req = req.set(bearer(token));
          const res = await (c.body ? req.send(c.body()) : req);
          let expected = role === null ? 401 : c.expect(role, own);
          // The agency can be created once; a second administrator call conflicts.
          if (c.name === 'create an agency' && expected === 201) expected = createdAgency ? 409 : ((createdAgency = true), 201);
          seen.push(`${c.name} / ${role ?? 'anonymous'} / ${own ? 'own' : 'other'}: ${res.status}`);
          wanted.push(`${c.name} / ${role ?? 'anonymous'} / ${own ? 'own' : 'other'}: ${expected}`);
        }
      }
    }
    expect(seen).toEqual(wanted);
  });

  it('liên thông: the next agency sees a dossier from its handover on, the desks and supervisors of the trees concerned as well', async () => {
    const COMMUNE = 'H12.02.03'; // a commune of the other tree
    await t.raw
      .post('/api/v1/users')
      .set(bearer(tokens[OWN].admin))
      .send({ username: 'mot.cua.dong.phong', fullName: 'Một cửa xã Đông Phong', password: 'mat-khau-123', roles: ['reception'], agencyCode: COMMUNE })
      .expect(201);
    const communeDesk = await login('mot.cua.dong.phong', 'mat-khau-123');
    const steps = [
      { id: 'receive', name: 'Tiếp nhận', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
      { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 1, unit: 'working_days' }, agency: { code: OTHER } },
      { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 1, unit: 'working_days' } },
    ];
    await t.raw
      .post('/api/v1/procedures')
      .set(bearer(tokens[OWN].admin))
      .send({ code: 'LT.AUTH', name: 'Thủ tục liên thông (thử)', field: 'Thử', level: 'commune', processingTime: { value: 3, unit: 'working_days' }, steps, requiredDocuments: [], fee: 0 })
      .expect(201);
    const received = await t.raw.post('/api/v1/dossiers').set(bearer(tokens[OWN].reception)).send({ procedureCode: 'LT.AUTH', channel: 'direct', applicant }).expect(201);
    const id = received.body.id as string;
    const status = async (token: string, method: 'get' | 'post', body?: object) => {
      const req = t.raw[method](method === 'get' ? `/api/v1/dossiers/${id}` : `/api/v1/dossiers/${id}/events`).set(bearer(token));
      return (await (body ? req.send(body) : req)).status;
    };
    const users = (await t.raw.get('/api/v1/users').set(bearer(tokens[OWN].admin)).expect(200)).body.items as { id: string; username: string }[];
    const specialistId = users.find((u) => u.username === 'specialist.h1202')!.id;
    const assign = { type: 'ASSIGN', assigneeId: specialistId };
    const matrix = async () => ({
      'next agency specialist reads': await status(tokens[OTHER].specialist, 'get'),
      'next agency specialist assigns': await status(tokens[OTHER].specialist, 'post', assign),
      'own specialist assigns': await status(tokens[OWN].specialist, 'post', assign),
      'own reception forwards': await status(tokens[OWN].reception, 'post', { type: 'ASSIGN', assigneeId: deskOfficerId }),
      'another commune desk reads': await status(communeDesk, 'get'),
      'supervisor of the receiving tree reads': await status(tokens[OWN].supervisor, 'get'),
      'supervisor of the next tree reads': await status(tokens[OTHER].supervisor, 'get'),
    });
    expect(await matrix()).toEqual({
      'next agency specialist reads': 404,
      'next agency specialist assigns': 404,
      'own specialist assigns': 403,
      'own reception forwards': 200,
      'another commune desk reads': 404,
      'supervisor of the receiving tree reads': 200,
      'supervisor of the next tree reads': 404,
    });
    await t.raw.post(`/api/v1/dossiers/${id}/events`).set(bearer(tokens[OWN].reception)).send({ type: 'FORWARD' }).expect(200);
    expect(await matrix()).toEqual({
      'next agency specialist reads': 200,
      'next agency specialist assigns': 200,
      'own specialist assigns': 403,
      // The step is the next agency's now: the sender reads, no longer acts.
      'own reception forwards': 403,
      'another commune desk reads': 404,
      'supervisor of the receiving tree reads': 200,
      'supervisor of the next tree reads': 200,
    });
    // A dossier received at that commune's desk for the first agency: the desk sees it, the desk beside it does not.
    const atCommune = await t.raw
      .post('/api/v1/dossiers')
      .set(bearer(tokens[OWN].admin))
      .send({ procedureCode: 'LT.AUTH', agencyCode: OWN, receivingAgencyCode: COMMUNE, channel: 'direct', applicant })
      .expect(201);
    expect(atCommune.body).toMatchObject({ agencyCode: OWN, receivingAgencyCode: COMMUNE });
    await t.raw.get(`/api/v1/dossiers/${atCommune.body.id}`).set(bearer(communeDesk)).expect(200);
    await t.raw.get(`/api/v1/dossiers/${atCommune.body.id}`).set(bearer(tokens[OTHER].reception)).expect(404);
  });

  it('lets a supervisor read the agencies under theirs, and no other tree', async () => {
    const res = await t.raw
      .post('/api/v1/users')
      .set(bearer(tokens[OWN].admin))
      .send({ username: 'giam.sat.tinh', fullName: 'Văn phòng UBND tỉnh', password: 'mat-khau-123', roles: ['supervisor'], agencyCode: 'H12' })
      .expect(201);
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('passwordHash');
    const province = await login('giam.sat.tinh', 'mat-khau-123');
    await t.raw.get(`/api/v1/dossiers/${dossier.id}`).set(bearer(province)).expect(200);
    const agencies = (await t.raw.get('/api/v1/agencies').set(bearer(province)).expect(200)).body.items.map((a: { code: string }) => a.code);
    expect(agencies).toEqual(expect.arrayContaining(['H12', OWN, OTHER, 'H12.01.05']));
    const mine = (await t.raw.get('/api/v1/agencies').set(bearer(tokens[OTHER].supervisor)).expect(200)).body.items.map((a: { code: string }) => a.code);
    expect(mine.sort()).toEqual([OTHER, 'H12.02.03']);
  });

  it('records the real actor on every event', async () => {
    const events = (await t.raw.get(`/api/v1/dossiers/${dossier.id}/events`).set(bearer(tokens[OWN].admin)).expect(200)).body.items;
    expect(events[0].actor.username).toBe('reception');
    expect(events.filter((e: { type: string }) => e.type === 'ASSIGN').map((e: { actor: { username: string } }) => e.actor.username).sort()).toEqual(['admin', 'reception']);
  });

  it('refuses expired, malformed and foreign-signed tokens, and a deactivated account', async () => {
    const jwt = new JwtService({});
    const me = (await t.raw.post('/api/v1/auth/login').send({ username: 'clerk', password: 'demo' }).expect(200)).body.user;
    const expired = jwt.sign({ sub: me.id, username: 'clerk' }, { secret: TEST_JWT_SECRET, expiresIn: -10 });
    const foreign = jwt.sign({ sub: me.id, username: 'clerk' }, { secret: 'another-secret-another-secret-another-secret' });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: me.id })).toString('base64url')}.`;
    for (const token of [expired, foreign, none, 'not-a-token', '']) {
      const res = await t.raw.get('/api/v1/dossiers').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
    }
    await t.raw.get('/api/v1/dossiers').set('Authorization', 'Basic abc').expect(401);
    const user = (await t.raw.post('/api/v1/auth/login').send({ username: 'leader.h1202', password: 'mat-khau-123' }).expect(200)).body;
    await t.raw.patch(`/api/v1/users/${user.user.id}`).set(bearer(tokens[OWN].admin)).send({ active: false }).expect(200);
    await t.raw.get('/api/v1/dossiers').set(bearer(user.accessToken)).expect(401);
    await t.raw.post('/api/v1/auth/login').send({ username: 'leader.h1202', password: 'mat-khau-123' }).expect(401);
  });

  it('shows the public only the status and dates, and rate-limits it', async () => {
    const res = await t.raw.get(`/api/v1/public/dossiers/${dossier.code}`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'dueAt', 'extendedDueAt', 'finishedAt', 'procedureName', 'receivedAt', 'returnedAt', 'status']);
    const text = JSON.stringify(res.body);
    for (const value of [applicant.fullName, applicant.idNumber, applicant.phone, applicant.address, dossier.id]) expect(text).not.toContain(value);
    await t.raw.get('/api/v1/public/dossiers/H12.01-000000-0000').expect(404);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.raw.get(`/api/v1/public/dossiers/${dossier.code}`)).status);
    expect(statuses).toContain(429);
    const limited = await t.raw.get(`/api/v1/public/dossiers/${dossier.code}`).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
  });

  it('sends the hardening headers and rejects oversized bodies', async () => {
    const res = await t.raw.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const big = await t.raw
      .post('/api/v1/dossiers')
      .set(bearer(tokens[OWN].reception))
      .send({ procedureCode: '1.001193', channel: 'direct', applicant: { ...applicant, address: 'x'.repeat(2_000_000) } });
    expect(big.status).toBe(413);
  });

  it('seeding the demo accounts again (twice at once) re-creates a missing one once and changes no existing one', async () => {
    const before = (await t.http.get('/api/v1/users')).body.items as { id: string; username: string }[];
    const leader = before.find((u) => u.username === 'leader')!;
    expect((await t.http.patch(`/api/v1/users/${leader.id}`).send({ username: 'leader.cu' })).status).toBe(200);
    const users = t.app.get(UsersService);
    await Promise.all([users.seedDemoAccounts('demo'), users.seedDemoAccounts('demo')]);
    const after = (await t.http.get('/api/v1/users')).body.items as { id: string; username: string }[];
    expect(after.filter((u) => u.username === 'leader')).toHaveLength(1);
    expect(after.find((u) => u.username === 'leader')!.id).not.toBe(leader.id);
    expect(after.find((u) => u.username === 'leader.cu')!.id).toBe(leader.id);
    for (const u of before.filter((b) => b.username !== 'leader')) expect(after).toContainEqual(u);
  });
});

describe('a production start', () => {
  it('refuses to start without JWT_SECRET', async () => {
    const main = join(__dirname, '../dist/apps/api/src/main.js');
    const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET is required/);
  });
});
