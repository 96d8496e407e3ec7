import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { applicant, as, assigneesOf, createOfficer, expectFieldError, expectStatus, listAll } from './support/dossier-api';

/**
 * GET /api/v1/reports/live: the supervisor's dashboard counters, read now (the server's clock) from the dossiers, without
 * any timer flag (no worker runs here). Default office hours; no holiday in November 2026; 2026-11-23 is a Monday.
 *
 * | dossier | agency | procedure | received | due | then | now (Mon 11-23 09:00) |
 * |---|---|---|---|---|---|---|
 * | A | H12.01 | HKD 3 wd | Mon 11-02 09:00 | Thu 11-05 09:00 | — | processing, overdue |
 * | B | H12.01 | HKD | Wed 11-18 14:00 | Mon 11-23 14:00 | — | processing, due soon (< 1 working day left) |
 * | C | H12.01 | HKD | now | Thu 11-26 09:00 | — | processing |
 * | D | H12.02 | DAT 10 wd, pause | Mon 11-16 09:00 | Mon 11-30 09:00 | supplement asked 11-17 | awaiting supplement (since before due: not overdue) |
 * | E | H12.02 | HKD | Tue 11-03 09:00 | Fri 11-06 09:00 | suspended 11-10 | suspended, overdue (suspended after due) |
 * | F | H12.02.03 | CT 2 wh | Fri 11-20 09:00 | Fri 11-20 11:00 | completed 11-20 09:30 | result ready |
 * | G | H12.02.03 | CT | Thu 11-19 09:00 | | withdrawn 11-19 10:00 | nowhere |
 * | H | H12.10 | LLTP 10 wd | Thu 10-01 09:00 | Thu 10-15 09:00 | — | processing, overdue |
 * | I | H12.01 | CT | Thu 11-19 09:00 | | completed and handed back 11-19 | nowhere |
 */

const HKD = '1.001193';
const DAT = '1.000800';
const CT = '1.000900';
const LLTP = '1.000600';
const NOW = '2026-11-23T09:00:00+07:00';

const actingAs = (roles: string, agencyCode?: string) => as(roles, `live-${roles}-${agencyCode ?? 'all'}`.toLowerCase(), agencyCode);
const ADMIN = actingAs('admin');
const SUPERVISOR_H1202 = actingAs('supervisor', 'H12.02');

type Counts = [inProgress: number, dueSoon: number, overdue: number, awaitingSupplement: number, suspended: number, resultReady: number];
function counts([inProgress, dueSoon, overdue, awaitingSupplement, suspended, resultReady]: Counts) {
  return { inProgress, dueSoon, overdue, awaitingSupplement, suspended, resultReady };
}
const ZERO: Counts = [0, 0, 0, 0, 0, 0];

describe('reports: live counters', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const live = (headers: Record<string, string>, query: Record<string, string> = {}) => t.http.get('/api/v1/reports/live').set(headers).query(query);

  async function receive(name: string, agencyCode: string, procedureCode: string, receivedAt?: string) {
    const res = await t.http
      .post('/api/v1/dossiers')
      .set(ADMIN)
      .send({ procedureCode, agencyCode, channel: 'direct', applicant: applicant(), ...(receivedAt ? { receivedAt } : {}) });
    expectStatus(res, 201);
    ids[name] = res.body.id;
    return res.body as { dueAt: string; dueSoon: boolean; overdue: boolean };
  }

  async function event(name: string, at: string, body: Record<string, unknown>) {
    const res = await t.http.post(`/api/v1/dossiers/${ids[name]}/events`).set(ADMIN).send({ ...body, occurredAt: at });
    expectStatus(res, 200);
    return res.body as { allowedEvents: string[]; status: string };
  }

  async function complete(name: string, at: string) {
    let d = await event(name, at, { type: 'ASSIGN', assigneeId: (await assigneesOf(t, ids[name]))[0].id });
    while (!d.allowedEvents.includes('COMPLETE')) d = await event(name, at, { type: 'FORWARD' });
    expect((await event(name, at, { type: 'COMPLETE', resultType: 'approved' })).status).toBe('result_ready');
  }

  beforeAll(async () => {
    t = await startTestApp(NOW);
    await withoutCultureDay2026(t);
    // A desk officer in each agency besides the demo one, for ASSIGN at the first step.
    for (const agency of ['H12.01.05', 'H12.02', 'H12.02.03', 'H12.10']) await createOfficer(t, `cv.a.${agency.toLowerCase()}`, ['reception'], agency);
    expect((await receive('A', 'H12.01', HKD, '2026-11-02T09:00:00+07:00')).dueAt).toBe('2026-11-05T09:00:00+07:00');
    const b = await receive('B', 'H12.01', HKD, '2026-11-18T14:00:00+07:00');
    expect(b).toMatchObject({ dueAt: '2026-11-23T14:00:00+07:00', dueSoon: true, overdue: false });
    expect((await receive('C', 'H12.01', HKD)).dueAt).toBe('2026-11-26T09:00:00+07:00');
    expect((await receive('D', 'H12.02', DAT, '2026-11-16T09:00:00+07:00')).dueAt).toBe('2026-11-30T09:00:00+07:00');
    await event('D', '2026-11-17T09:00:00+07:00', { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung', missingItems: ['Bản sao CCCD'] });
    expect((await receive('E', 'H12.02', HKD, '2026-11-03T09:00:00+07:00')).dueAt).toBe('2026-11-06T09:00:00+07:00');
    await event('E', '2026-11-10T09:00:00+07:00', { type: 'SUSPEND', reason: 'other' });
    await receive('F', 'H12.02.03', CT, '2026-11-20T09:00:00+07:00');
    await complete('F', '2026-11-20T09:30:00+07:00');
    await receive('G', 'H12.02.03', CT, '2026-11-19T09:00:00+07:00');
    await event('G', '2026-11-19T10:00:00+07:00', { type: 'WITHDRAW', note: 'Rút' });
    expect((await receive('H', 'H12.10', LLTP, '2026-10-01T09:00:00+07:00')).dueAt).toBe('2026-10-15T09:00:00+07:00');
    await receive('I', 'H12.01', CT, '2026-11-19T09:00:00+07:00');
    await complete('I', '2026-11-19T09:30:00+07:00');
    await event('I', '2026-11-19T10:00:00+07:00', { type: 'DELIVER' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts every live dossier of the whole tree for an administrator, per agency with zeros, at the server clock', async () => {
    const res = await live(ADMIN);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ asOf: NOW, ...counts([6, 1, 3, 1, 1, 1]) });
    expect(res.body.byAgency).toEqual([
      { agencyCode: 'H12', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', parentCode: null, ...counts(ZERO) },
      { agencyCode: 'H12.00', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh', parentCode: 'H12', ...counts(ZERO) },
      { agencyCode: 'H12.01', name: 'Ủy ban nhân dân xã Tiên Du', parentCode: 'H12', ...counts([3, 1, 1, 0, 0, 0]) },
      { agencyCode: 'H12.01.05', name: 'Phòng Kinh tế xã Tiên Du', parentCode: 'H12.01', ...counts(ZERO) },
      { agencyCode: 'H12.02', name: 'Ủy ban nhân dân phường Kinh Bắc', parentCode: 'H12', ...counts([2, 0, 1, 1, 1, 0]) },
      { agencyCode: 'H12.02.03', name: 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kinh Bắc', parentCode: 'H12.02', ...counts([0, 0, 0, 0, 0, 1]) },
      { agencyCode: 'H12.10', name: 'Sở Tư pháp tỉnh Bắc Ninh', parentCode: 'H12', ...counts([1, 0, 1, 0, 0, 0]) },
      { agencyCode: 'H12.20', name: 'Văn phòng Đăng ký đất đai tỉnh Bắc Ninh', parentCode: 'H12', ...counts(ZERO) },
      { agencyCode: 'H12.20.02', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Tiên Du', parentCode: 'H12.20', ...counts(ZERO) },
      { agencyCode: 'H12.30', name: 'Thuế tỉnh Bắc Ninh', parentCode: 'H12', ...counts(ZERO) },
    ]);
  });

  it('lists the most overdue first, with the procedure and the step it is stuck in', async () => {
    const { body } = await live(ADMIN);
    expect(body.mostOverdue.map((d: { id: string }) => d.id)).toEqual([ids.H, ids.A, ids.E]);
    expect(body.mostOverdue[2]).toEqual({
      id: ids.E,
      code: expect.stringMatching(/^H12\.02-261103-\d{4}$/),
      procedureCode: HKD,
      procedureName: 'Đăng ký thành lập hộ kinh doanh',
      agencyCode: 'H12.02',
      status: 'suspended',
      dueAt: '2026-11-06T09:00:00+07:00',
      currentStep: { id: 'receive', name: 'Tiếp nhận, chuyển hồ sơ', role: 'reception' },
    });
  });

  it('a supervisor sees their agency and the agencies under it, nothing else', async () => {
    const res = await live(SUPERVISOR_H1202);
    expectStatus(res, 200);
    expect(res.body).toMatchObject(counts([2, 0, 1, 1, 1, 1]));
    expect(res.body.byAgency.map((a: { agencyCode: string }) => a.agencyCode)).toEqual(['H12.02', 'H12.02.03']);
    expect(res.body.mostOverdue.map((d: { id: string }) => d.id)).toEqual([ids.E]);
  });

  it('agencyCode narrows to that agency; outside the scope or unknown it answers 404; bad input 400; other roles 403', async () => {
    const own = await live(SUPERVISOR_H1202, { agencyCode: 'H12.02.03' });
    expectStatus(own, 200);
    expect(own.body).toMatchObject({ ...counts([0, 0, 0, 0, 0, 1]), mostOverdue: [] });
    expect(own.body.byAgency.map((a: { agencyCode: string }) => a.agencyCode)).toEqual(['H12.02.03']);
    expect((await live(ADMIN, { agencyCode: 'H12.10' })).body).toMatchObject(counts([1, 0, 1, 0, 0, 0]));
    expectStatus(await live(SUPERVISOR_H1202, { agencyCode: 'H12.01' }), 404);
    expectStatus(await live(SUPERVISOR_H1202, { agencyCode: 'H12' }), 404);
    expectStatus(await live(ADMIN, { agencyCode: 'X99' }), 404);
    expectFieldError(await live(ADMIN, { agencyCode: 'a b' }), 'agencyCode');
    // Live counters are read now: a period is not a parameter of theirs.
    expectFieldError(await live(ADMIN, { from: '2026-11-01' }), 'from');
    expectStatus(await live(actingAs('reception', 'H12.01')), 403);
    // A leader reads reports for their own agency only.
    expect((await live(actingAs('leader', 'H12.01'))).body).toMatchObject(counts([3, 1, 1, 0, 0, 0]));
  });

  it('moves with the clock alone, and agrees with the dossier list filters', async () => {
    try {
      // B's due time passes, C gets within a working day of its own.
      t.clock.set('2026-11-25T10:00:00+07:00');
      const res = await live(ADMIN);
      expect(res.body).toMatchObject({ asOf: '2026-11-25T10:00:00+07:00', ...counts([6, 1, 4, 1, 1, 1]) });
      expect(res.body.byAgency.find((a: { agencyCode: string }) => a.agencyCode === 'H12.01')).toMatchObject(counts([3, 1, 2, 0, 0, 0]));
      expect(res.body.mostOverdue.map((d: { id: string }) => d.id)).toEqual([ids.H, ids.A, ids.E, ids.B]);
      const overdue = await listAll(t, { overdue: 'true' });
      const dueSoon = await listAll(t, { dueSoon: 'true' });
      expect(overdue.map((d) => d.id).sort()).toEqual([ids.A, ids.B, ids.E, ids.H].sort());
      expect(dueSoon.map((d) => d.id)).toEqual([ids.C]);
    } finally {
      t.clock.set(NOW);
    }
  });
});
