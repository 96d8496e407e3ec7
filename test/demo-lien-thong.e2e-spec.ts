import { checkConsistency } from '@app/consistency';
import type { Dossier, DossierEvent } from './support/dossier-api';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The demo province of the default start (README "Demo data"): the new Bắc Ninh in the two-tier model, and its two liên
 * thông procedures walked across their agencies by the demo accounts themselves, signed in with the demo password.
 * Monday 23/11/2026 in an ordinary week; default office hours 07:30–11:30, 13:30–17:00.
 */

const TIEN_DU = 'H12.01';
const KINH_BAC = 'H12.02';
const CENTRE = 'H12.00';
const LAND_BRANCH = 'H12.20.02';
const TAX = 'H12.30';
const LAND = '1.000800';
const HOUSEHOLD_BUSINESS = '1.001193';
const applicant = { type: 'citizen', fullName: 'Nguyễn Thị Thửa', idNumber: '027190012345', phone: '0912345678' };

type LienThongEvent = DossierEvent & { fromAgency: string | null; toAgency: string | null };

describe('the demo province: both liên thông procedures walked by the demo accounts', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const bearer = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const get = (who: string, id: string) => t.raw.get(`/api/v1/dossiers/${id}`).set(bearer(who));
  const send = (who: string, id: string, body: object) => t.raw.post(`/api/v1/dossiers/${id}/events`).set(bearer(who)).send(body);
  const act = async (who: string, id: string, body: object, at: string): Promise<Dossier> => {
    t.clock.set(at);
    const res = await send(who, id, body);
    if (res.status !== 200) throw new Error(`${who} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Dossier;
  };
  const queue = async (who: string, stepRole: string) =>
    ((await t.raw.get('/api/v1/dossiers').query({ stepRole, limit: '100' }).set(bearer(who)).expect(200)).body.items as Dossier[]).map((d) => d.id);
  const handovers = async (id: string) =>
    ((await t.raw.get(`/api/v1/dossiers/${id}/events`).set(bearer('admin')).expect(200)).body.items as LienThongEvent[])
      .filter((e) => e.fromAgency || e.toAgency)
      .map((e) => [e.type, e.fromStep, e.toStep, e.fromAgency, e.toAgency]);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T08:00:00+07:00', env: { JWT_TTL_MINUTES: '10080', SESSION_MAX_HOURS: '168' } });
    await withoutCultureDay2026(t);
    const accounts = ['admin', 'reception', 'leader', 'supervisor', 'tinh.giamsat', 'tinh.motcua', 'dat.chuyenvien', 'dat.lanhdao', 'dat.giamsat', 'thue.chuyenvien'];
    for (const who of [...accounts, 'kinhbac.motcua', 'kinhbac.chuyenvien', 'kinhbac.lanhdao', 'kinhbac.vanthu']) {
      const res = await t.raw.post('/api/v1/auth/login').send({ username: who, password: 'demo' });
      if (res.status !== 200) throw new Error(`demo account ${who}: ${res.status}`);
      token[who] = res.body.accessToken;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the two-tier province: no district, centres that receive for the whole province, the land procedure naming the tax office', async () => {
    const agencies = (await t.raw.get('/api/v1/agencies').set(bearer('admin')).expect(200)).body.items as { code: string; level: string; receivesFor: string; parentCode: string | null }[];
    expect(agencies.map((a) => a.code).sort()).toEqual(['H12', 'H12.00', 'H12.01', 'H12.01.05', 'H12.02', 'H12.02.03', 'H12.10', 'H12.20', 'H12.20.02', 'H12.30']);
    expect(agencies.filter((a) => a.level === 'district')).toEqual([]);
    expect(agencies.filter((a) => a.receivesFor === 'province').map((a) => a.code).sort()).toEqual([CENTRE, TIEN_DU, KINH_BAC]);
    // Communes sit directly under the province.
    expect(agencies.filter((a) => a.level === 'commune' && a.parentCode === 'H12').map((a) => a.code).sort()).toEqual([TIEN_DU, KINH_BAC]);
    const land = (await t.raw.get(`/api/v1/procedures/${LAND}`).set(bearer('admin')).expect(200)).body as { level: string; steps: { id: string; agency?: object }[] };
    expect(land.level).toBe('province');
    expect(land.steps.map((s) => [s.id, s.agency ?? null])).toEqual([
      ['receive', { relation: 'receiving' }],
      ['appraise', null],
      ['tax', { code: TAX }],
      ['update', null],
      ['sign', null],
      ['deliver', { relation: 'receiving' }],
    ]);
  });

  it('land change: commune desk → land office branch → tax office (suspended while the applicant pays) → branch → commune desk', async () => {
    t.clock.set('2026-11-23T08:00:00+07:00');
    const intake = await t.raw
      .post('/api/v1/dossiers')
      .set(bearer('reception'))
      .send({ procedureCode: LAND, agencyCode: LAND_BRANCH, channel: 'direct', applicant, documents: [{ code: 'DDK', name: 'Đơn đăng ký biến động', copies: 1 }] });
    expect(intake.status).toBe(201);
    const received = intake.body as Dossier & { receivingAgencyCode: string };
    const id = received.id;
    expect(received).toMatchObject({ agencyCode: LAND_BRANCH, receivingAgencyCode: TIEN_DU, currentStep: { id: 'receive', agencyCode: TIEN_DU } });
    expect(received.code.startsWith(`${LAND_BRANCH}-`)).toBe(true);
    // The branch resolves it and sees it at once, but acts only once the desk hands it over; the tax office knows nothing yet.
    await get('dat.chuyenvien', id).expect(200);
    expect((await send('dat.chuyenvien', id, { type: 'FORWARD' })).status).toBe(403);
    expect(await queue('dat.chuyenvien', 'specialist')).not.toContain(id);
    await get('thue.chuyenvien', id).expect(404);

    let d = await act('reception', id, { type: 'FORWARD' }, '2026-11-23T09:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: LAND_BRANCH });
    expect(await queue('dat.chuyenvien', 'specialist')).toContain(id);
    expect(await queue('reception', 'reception')).not.toContain(id);

    // The branch asks for a supplement; the commune desk, which received the dossier, takes it in (pause policy).
    d = await act('dat.chuyenvien', id, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu hợp đồng chuyển nhượng', missingItems: ['Hợp đồng chuyển nhượng'] }, '2026-11-23T10:00:00+07:00');
    expect(d.status).toBe('awaiting_supplement');
    expect((await send('dat.chuyenvien', id, { type: 'SUPPLEMENT_RECEIVED' })).status).toBe(403);
    d = await act('reception', id, { type: 'SUPPLEMENT_RECEIVED' }, '2026-11-23T14:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: LAND_BRANCH });

    // To the tax office, which suspends the dossier while the applicant pays (the clock stops), then resumes it.
    d = await act('dat.chuyenvien', id, { type: 'FORWARD' }, '2026-11-25T08:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'tax', agencyCode: TAX, role: 'specialist' });
    expect(await queue('thue.chuyenvien', 'specialist')).toContain(id);
    expect(await queue('dat.chuyenvien', 'specialist')).not.toContain(id);
    d = await act('thue.chuyenvien', id, { type: 'SUSPEND', reason: 'financial_obligation', note: 'Chờ người sử dụng đất nộp thuế' }, '2026-11-25T09:00:00+07:00');
    expect(d.status).toBe('suspended');
    const dueBefore = d.dueAt;
    d = await act('thue.chuyenvien', id, { type: 'RESUME' }, '2026-11-26T09:00:00+07:00');
    expect(d.status).toBe('processing');
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(dueBefore).getTime()); // a working day paused, a working day later
    d = await act('thue.chuyenvien', id, { type: 'FORWARD' }, '2026-11-26T09:30:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'update', agencyCode: LAND_BRANCH });

    // The branch returns it to the tax office (a RETURN across agencies), which sends it back late: 3.5 working hours
    // from 10:00 end at 15:30 (10:00–11:30, 13:30–15:30); it forwards at 16:00, half an hour late, on the tax office's account.
    d = await act('dat.chuyenvien', id, { type: 'RETURN', note: 'Đề nghị xác định lại tiền sử dụng đất' }, '2026-11-26T10:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'tax', agencyCode: TAX, dueAt: '2026-11-26T15:30:00+07:00' });
    d = await act('thue.chuyenvien', id, { type: 'FORWARD' }, '2026-11-26T16:00:00+07:00');
    d = await act('dat.chuyenvien', id, { type: 'FORWARD' }, '2026-11-27T09:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'sign', agencyCode: LAND_BRANCH, role: 'leader' });
    // The receiving commune sees the dossier, but its leader is not the step's agency.
    expect((await send('leader', id, { type: 'FORWARD' })).status).toBe(403);
    d = await act('dat.lanhdao', id, { type: 'FORWARD' }, '2026-11-27T10:00:00+07:00');
    // The result goes back to the desk that received it.
    expect(d.currentStep).toMatchObject({ id: 'deliver', agencyCode: TIEN_DU, role: 'reception' });
    expect(await queue('reception', 'reception')).toContain(id);
    d = await act('reception', id, { type: 'COMPLETE', resultType: 'approved' }, '2026-11-27T14:00:00+07:00');
    d = await act('reception', id, { type: 'DELIVER' }, '2026-11-27T15:00:00+07:00');
    expect(d.status).toBe('returned');

    expect(await handovers(id)).toEqual([
      ['FORWARD', 'receive', 'appraise', TIEN_DU, LAND_BRANCH],
      ['FORWARD', 'appraise', 'tax', LAND_BRANCH, TAX],
      ['FORWARD', 'tax', 'update', TAX, LAND_BRANCH],
      ['RETURN', 'update', 'tax', LAND_BRANCH, TAX],
      ['FORWARD', 'tax', 'update', TAX, LAND_BRANCH],
      ['FORWARD', 'sign', 'deliver', LAND_BRANCH, TIEN_DU],
    ]);
    const events = (await t.raw.get(`/api/v1/dossiers/${id}/events`).set(bearer('admin')).expect(200)).body.items as LienThongEvent[];
    // The tax step ended twice (SUSPEND and RESUME do not end it): on time, then late.
    const taxEnds = events.filter((e) => e.fromStep === 'tax' && e.toStep !== 'tax').map((e) => [e.type, e.stepOnTime]);
    expect(taxEnds).toEqual([
      ['FORWARD', true],
      ['FORWARD', false],
    ]);

    // Who sees it: every agency that held a step and the supervisors above them; not the other commune.
    for (const who of ['dat.chuyenvien', 'dat.giamsat', 'thue.chuyenvien', 'supervisor', 'tinh.giamsat']) await get(who, id).expect(200);
    for (const who of ['kinhbac.motcua', 'kinhbac.chuyenvien']) await get(who, id).expect(404);
    // Lateness belongs to the agency that held the late step: the tax office, 30 working minutes; nobody else was late.
    const lateness = (who: string, query: Record<string, string> = {}) =>
      t.raw.get('/api/v1/reports/lateness').set(bearer(who)).query({ from: '2026-11-23', to: '2026-11-27', ...query });
    type Row = { agencyCode: string; stepsHeld: number; stepsLate: number; workingMinutesLate: number };
    const rows = (body: { rows: Row[] }) => body.rows.map((r) => [r.agencyCode, r.stepsHeld, r.stepsLate, r.workingMinutesLate]);
    expect(rows((await lateness('tinh.giamsat').expect(200)).body)).toEqual([
      [TIEN_DU, 2, 0, 0], // receive, deliver
      [LAND_BRANCH, 4, 0, 0], // appraise, update (returned once), update, sign
      [TAX, 2, 1, 30],
    ]);
    // The land office's supervisor sees its branch's row only, and not the tax office's.
    expect(rows((await lateness('dat.giamsat').expect(200)).body)).toEqual([[LAND_BRANCH, 4, 0, 0]]);
    await lateness('dat.giamsat', { agencyCode: TAX }).expect(404);

    const report = await checkConsistency({ databaseUrl: t.databaseUrl, queue: false, now: new Date('2026-11-27T15:00:00+07:00') });
    expect(report.problems).toEqual([]);
  });

  it('household business: received at the provincial centre for phường Kinh Bắc, registered there, handed back at the centre', async () => {
    t.clock.set('2026-11-25T08:00:00+07:00');
    const intake = await t.raw
      .post('/api/v1/dossiers')
      .set(bearer('tinh.motcua'))
      .send({ procedureCode: HOUSEHOLD_BUSINESS, agencyCode: KINH_BAC, channel: 'direct', applicant, documents: [{ code: 'GDN', name: 'Giấy đề nghị', copies: 1 }] });
    expect(intake.status).toBe(201);
    const id = intake.body.id as string;
    expect(intake.body).toMatchObject({ agencyCode: KINH_BAC, receivingAgencyCode: CENTRE, currentStep: { id: 'receive', agencyCode: CENTRE } });
    // Phường Kinh Bắc's own desk does not take the centre's step.
    expect((await send('kinhbac.motcua', id, { type: 'FORWARD' })).status).toBe(403);
    let d = await act('tinh.motcua', id, { type: 'FORWARD' }, '2026-11-25T09:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: KINH_BAC });
    d = await act('kinhbac.chuyenvien', id, { type: 'FORWARD' }, '2026-11-25T14:00:00+07:00');
    d = await act('kinhbac.lanhdao', id, { type: 'FORWARD' }, '2026-11-25T15:00:00+07:00');
    d = await act('kinhbac.vanthu', id, { type: 'FORWARD' }, '2026-11-25T16:00:00+07:00');
    expect(d.currentStep).toMatchObject({ id: 'deliver', agencyCode: CENTRE });
    expect((await send('kinhbac.motcua', id, { type: 'COMPLETE', resultType: 'approved' })).status).toBe(403);
    d = await act('tinh.motcua', id, { type: 'COMPLETE', resultType: 'approved' }, '2026-11-26T08:00:00+07:00');
    d = await act('tinh.motcua', id, { type: 'DELIVER' }, '2026-11-26T09:00:00+07:00');
    expect(d).toMatchObject({ status: 'returned', outcome: 'early' });
    expect(await handovers(id)).toEqual([
      ['FORWARD', 'receive', 'appraise', CENTRE, KINH_BAC],
      ['FORWARD', 'record', 'deliver', KINH_BAC, CENTRE],
    ]);
    // The 06a counts it once: under phường Kinh Bắc (resolving) by default, under the provincial centre by receiving desk.
    const report06a = async (groupBy: string) =>
      ((await t.raw.get('/api/v1/reports/06a').set(bearer('tinh.giamsat')).query({ from: '2026-11-25', to: '2026-11-26', groupBy }).expect(200)).body as {
        rows: { key: string; received: { total: number } }[];
      }).rows.map((r) => [r.key, r.received.total]);
    // (The land dossier, still open then, is carried over: under the land branch, and under xã Tiên Du by receiving desk.)
    expect(await report06a('agency')).toEqual([
      [KINH_BAC, 1],
      [LAND_BRANCH, 1],
    ]);
    expect(await report06a('receiving')).toEqual([
      [CENTRE, 1],
      [TIEN_DU, 1],
    ]);
    // Xã Tiên Du neither received nor resolved it.
    await get('reception', id).expect(404);
    await get('supervisor', id).expect(404);
  });
});
