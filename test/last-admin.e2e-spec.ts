import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ADMIN, as, expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/** Somebody must always be able to manage accounts: the last active administrator cannot be demoted or deactivated. */
describe('the last active administrator', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('cannot remove their own admin role or deactivate themselves until another administrator exists', async () => {
    expectStatus(await t.http.get('/api/v1/users').set(ADMIN), 200); // the acting administrator's account exists from here on
    const [me] = await db.query(`SELECT id FROM app_user WHERE username = 'quan.tri'`);
    // Every other administrator (the demo one) is gone: this one is the last.
    await db.query(`UPDATE app_user SET active = false WHERE 'admin' = ANY(roles) AND id <> $1`, [me.id]);

    const demote = await t.http.patch(`/api/v1/users/${me.id}`).set(ADMIN).send({ roles: ['supervisor'] });
    expectStatus(demote, 409);
    expect(demote.body).toMatchObject({ error: 'last_admin' });
    const deactivate = await t.http.patch(`/api/v1/users/${me.id}`).set(ADMIN).send({ active: false });
    expectStatus(deactivate, 409);
    const [still] = await db.query('SELECT roles, active FROM app_user WHERE id = $1', [me.id]);
    expect(still).toEqual({ roles: ['admin'], active: true });

    const second = await t.http.post('/api/v1/users').set(ADMIN).send({ username: 'quan.tri.2', fullName: 'Quản trị hai', password: 'mat-khau-dai-du-12', roles: ['admin'], agencyCode: null });
    expectStatus(second, 201);
    const now = await t.http.patch(`/api/v1/users/${me.id}`).set(ADMIN).send({ roles: ['admin', 'supervisor'] });
    expectStatus(now, 200);
    // A change of roles ends the account's tokens: the administrator goes on with a new one, holding both roles.
    const meNow = as('admin,supervisor', 'quan.tri');
    // Two administrators: one may step down, the one left may not.
    expectStatus(await t.http.patch(`/api/v1/users/${second.body.id}`).set(meNow).send({ active: false }), 200);
    expectStatus(await t.http.patch(`/api/v1/users/${me.id}`).set(meNow).send({ roles: ['supervisor'] }), 409);
  });
});
