import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyService } from '@app/agencies';
import { SEED_PROCEDURES } from '@app/procedures';
import { ADMIN, as, expectFieldError, expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'Kho-luu-tru-Bac-Ninh-2026!';
const NEW_PASSWORD = 'Cau-Long-Bien-mua-thu-1902';
const BROWSER = 'Mozilla/5.0 (audit e2e)';
const HKD = SEED_PROCEDURES.find((p) => p.code === '1.001193')!;

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
}

/** Every administrative change leaves exactly one audit row in its own transaction; failures leave none; the log cannot be rewritten. */
describe('audit log', () => {
  let t: TestApp;
  let db: DataSource;
  let adminId: string;

  const rows = (where = 'true', params: unknown[] = []): Promise<Row[]> => db.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params);
  const count = async () => (await db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;
  /** The rows the call adds, which must be exactly one. */
  async function onlyRowOf(call: () => Promise<unknown>): Promise<Row> {
    const [{ max }] = await db.query('SELECT coalesce(max(id), 0) AS max FROM audit_log');
    await call();
    const added = await rows('id > $1', [max]);
    expect(added).toHaveLength(1);
    return added[0];
  }
  /** A call that fails leaves the log as it was. */
  async function noRowFrom(call: () => Promise<unknown>): Promise<void> {
    const before = await count();
    await call();
    expect(await count()).toBe(before);
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+07:00' });
    db = t.app.get<DataSource>(getDataSourceToken());
    expectStatus(await t.http.get('/api/v1/users').set(ADMIN), 200); // the acting administrator's account exists from here on
    [{ id: adminId }] = await db.query(`SELECT id FROM app_user WHERE username = 'quan.tri'`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an account’s creation and update once each, with who, when, from where and what changed, never a password', async () => {
    t.clock.set('2026-11-23T10:15:00+07:00');
    let userId = '';
    const created = await onlyRowOf(async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set({ ...ADMIN, 'User-Agent': BROWSER })
        .send({ username: 'le.van.c', fullName: 'Lê Văn C', password: PASSWORD, roles: ['reception'], agencyCode: 'H12.01' });
      expectStatus(res, 201);
      userId = res.body.id;
    });
    expect(created).toMatchObject({
      at: new Date('2026-11-23T10:15:00+07:00'),
      actor_id: adminId,
      actor_username: 'quan.tri',
      action: 'user.created',
      target_type: 'user',
      target_id: userId,
      before: null,
      after: { id: userId, username: 'le.van.c', fullName: 'Lê Văn C', roles: ['reception'], agencyCode: 'H12.01', active: true },
      user_agent: BROWSER,
    });
    expect(created.ip).toMatch(/^(127\.0\.0\.1|::1)$/);

    t.clock.set('2026-11-23T10:20:00+07:00');
    const updated = await onlyRowOf(async () =>
      expectStatus(await t.http.patch(`/api/v1/users/${userId}`).set(ADMIN).send({ roles: ['reception', 'specialist'], active: false, password: NEW_PASSWORD, fullName: 'Lê Văn C' }), 200),
    );
    // Only what changed; the unchanged name is not there; the new password is a flag.
    expect(updated).toMatchObject({
      action: 'user.updated',
      target_id: userId,
      before: { roles: ['reception'], active: true },
      after: { roles: ['reception', 'specialist'], active: false, passwordChanged: true },
    });
    expect(Object.keys(updated.after!).sort()).toEqual(['active', 'passwordChanged', 'roles']);

    const [{ password_hash }] = await db.query('SELECT password_hash FROM app_user WHERE id = $1', [userId]);
    const all = JSON.stringify(await rows());
    for (const secret of [PASSWORD, NEW_PASSWORD, password_hash]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\$2[aby]\$/);
  });

  it('records nothing when the change fails (400, 404, 409)', async () => {
    await noRowFrom(async () =>
      expectStatus(await t.http.post('/api/v1/users').set(ADMIN).send({ username: 'quan.tri', fullName: 'Trùng tên', password: PASSWORD, roles: ['clerk'] }), 409),
    );
    await noRowFrom(async () =>
      expectFieldError(await t.http.post('/api/v1/users').set(ADMIN).send({ username: 'khong.don.vi', fullName: 'X', password: PASSWORD, roles: ['clerk'], agencyCode: 'NOPE' }), 'agencyCode'),
    );
    await noRowFrom(async () => expectStatus(await t.http.patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(ADMIN).send({ active: false }), 404));
    await noRowFrom(async () => expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send({ code: 'H12.01', name: 'Trùng mã', level: 'district' }), 409));
    await noRowFrom(async () => expectFieldError(await t.http.patch('/api/v1/agencies/H12.01').set(ADMIN).send({ parentCode: 'NOPE' }), 'parentCode'));
    await noRowFrom(async () => expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send({ ...HKD, steps: [] }), 400));
    // Refused inside the change's transaction: the last administrator cannot step down.
    await db.query(`UPDATE app_user SET active = false WHERE 'admin' = ANY(roles) AND id <> $1`, [adminId]);
    await noRowFrom(async () => expectStatus(await t.http.patch(`/api/v1/users/${adminId}`).set(ADMIN).send({ roles: ['supervisor'] }), 409));
  });

  it('keeps the change and its row together: when the row cannot be written, the change is rolled back', async () => {
    await db.query(`
      CREATE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit row refused'; END $$;
      CREATE TRIGGER audit_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.target_id = 'H12.99') EXECUTE FUNCTION audit_test_refuse()`);
    try {
      const agency = { code: 'H12.99', name: 'Không lưu được nhật ký', level: 'commune', parentCode: 'H12.01' } as const;
      await expect(t.app.get(AgencyService).create(agency, { actor: { id: adminId, username: 'quan.tri' }, ip: null, userAgent: null })).rejects.toThrow(/audit row refused/);
      expect(await db.query(`SELECT code FROM agency WHERE code = 'H12.99'`)).toEqual([]);
    } finally {
      await db.query('DROP TRIGGER audit_test_refuse ON audit_log; DROP FUNCTION audit_test_refuse()');
    }
    // Nor did the refused row poison the tree cache: the agency can still be created once the log accepts the row.
    expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send({ code: 'H12.99', name: 'Được lưu', level: 'commune', parentCode: 'H12.01' }), 201);
    expect(await rows(`target_id = 'H12.99'`)).toHaveLength(1);
  });

  it('records agencies created and updated (office hours included) and procedure versions published', async () => {
    const created = await onlyRowOf(async () =>
      expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send({ code: 'H12.01.07', name: 'UBND xã Phan Đình Phùng', level: 'commune', parentCode: 'H12.01' }), 201),
    );
    expect(created).toMatchObject({
      action: 'agency.created',
      target_type: 'agency',
      target_id: 'H12.01.07',
      before: null,
      after: { code: 'H12.01.07', name: 'UBND xã Phan Đình Phùng', level: 'commune', parentCode: 'H12.01' },
    });
    const hours = [{ from: '08:00', to: '12:00' }];
    const updated = await onlyRowOf(async () =>
      expectStatus(await t.http.patch('/api/v1/agencies/H12.01.07').set(ADMIN).send({ name: 'UBND xã Phan Đình Phùng', officeHours: hours }), 200),
    );
    expect(updated).toMatchObject({
      action: 'agency.updated',
      target_id: 'H12.01.07',
      before: { officeHours: [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }] },
      after: { officeHours: hours },
    });
    expect(Object.keys(updated.after!)).toEqual(['officeHours']);

    const published = await onlyRowOf(async () =>
      expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send({ ...HKD, fee: 150000 }), 201),
    );
    expect(published).toMatchObject({
      action: 'procedure.published',
      target_type: 'procedure',
      target_id: HKD.code,
      before: { version: 1, fee: 100000 },
      after: { version: 2, fee: 150000 },
    });
    expect(Object.keys(published.after!).sort()).toEqual(['fee', 'version']);
  });

  it('records sign-ins, failed sign-ins (known or unknown name), password changes, sign-outs and calendar changes', async () => {
    t.clock.set('2026-11-23T11:00:00+07:00');
    const [{ id: clerkId }] = await db.query(`SELECT id FROM app_user WHERE username = 'clerk'`);
    const failed = await onlyRowOf(async () => expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'clerk', password: 'sai-mat-khau' }), 401));
    expect(failed).toMatchObject({ action: 'auth.login_failed', actor_id: null, actor_username: 'clerk', target_id: null, after: { reason: 'invalid_credentials' } });
    const unknown = await onlyRowOf(async () => expectStatus(await t.raw.post('/api/v1/auth/login').send({ username: 'khong.ton.tai', password: 'sai-mat-khau' }), 401));
    expect(unknown).toMatchObject({ action: 'auth.login_failed', actor_id: null, actor_username: 'khong.ton.tai' });
    expect(JSON.stringify([failed, unknown])).not.toContain('sai-mat-khau');

    let token = '';
    const login = await onlyRowOf(async () => {
      const res = await t.raw.post('/api/v1/auth/login').set('User-Agent', BROWSER).send({ username: 'clerk', password: 'demo' });
      expectStatus(res, 200);
      token = res.body.accessToken;
    });
    expect(login).toMatchObject({ action: 'auth.login', actor_id: clerkId, actor_username: 'clerk', target_id: clerkId, user_agent: BROWSER });
    const bearer = { Authorization: `Bearer ${token}` };

    const changed = await onlyRowOf(async () => {
      const res = await t.raw.post('/api/v1/auth/password').set(bearer).send({ currentPassword: 'demo', newPassword: NEW_PASSWORD });
      expectStatus(res, 200);
      token = res.body.accessToken;
    });
    expect(changed).toMatchObject({ action: 'auth.password_changed', actor_id: clerkId, target_id: clerkId, after: { passwordChanged: true } });
    expect(JSON.stringify(changed)).not.toContain(NEW_PASSWORD);

    const loggedOut = await onlyRowOf(async () => expectStatus(await t.raw.post('/api/v1/auth/logout').set({ Authorization: `Bearer ${token}` }).send({}), 204));
    expect(loggedOut).toMatchObject({ action: 'auth.logout', actor_id: clerkId, target_id: clerkId, after: { everywhere: false } });

    const set = await onlyRowOf(async () => expectStatus(await t.http.put('/api/v1/calendar/days/2026-12-31').set(ADMIN).send({ working: false, note: 'Nghỉ cuối năm' }), 200));
    expect(set).toMatchObject({ action: 'calendar.day_set', actor_id: adminId, target_type: 'calendar_day', target_id: '2026-12-31', before: null, after: { working: false, note: 'Nghỉ cuối năm' } });
    const cleared = await onlyRowOf(async () => expectStatus(await t.http.delete('/api/v1/calendar/days/2026-12-31').set(ADMIN), 200));
    expect(cleared).toMatchObject({ action: 'calendar.day_cleared', target_id: '2026-12-31', before: { working: false, note: 'Nghỉ cuối năm' }, after: null });
    await noRowFrom(async () => expectStatus(await t.http.delete('/api/v1/calendar/days/2026-12-31').set(ADMIN), 404));
  });

  it('serves the log to administrators only, newest first, filtered and page by page', async () => {
    expectStatus(await t.http.get('/api/v1/audit').set(as('supervisor', 'giam.sat')), 403);
    expectStatus(await t.http.get('/api/v1/audit').set(as('reception', 'mot.cua')), 403);
    expectStatus(await t.raw.get('/api/v1/audit'), 401);

    const all = await t.http.get('/api/v1/audit?limit=100').set(ADMIN);
    expectStatus(all, 200);
    const stored = await rows();
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual(
      [...stored].sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.id) - Number(a.id)).map((r) => r.id),
    );
    const update = all.body.items.find((e: { action: string }) => e.action === 'user.updated');
    expect(update).toMatchObject({
      at: '2026-11-23T10:20:00+07:00',
      actor: { id: adminId, username: 'quan.tri' },
      targetType: 'user',
      before: { roles: ['reception'], active: true },
      after: { roles: ['reception', 'specialist'], active: false, passwordChanged: true },
    });

    const users = await t.http.get('/api/v1/audit?action=user.created').set(ADMIN);
    expect(users.body.items.map((e: { action: string; after: { username: string } }) => [e.action, e.after.username])).toEqual([['user.created', 'le.van.c']]);
    const agency = await t.http.get('/api/v1/audit?targetType=agency&targetId=H12.01.07').set(ADMIN);
    expect(agency.body.items.map((e: { action: string }) => e.action)).toEqual(['agency.updated', 'agency.created']);
    const byActor = await t.http.get(`/api/v1/audit?actorId=${adminId}&limit=100`).set(ADMIN);
    expect(byActor.body.items.length).toBe(stored.filter((r) => r.actor_id === adminId).length);
    // The demo procedures were published by the system at start-up.
    const seeded = await t.http.get('/api/v1/audit?actorId=system&action=procedure.published&limit=100').set(ADMIN);
    expect(seeded.body.items.length).toBe(SEED_PROCEDURES.length);

    // Periods are local dates, both included.
    t.clock.set('2026-11-25T23:30:00+07:00');
    expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send({ code: 'H12.01.08', name: 'UBND xã Lạc Vệ', level: 'commune', parentCode: 'H12.01' }), 201);
    const on25 = await t.http.get('/api/v1/audit?from=2026-11-25&to=2026-11-25').set(ADMIN);
    expect(on25.body.items.map((e: { targetId: string }) => e.targetId)).toEqual(['H12.01.08']);
    expect(on25.body.items[0].at).toBe('2026-11-25T23:30:00+07:00');
    const upTo24 = await t.http.get('/api/v1/audit?to=2026-11-24&limit=100').set(ADMIN);
    expect(upTo24.body.items.map((e: { targetId: string }) => e.targetId)).not.toContain('H12.01.08');
    expect(upTo24.body.items).toHaveLength(stored.length);

    // Page by page: every row once, in the same order as one long page.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ADMIN);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const everything = await t.http.get('/api/v1/audit?limit=100').set(ADMIN);
    expect(seen).toEqual(everything.body.items.map((e: { id: string }) => e.id));
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    expectFieldError(await t.http.get('/api/v1/audit?action=user.deleted').set(ADMIN), 'action');
    expectFieldError(await t.http.get('/api/v1/audit?targetType=dossier').set(ADMIN), 'targetType');
    expectFieldError(await t.http.get('/api/v1/audit?from=2026-02-30').set(ADMIN), 'from');
    expectFieldError(await t.http.get('/api/v1/audit?from=2026-11-25&to=2026-11-24').set(ADMIN), 'to');
    expectFieldError(await t.http.get('/api/v1/audit?limit=0').set(ADMIN), 'limit');
    expectFieldError(await t.http.get('/api/v1/audit?limit=101').set(ADMIN), 'limit');
    expectFieldError(await t.http.get('/api/v1/audit?cursor=not-a-cursor').set(ADMIN), 'cursor');
    // A well-formed cursor of a time before year 1 (found by the fuzz suite: PostgreSQL cannot hold it, it used to be a 500).
    const ancient = Buffer.from(JSON.stringify(['-271821-04-20T00:00:00Z', '1'])).toString('base64url');
    expectFieldError(await t.http.get(`/api/v1/audit?cursor=${ancient}`).set(ADMIN), 'cursor');
    expectFieldError(await t.http.get('/api/v1/audit?surprise=1').set(ADMIN), 'surprise');
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(db.query(`UPDATE audit_log SET actor_username = 'someone.else'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    expect(await rows(`actor_username = 'someone.else'`)).toEqual([]);
  });
});
