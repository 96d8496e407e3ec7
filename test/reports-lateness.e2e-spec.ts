import ExcelJS from 'exceljs';
import { type TestApp, startTestApp } from './support/test-app';
import { ADMIN, act, as, expectFieldError, expectStatus, receive } from './support/dossier-api';

/**
 * GET /api/v1/reports/lateness: steps finished, late, and working minutes late, per agency that HELD the step (liên thông),
 * and groupBy=receiving for the 06a and the live counters. Agencies and the procedure are made here through the API.
 *
 * Procedure LT.LATE.01: receive (reception, 4 working hours, the receiving desk) → appraise (specialist, 8 working hours,
 * H12.72, which works mornings only: 07:30–11:30) → sign (leader, 4 working hours, the resolving agency); others on the
 * default hours 07:30–11:30, 13:30–17:00. No holiday from 30/11 to 7/12/2026 (Mon 30/11 … Mon 7/12).
 *
 * X: desk H12.71 receives for H12.73 (resolving) on Mon 30/11 08:00.
 * | step | held by | started | due | ended | late (working minutes, holder's calendar) |
 * |---|---|---|---|---|---|
 * | receive | H12.71 | Mon 08:00 | Mon 14:00 | FORWARD Mon 09:00 | on time |
 * | appraise | H12.72 | Mon 09:00 | Wed 2/12 09:00 (150 + 240 + 90) | FORWARD Thu 3/12 10:00 | Wed 09:00–11:30 + Thu 07:30–10:00 = 300 |
 * | sign | H12.73 | Thu 10:00 | Thu 16:00 | RETURN Thu 11:00 (to H12.72) | on time |
 * | appraise | H12.72 | Thu 11:00 | Mon 7/12 11:00 | FORWARD Fri 4/12 08:00 | on time |
 * | sign | H12.73 | Fri 08:00 | Fri 14:00 | COMPLETE Mon 7/12 08:00 | Fri 14:00–17:00 + Mon 07:30–08:00 = 210 |
 *
 * Y: desk H12.71 receives for itself on Mon 30/11 09:30, forwards at once (on time) to H12.72, due Wed 2/12 09:30: still
 * there now (Mon 7/12 09:00), overdue.
 */

const DESK = 'H12.71';
const LAND = 'H12.72';
const RESOLVER = 'H12.73';
const PROCEDURE = 'LT.LATE.01';
const NOW = '2026-12-07T09:00:00+07:00';

const deskOfficer = as('reception', 'desk.71', DESK);
const specialist = as('specialist', 'specialist.72', LAND);
const leader = as('leader', 'leader.73', RESOLVER);
const supervisorLand = as('supervisor', 'supervisor.72', LAND);
const supervisorResolver = as('supervisor', 'supervisor.73', RESOLVER);
const supervisorDesk = as('supervisor', 'supervisor.71', DESK);

const definition = {
  code: PROCEDURE,
  name: 'Đăng ký biến động (liên thông, thử chậm muộn)',
  field: 'Đất đai',
  level: 'commune',
  processingTime: { value: 10, unit: 'working_days' },
  supplementPolicy: 'pause',
  steps: [
    { id: 'receive', name: 'Tiếp nhận', role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } },
    { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 8, unit: 'working_hours' }, agency: { code: LAND } },
    { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 4, unit: 'working_hours' } },
  ],
  requiredDocuments: [{ code: 'DDK', name: 'Đơn đăng ký', copies: 1 }],
  fee: 0,
};

interface Row {
  agencyCode: string;
  name: string;
  stepsHeld: number;
  stepsLate: number;
  workingMinutesLate: number;
  overdueNow: number;
}

const row = (agencyCode: string, stepsHeld: number, stepsLate: number, workingMinutesLate: number, overdueNow: number) => ({
  agencyCode,
  stepsHeld,
  stepsLate,
  workingMinutesLate,
  overdueNow,
});

describe('reports: step lateness per holding agency, and the desks’ view', () => {
  let t: TestApp;
  let x: string;
  let y: string;

  const lateness = (headers: Record<string, string>, query: Record<string, string> = {}) =>
    t.http.get('/api/v1/reports/lateness').set(headers).query({ from: '2026-11-30', to: '2026-12-07', ...query });
  const rowsOf = (body: { rows: Row[] }) => body.rows.map(({ name: _name, ...r }) => r);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-30T07:00:00+07:00' });
    const agencies = [
      { code: DESK, name: 'UBND xã Bàn Tiếp Nhận (minh họa)', level: 'commune', parentCode: 'H12', receivesFor: 'province' },
      { code: LAND, name: 'Văn phòng đăng ký đất đai (minh họa)', level: 'department', parentCode: 'H12', officeHours: [{ from: '07:30', to: '11:30' }] },
      { code: RESOLVER, name: 'Sở giải quyết (minh họa)', level: 'department', parentCode: 'H12' },
    ];
    for (const a of agencies) expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send(a), 201);
    expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send(definition), 201);

    const dx = await receive(t, { procedureCode: PROCEDURE, agencyCode: DESK, at: '2026-11-30T08:00:00+07:00', headers: deskOfficer, extra: { agencyCode: RESOLVER } });
    x = dx.id;
    expect(dx).toMatchObject({ agencyCode: RESOLVER, receivingAgencyCode: DESK, currentStep: { id: 'receive', dueAt: '2026-11-30T14:00:00+07:00' } });
    let d = await act(t, x, { type: 'FORWARD' }, { at: '2026-11-30T09:00:00+07:00', headers: deskOfficer });
    // Due on the land office's mornings: 150 minutes on Monday, 240 on Tuesday, 90 on Wednesday.
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: LAND, dueAt: '2026-12-02T09:00:00+07:00' });

    const dy = await receive(t, { procedureCode: PROCEDURE, agencyCode: DESK, at: '2026-11-30T09:30:00+07:00', headers: deskOfficer });
    y = dy.id;
    d = await act(t, y, { type: 'FORWARD' }, { headers: deskOfficer });
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: LAND, dueAt: '2026-12-02T09:30:00+07:00' });

    d = await act(t, x, { type: 'FORWARD' }, { at: '2026-12-03T10:00:00+07:00', headers: specialist });
    expect(d.currentStep).toMatchObject({ id: 'sign', agencyCode: RESOLVER, dueAt: '2026-12-03T16:00:00+07:00' });
    d = await act(t, x, { type: 'RETURN', note: 'Đề nghị thẩm định lại' }, { at: '2026-12-03T11:00:00+07:00', headers: leader });
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: LAND, dueAt: '2026-12-07T11:00:00+07:00' });
    d = await act(t, x, { type: 'FORWARD' }, { at: '2026-12-04T08:00:00+07:00', headers: specialist });
    expect(d.currentStep).toMatchObject({ id: 'sign', agencyCode: RESOLVER, dueAt: '2026-12-04T14:00:00+07:00' });
    d = await act(t, x, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-12-07T08:00:00+07:00', headers: leader });
    expect(d.status).toBe('result_ready');
    t.clock.set(NOW);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('attributes each finished step to the agency that held it, a return across agencies included', async () => {
    const res = await lateness(ADMIN);
    expectStatus(res, 200);
    expect(res.body.period).toEqual({ from: '2026-11-30', to: '2026-12-07' });
    expect(res.body.asOf).toBe(NOW);
    expect(rowsOf(res.body)).toEqual([row(DESK, 2, 0, 0, 0), row(LAND, 2, 1, 300, 1), row(RESOLVER, 2, 1, 210, 0)]);
    expect(res.body.rows.find((r: Row) => r.agencyCode === LAND).name).toBe('Văn phòng đăng ký đất đai (minh họa)');
    expect(res.body.total).toEqual({ stepsHeld: 6, stepsLate: 2, workingMinutesLate: 510, overdueNow: 1 });
  });

  it('counts the steps finished within the period, local dates inclusive', async () => {
    // Fri 4/12 … Mon 7/12: the land office's second appraisal (on time) and the late signature at 08:00 local on the 7th.
    expect(rowsOf((await lateness(ADMIN, { from: '2026-12-04' }).expect(200)).body)).toEqual([row(LAND, 1, 0, 0, 1), row(RESOLVER, 1, 1, 210, 0)]);
    // Until Sun 6/12 the signature is not in (it ended on the 7th local, the 7th 01:00 UTC).
    expect(rowsOf((await lateness(ADMIN, { from: '2026-12-04', to: '2026-12-06' }).expect(200)).body)).toEqual([row(LAND, 1, 0, 0, 1)]);
    // The procedure filter applies to the dossiers; another procedure's steps: none, and the overdue step is not of it.
    expect((await lateness(ADMIN, { procedureCode: '1.001193' }).expect(200)).body.rows).toEqual([]);
  });

  it('scopes by the agency that held the steps: a supervisor sees their agency, agencyCode narrows, outside is 404', async () => {
    expect(rowsOf((await lateness(supervisorLand).expect(200)).body)).toEqual([row(LAND, 2, 1, 300, 1)]);
    expect(rowsOf((await lateness(supervisorResolver).expect(200)).body)).toEqual([row(RESOLVER, 2, 1, 210, 0)]);
    expect(rowsOf((await lateness(ADMIN, { agencyCode: RESOLVER }).expect(200)).body)).toEqual([row(RESOLVER, 2, 1, 210, 0)]);
    await lateness(supervisorLand, { agencyCode: LAND }).expect(200);
    await lateness(supervisorLand, { agencyCode: RESOLVER }).expect(404);
    await lateness(supervisorLand, { agencyCode: 'H12.NOPE' }).expect(404);
    // The demo supervisor of H12.01 held nothing.
    expect((await lateness(as('supervisor', 'supervisor.01', 'H12.01')).expect(200)).body.rows).toEqual([]);
    await lateness(as('specialist', 'specialist.72b', LAND)).expect(403);
  });

  it('validates the period as the other reports do', async () => {
    expectFieldError(await lateness(ADMIN, { to: '2026-11-29' }), 'to');
    expectFieldError(await lateness(ADMIN, { from: '2026-02-30' }), 'from');
    expectFieldError(await lateness(ADMIN, { from: '2026-12-08', to: '2026-12-08' }), 'from');
  });

  it('06a: a dossier counts once, under its resolving agency by default and under its desk with groupBy=receiving', async () => {
    const q = { from: '2026-11-30', to: '2026-12-07' };
    const byAgency = (await t.http.get('/api/v1/reports/06a').set(ADMIN).query({ ...q, groupBy: 'agency' }).expect(200)).body;
    const byDesk = (await t.http.get('/api/v1/reports/06a').set(ADMIN).query({ ...q, groupBy: 'receiving' }).expect(200)).body;
    type Row06a = { key: string; label: string; received: { total: number }; resolved: { total: number }; inProgress: { total: number } };
    const cells = (r: Row06a) => [
      r.key,
      r.received.total,
      r.resolved.total,
      r.inProgress.total,
    ];
    const ours = (rows: Row06a[]) => rows.filter((r) => [DESK, LAND, RESOLVER].includes(r.key));
    // X was received at H12.71 for H12.73 and resolved; Y is H12.71's own, in progress (now at the land office).
    expect(ours(byAgency.rows).map(cells)).toEqual([
      [DESK, 1, 0, 1],
      [RESOLVER, 1, 1, 0],
    ]);
    expect(byDesk.groupBy).toBe('receiving');
    expect(ours(byDesk.rows).map(cells)).toEqual([[DESK, 2, 1, 1]]);
    expect(byDesk.rows.find((r: Row06a) => r.key === DESK).label).toBe('UBND xã Bàn Tiếp Nhận (minh họa)');
    expect(byDesk.total).toEqual(byAgency.total);

    // The scope stays the resolving agency's: the supervisor of H12.73 sees X under the desk that received it, the desk's only Y.
    const resolverDesk = (await t.http.get('/api/v1/reports/06a').set(supervisorResolver).query({ ...q, groupBy: 'receiving' }).expect(200)).body;
    expect(resolverDesk.rows.map(cells)).toEqual([[DESK, 1, 1, 0]]);
    const deskDesk = (await t.http.get('/api/v1/reports/06a').set(supervisorDesk).query({ ...q, groupBy: 'receiving' }).expect(200)).body;
    expect(deskDesk.rows.map(cells)).toEqual([[DESK, 1, 0, 1]]);
    const deskOwn = (await t.http.get('/api/v1/reports/06a').set(supervisorDesk).query({ ...q, groupBy: 'agency' }).expect(200)).body;
    expect(deskOwn.total).toEqual(deskDesk.total);

    const xlsx = await t.http
      .get('/api/v1/reports/06a')
      .set(ADMIN)
      .query({ ...q, groupBy: 'receiving', format: 'xlsx' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-disposition']).toContain('_receiving.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ExcelJS.Buffer); // a Node Buffer at run time, which exceljs reads
    const ws = wb.worksheets[0];
    expect(ws.getCell(4, 2).value).toBe('Bộ phận tiếp nhận');
    const labels: unknown[] = [];
    ws.eachRow((r) => labels.push(r.getCell(2).value));
    expect(labels).toContain('UBND xã Bàn Tiếp Nhận (minh họa)');
    expect(labels).not.toContain('Sở giải quyết (minh họa)');
  });

  it('live counters: groupBy=receiving counts the same dossiers per desk', async () => {
    const live = async (headers: Record<string, string>, query: Record<string, string> = {}) =>
      (await t.http.get('/api/v1/reports/live').set(headers).query(query).expect(200)).body as {
        inProgress: number;
        resultReady: number;
        byAgency: { agencyCode: string; inProgress: number; resultReady: number }[];
      };
    const pick = (b: Awaited<ReturnType<typeof live>>) =>
      b.byAgency.filter((a) => [DESK, LAND, RESOLVER].includes(a.agencyCode)).map((a) => [a.agencyCode, a.inProgress, a.resultReady]);
    const byAgency = await live(ADMIN);
    const byDesk = await live(ADMIN, { groupBy: 'receiving' });
    expect(pick(byAgency)).toEqual([
      [DESK, 1, 0],
      [LAND, 0, 0],
      [RESOLVER, 0, 1],
    ]);
    expect(pick(byDesk)).toEqual([
      [DESK, 1, 1],
      [LAND, 0, 0],
      [RESOLVER, 0, 0],
    ]);
    expect({ ...byDesk, byAgency: undefined }).toEqual({ ...byAgency, byAgency: undefined });
    expect(await live(ADMIN, { groupBy: 'agency' })).toEqual(byAgency);
    // A supervisor of the resolving agency: its own row (zeros) and the desk that received its dossier.
    expect(pick(await live(supervisorResolver, { groupBy: 'receiving' }))).toEqual([
      [DESK, 0, 1],
      [RESOLVER, 0, 0],
    ]);
    expectFieldError(await t.http.get('/api/v1/reports/live').set(ADMIN).query({ groupBy: 'field' }), 'groupBy');
  });
});
