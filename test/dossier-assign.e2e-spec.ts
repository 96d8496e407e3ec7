import { ADMIN, act, accountId, as, createOfficer, eventsOf, expectStatus, getDossier, receive, send } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

const HKD = '1.001193';

/**
 * ASSIGN names an active officer of the agency holding the step who holds the step's role; anything else is one and the
 * same 400, so the answer says nothing about other agencies' accounts. GET …/assignees lists exactly whom ASSIGN accepts.
 */
describe('ASSIGN: only an eligible officer', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    const create = async (username: string, roles: string[], agencyCode: string, active = true) => {
      ids[username] = await createOfficer(t, username, roles, agencyCode, active);
    };
    await create('mc.dang.lam', ['reception'], 'H12.01');
    await create('mc.nghi.viec', ['reception'], 'H12.01', false);
    await create('mc.tinh.khac', ['reception'], 'H12.02');
    await create('cv.cung.tinh', ['specialist'], 'H12.01');
    ids.reception = await accountId(t, 'reception');
    ids.specialist = await accountId(t, 'specialist');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts an active officer of the agency with the step role; refuses every other id with the same answer', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    expect(d.currentStep).toMatchObject({ id: 'receive', role: 'reception' });
    const refusals = [];
    for (const assigneeId of [ids['mc.nghi.viec'], ids['mc.tinh.khac'], ids['cv.cung.tinh'], '00000000-0000-4000-8000-000000000000', 'cv.nguyen']) {
      const res = await send(t, d.id, { type: 'ASSIGN', assigneeId });
      expectStatus(res, 400);
      refusals.push(res.body);
    }
    // Unknown, inactive, another agency's or another role's: one answer, naming the field and the step's role only.
    for (const body of refusals) expect(body).toEqual(refusals[0]);
    expect(refusals[0]).toMatchObject({
      error: 'validation_failed',
      details: [{ field: 'assigneeId', code: 'assignee_not_eligible', params: { role: 'reception' }, reason: expect.stringContaining('active officer') }],
    });
    expect((await getDossier(t, d.id)).version).toBe(d.version);

    const assigned = await act(t, d.id, { type: 'ASSIGN', assigneeId: ids['mc.dang.lam'] });
    expect(assigned.currentStep).toMatchObject({ id: 'receive', assigneeId: ids['mc.dang.lam'] });
    // The step's officer assigns a colleague, as the desk does.
    const byDesk = await act(t, d.id, { type: 'ASSIGN', assigneeId: ids.reception }, { headers: as('reception', 'mot.cua', 'H12.01') });
    expect(byDesk.currentStep?.assigneeId).toBe(ids.reception);

    // At the next step the role changes: the desk officer no longer qualifies, the specialist does.
    await act(t, d.id, { type: 'FORWARD' });
    const wrongRole = await send(t, d.id, { type: 'ASSIGN', assigneeId: ids.reception });
    expectStatus(wrongRole, 400);
    expect(wrongRole.body.details[0]).toMatchObject({ field: 'assigneeId', code: 'assignee_not_eligible', params: { role: 'specialist' } });
    const appraiser = await act(t, d.id, { type: 'ASSIGN', assigneeId: ids.specialist });
    expect(appraiser.currentStep).toMatchObject({ id: 'appraise', assigneeId: ids.specialist });
    expect((await eventsOf(t, d.id)).filter((e) => e.type === 'ASSIGN').map((e) => e.data.assigneeId)).toEqual([ids['mc.dang.lam'], ids.reception, ids.specialist]);
  });

  it('an officer deactivated since is refused', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    await act(t, d.id, { type: 'ASSIGN', assigneeId: ids['mc.dang.lam'] });
    expectStatus(await t.http.patch(`/api/v1/users/${ids['mc.dang.lam']}`).set(ADMIN).send({ active: false }), 200);
    try {
      const res = await send(t, d.id, { type: 'ASSIGN', assigneeId: ids['mc.dang.lam'] });
      expectStatus(res, 400);
      expect(res.body.details[0]).toMatchObject({ field: 'assigneeId', code: 'assignee_not_eligible' });
    } finally {
      expectStatus(await t.http.patch(`/api/v1/users/${ids['mc.dang.lam']}`).set(ADMIN).send({ active: true }), 200);
    }
  });

  it('GET …/assignees lists exactly the eligible officers of the current step, by name; none once it is at no step', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    // Read when compared: the requests below provision their own accounts.
    type Account = { id: string; username: string; fullName: string; roles: string[]; agencyCode: string; active: boolean };
    const expected = async (role: string) =>
      ((await t.http.get('/api/v1/users').set(ADMIN)).body.items as Account[])
        .filter((u) => u.agencyCode === 'H12.01' && u.active && u.roles.includes(role))
        .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : a.username < b.username ? -1 : 1))
        .map((u) => ({ id: u.id, username: u.username, fullName: u.fullName }));

    const desk = await t.http.get(`/api/v1/dossiers/${d.id}/assignees`).set(as('specialist', 'cv.xem', 'H12.01'));
    expectStatus(desk, 200);
    expect(desk.body.items).toEqual(await expected('reception'));
    const listed = (desk.body.items as { id: string }[]).map((u) => u.id);
    expect(listed).toContain(ids['mc.dang.lam']);
    for (const excluded of ['mc.nghi.viec', 'mc.tinh.khac', 'cv.cung.tinh']) expect(listed).not.toContain(ids[excluded]);
    // Every listed officer is one ASSIGN accepts.
    for (const id of listed) await act(t, d.id, { type: 'ASSIGN', assigneeId: id });

    await act(t, d.id, { type: 'FORWARD' });
    const appraise = await t.http.get(`/api/v1/dossiers/${d.id}/assignees`).set(ADMIN);
    expect(appraise.body.items).toEqual(await expected('specialist'));
    expect((appraise.body.items as { id: string }[]).map((u) => u.id)).toContain(ids['cv.cung.tinh']);

    await act(t, d.id, { type: 'WITHDRAW', note: 'Công dân rút hồ sơ' });
    const none = await t.http.get(`/api/v1/dossiers/${d.id}/assignees`).set(ADMIN);
    expectStatus(none, 200);
    expect(none.body).toEqual({ items: [] });
  });

  it('answers 404 outside the caller’s agencies, as the dossier does', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    for (const [id, headers] of [
      [d.id, as('reception', 'mc.xem.tinh.khac', 'H12.02')],
      ['00000000-0000-4000-8000-000000000000', ADMIN],
      ['not-a-uuid', ADMIN],
    ] as const) {
      const res = await t.http.get(`/api/v1/dossiers/${id}/assignees`).set(headers);
      expectStatus(res, 404);
      expect(res.body).toMatchObject({ error: 'not_found' });
    }
  });
});
