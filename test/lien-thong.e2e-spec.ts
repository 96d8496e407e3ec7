import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyCalendarService } from '@app/agencies';
import { checkConsistency } from '@app/consistency';
import type { Dossier, DossierEvent } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Liên thông: one dossier across agencies, with real logins of each agency's officers. A commune desk receives; the
 * land registration office branch (another tree of the province) appraises; the commune leader signs. The procedure is
 * published here through the admin API with the appraisal step naming the branch.
 */

const COMMUNE = 'H12.01.40'; // a division under the demo commune H12.01: the demo supervisor is above it
const LAND_OFFICE = 'H12.60'; // a provincial department
const BRANCH = 'H12.60.01'; // its branch, which does the appraisal
const OTHER_COMMUNE = 'H12.02.41';
const CENTRE = 'H12.50'; // the provincial centre: receives for every agency of the province
const ELSEWHERE = 'H99'; // another province
const PROCEDURE = 'LT.TEST.01';
const PASSWORD = 'mat-khau-123';
const applicant = { type: 'citizen', fullName: 'Nguyễn Văn Liên', idNumber: '027090012345' };

const definition = (appraiseAgency: string) => ({
  code: PROCEDURE,
  name: 'Đăng ký biến động đất đai (liên thông, thử)',
  field: 'Đất đai',
  level: 'commune',
  processingTime: { value: 10, unit: 'working_days' },
  supplementPolicy: 'pause',
  steps: [
    { id: 'receive', name: 'Tiếp nhận hồ sơ', role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } },
    { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 4, unit: 'working_days' }, agency: { code: appraiseAgency } },
    { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 2, unit: 'working_days' } },
  ],
  requiredDocuments: [{ code: 'DDK', name: 'Đơn đăng ký biến động', copies: 1 }],
  fee: 0,
});

describe('liên thông: a dossier across agencies', () => {
  let t: TestApp;
  /** tokens by account name, from real logins. */
  const token: Record<string, string> = {};
  const bearer = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const login = async (username: string, password = PASSWORD) => {
    const res = await t.raw.post('/api/v1/auth/login').send({ username, password });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };
  const get = (who: string, id: string) => t.raw.get(`/api/v1/dossiers/${id}`).set(bearer(who));
  const send = (who: string, id: string, body: object) => t.raw.post(`/api/v1/dossiers/${id}/events`).set(bearer(who)).send(body);
  const act = async (who: string, id: string, body: object): Promise<Dossier> => {
    const res = await send(who, id, body);
    if (res.status !== 200) throw new Error(`${who} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Dossier;
  };
  const queue = async (who: string, stepRole: string) =>
    ((await t.raw.get('/api/v1/dossiers').query({ stepRole, limit: '100' }).set(bearer(who)).expect(200)).body.items as Dossier[]).map((d) => d.id);
  const intake = (who: string, body: object = {}) =>
    t.raw.post('/api/v1/dossiers').set(bearer(who)).send({ procedureCode: PROCEDURE, channel: 'direct', applicant, ...body });

  beforeAll(async () => {
    // The test moves the clock by hours: tokens live three days.
    t = await startTestApp({ now: '2026-11-23T08:00:00+07:00', env: { JWT_TTL_MINUTES: '4320', SESSION_MAX_HOURS: '72' } });
    token.admin = await login('admin', 'demo');
    token.supervisor = await login('supervisor', 'demo'); // the demo supervisor of H12.01
    const agencies = [
      { code: COMMUNE, name: 'UBND xã Liên Thông (minh họa)', level: 'commune', parentCode: 'H12.01' },
      { code: LAND_OFFICE, name: 'Văn phòng đăng ký đất đai (minh họa)', level: 'department', parentCode: 'H12' },
      { code: BRANCH, name: 'Chi nhánh VPĐKĐĐ khu vực 1 (minh họa)', level: 'department', parentCode: LAND_OFFICE },
      { code: OTHER_COMMUNE, name: 'UBND xã Khác (minh họa)', level: 'commune', parentCode: 'H12.02' },
      { code: CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh (minh họa)', level: 'department', parentCode: 'H12', receivesFor: 'province' },
      { code: ELSEWHERE, name: 'UBND tỉnh khác (minh họa)', level: 'province', parentCode: null },
    ];
    for (const a of agencies) await t.raw.post('/api/v1/agencies').set(bearer('admin')).send(a).expect(201);
    const accounts: [string, string, string][] = [
      ['desk.40', 'reception', COMMUNE],
      ['leader.40', 'leader', COMMUNE],
      ['specialist.3001', 'specialist', BRANCH],
      ['reception.3001', 'reception', BRANCH],
      ['supervisor.30', 'supervisor', LAND_OFFICE],
      ['desk.41', 'reception', OTHER_COMMUNE],
      ['supervisor.02', 'supervisor', 'H12.02'],
      ['desk.50', 'reception', CENTRE],
    ];
    for (const [username, role, agencyCode] of accounts) {
      await t.raw.post('/api/v1/users').set(bearer('admin')).send({ username, fullName: `Cán bộ ${username}`, password: PASSWORD, roles: [role], agencyCode }).expect(201);
      token[username] = await login(username);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates agencies as province, department or commune only, with whom their desk receives for', async () => {
    const district = await t.raw.post('/api/v1/agencies').set(bearer('admin')).send({ code: 'H12.09', name: 'UBND huyện mới', level: 'district', parentCode: 'H12' });
    expect(district.status).toBe(400);
    expect(district.body.details).toEqual([expect.objectContaining({ field: 'level', code: 'retired_level' })]);
    // An imported district (written by a migration of old data, not through the API) keeps its level when edited...
    await t.app.get<DataSource>(getDataSourceToken()).query(`INSERT INTO agency (code, name, level, parent_code) VALUES ('H12.08', 'UBND huyện Tiên Du (đã giải thể)', 'district', 'H12')`);
    t.app.get(AgencyCalendarService).invalidate(); // as an import's NOTIFY would: the tree is read again
    await t.raw.patch('/api/v1/agencies/H12.08').set(bearer('admin')).send({ level: 'district', name: 'UBND huyện Tiên Du (cũ)' }).expect(200);
    // ...but no agency of today becomes one.
    const demoted = await t.raw.patch('/api/v1/agencies/H12.01').set(bearer('admin')).send({ level: 'district' });
    expect(demoted.status).toBe(400);
    expect(demoted.body.details).toEqual([expect.objectContaining({ field: 'level', code: 'retired_level' })]);
    const list = (await t.raw.get('/api/v1/agencies').set(bearer('admin')).expect(200)).body.items as { code: string; receivesFor: string }[];
    expect(list.find((a) => a.code === CENTRE)?.receivesFor).toBe('province');
    expect(list.find((a) => a.code === COMMUNE)?.receivesFor).toBe('self');
  });

  it('refuses a procedure whose step names an unknown agency, saying which step', async () => {
    const res = await t.raw.post('/api/v1/procedures').set(bearer('admin')).send(definition('H12.NOPE'));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'steps[1].agency.code', reason: 'no agency with code H12.NOPE', code: 'unknown_agency', params: { code: 'H12.NOPE' } }]);
    const ok = await t.raw.post('/api/v1/procedures').set(bearer('admin')).send(definition(BRANCH)).expect(201);
    expect(ok.body.steps[1].agency).toEqual({ code: BRANCH });
  });

  it('lets a desk receive only for the agencies it serves; the resolving agency starts the code', async () => {
    // A commune desk (receivesFor self) for another agency: 403, whether it exists or not.
    expect((await intake('desk.40', { agencyCode: BRANCH })).status).toBe(403);
    expect((await intake('desk.40', { agencyCode: 'H12.NOPE' })).status).toBe(403);
    expect((await intake('desk.40', { receivingAgencyCode: CENTRE })).status).toBe(403);
    // The provincial centre receives for a commune of its province, not for another province.
    const res = await intake('desk.50', { agencyCode: COMMUNE });
    expect(res.status).toBe(201);
    const d = res.body as Dossier & { receivingAgencyCode: string };
    expect(d.agencyCode).toBe(COMMUNE);
    expect(d.receivingAgencyCode).toBe(CENTRE);
    expect(d.code.startsWith(`${COMMUNE}-`)).toBe(true);
    // The first step is the receiving desk's: the centre forwards it, not the commune's desk.
    expect(d.currentStep).toMatchObject({ id: 'receive', agencyCode: CENTRE });
    expect((await send('desk.40', d.id, { type: 'FORWARD' })).status).toBe(403);
    await get('desk.40', d.id).expect(200); // the resolving agency sees it
    await get('desk.41', d.id).expect(404);
    expect((await intake('desk.50', { agencyCode: ELSEWHERE })).status).toBe(403);
    const moved = await act('desk.50', d.id, { type: 'FORWARD' });
    expect(moved.currentStep).toMatchObject({ id: 'appraise', agencyCode: BRANCH });
  });

  it('walks a dossier across agencies: handovers, a supplement asked by the second agency, returns both ways', async () => {
    const received = (await intake('desk.40').expect(201)).body as Dossier & { receivingAgencyCode: string };
    const id = received.id;
    expect(received).toMatchObject({ agencyCode: COMMUNE, receivingAgencyCode: COMMUNE, currentStep: { id: 'receive', agencyCode: COMMUNE } });

    // Before the handover the land office does not know the dossier.
    await get('specialist.3001', id).expect(404);
    expect((await send('specialist.3001', id, { type: 'FORWARD' })).status).toBe(404);
    await get('supervisor.30', id).expect(404);
    expect(await queue('specialist.3001', 'specialist')).not.toContain(id);

    t.clock.set('2026-11-23T09:00:00+07:00');
    let d = await act('desk.40', id, { type: 'FORWARD' });
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: BRANCH, role: 'specialist' });
    // After it: the branch's specialist sees it, may act, and finds it in the work queue at once; the commune no longer may.
    const seen = (await get('specialist.3001', id).expect(200)).body as Dossier;
    expect(seen.allowedEvents).toEqual(expect.arrayContaining(['FORWARD', 'RETURN', 'REQUEST_SUPPLEMENT']));
    expect(await queue('specialist.3001', 'specialist')).toContain(id);
    expect(await queue('desk.40', 'reception')).not.toContain(id);
    expect(((await get('desk.40', id).expect(200)).body as Dossier).allowedEvents).not.toContain('FORWARD');
    expect((await send('desk.40', id, { type: 'FORWARD' })).status).toBe(403);
    // A reception officer of the branch is not the step's role.
    expect((await send('reception.3001', id, { type: 'FORWARD' })).status).toBe(403);
    await get('supervisor.30', id).expect(200);
    await get('supervisor', id).expect(200);
    await get('supervisor.02', id).expect(404);
    await get('desk.41', id).expect(404);

    // The branch asks for a supplement; the receiving desk takes it in; the step stays the branch's.
    t.clock.set('2026-11-23T10:00:00+07:00');
    d = await act('specialist.3001', id, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu bản gốc giấy chứng nhận', missingItems: ['Bản gốc GCN'] });
    expect(d.status).toBe('awaiting_supplement');
    expect(await queue('desk.40', 'reception')).toContain(id);
    expect((await send('specialist.3001', id, { type: 'SUPPLEMENT_RECEIVED' })).status).toBe(403);
    expect((await send('desk.41', id, { type: 'SUPPLEMENT_RECEIVED' })).status).toBe(404);
    t.clock.set('2026-11-23T14:00:00+07:00');
    d = await act('desk.40', id, { type: 'SUPPLEMENT_RECEIVED' });
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: BRANCH });

    // Returned across agencies to the commune desk, and forwarded again.
    d = await act('specialist.3001', id, { type: 'RETURN', note: 'Trả lại bộ phận một cửa để kiểm tra thành phần hồ sơ' });
    expect(d.currentStep).toMatchObject({ id: 'receive', agencyCode: COMMUNE });
    expect(await queue('specialist.3001', 'specialist')).not.toContain(id);
    d = await act('desk.40', id, { type: 'FORWARD' });
    d = await act('specialist.3001', id, { type: 'FORWARD' });
    expect(d.currentStep).toMatchObject({ id: 'sign', agencyCode: COMMUNE, role: 'leader' });
    expect(await queue('leader.40', 'leader')).toContain(id);
    expect((await send('specialist.3001', id, { type: 'RETURN', note: 'x' })).status).toBe(403);
    // The commune leader returns it to the branch, which sends it back; the leader signs.
    d = await act('leader.40', id, { type: 'RETURN', note: 'Đề nghị thẩm định lại diện tích' });
    expect(d.currentStep).toMatchObject({ id: 'appraise', agencyCode: BRANCH });
    d = await act('specialist.3001', id, { type: 'FORWARD' });
    d = await act('leader.40', id, { type: 'COMPLETE', resultType: 'approved' });
    expect(d.status).toBe('result_ready');
    expect((await send('reception.3001', id, { type: 'DELIVER' })).status).toBe(403);
    d = await act('desk.40', id, { type: 'DELIVER' });
    expect(d.status).toBe('returned');
    // Having held a step, the branch and its supervisor still see it; the other commune and the other tree never do.
    await get('specialist.3001', id).expect(200);
    await get('supervisor.30', id).expect(200);
    await get('desk.41', id).expect(404);
    await get('supervisor.02', id).expect(404);

    const events = (await t.raw.get(`/api/v1/dossiers/${id}/events`).set(bearer('specialist.3001')).expect(200)).body.items as (DossierEvent & {
      fromAgency: string | null;
      toAgency: string | null;
    })[];
    expect(events.filter((e) => e.fromAgency || e.toAgency).map((e) => [e.type, e.fromStep, e.toStep, e.fromAgency, e.toAgency])).toEqual([
      ['FORWARD', 'receive', 'appraise', COMMUNE, BRANCH],
      ['RETURN', 'appraise', 'receive', BRANCH, COMMUNE],
      ['FORWARD', 'receive', 'appraise', COMMUNE, BRANCH],
      ['FORWARD', 'appraise', 'sign', BRANCH, COMMUNE],
      ['RETURN', 'sign', 'appraise', COMMUNE, BRANCH],
      ['FORWARD', 'appraise', 'sign', BRANCH, COMMUNE],
    ]);
    expect(events.find((e) => e.type === 'REQUEST_SUPPLEMENT')).toMatchObject({ fromAgency: null, toAgency: null, actor: { username: 'specialist.3001' } });

    // The checker replays the log to the same step agencies and handovers, and finds every agency in dossier_agency.
    const report = await checkConsistency({ databaseUrl: t.databaseUrl, queue: false, now: new Date('2026-11-23T15:00:00+07:00') });
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(2);
    // Visibility is dossier_agency: without the branch's row its officers no longer see the dossier, and the checker says so.
    const db = t.app.get<DataSource>(getDataSourceToken());
    await db.query('DELETE FROM dossier_agency WHERE dossier_id = $1 AND agency_code = $2', [id, BRANCH]);
    await get('specialist.3001', id).expect(404);
    const broken = await checkConsistency({ databaseUrl: t.databaseUrl, queue: false, now: new Date('2026-11-23T15:00:00+07:00') });
    expect(broken.problems).toEqual([expect.objectContaining({ kind: 'dossier_agency', dossierId: id, message: expect.stringContaining(`missing ${BRANCH}`) })]);
    await db.query('INSERT INTO dossier_agency (dossier_id, agency_code) VALUES ($1, $2)', [id, BRANCH]);
  });

  it('a new version may move a step to another agency; dossiers keep their version', async () => {
    const before = (await intake('desk.40').expect(201)).body as Dossier;
    const v2 = await t.raw.post('/api/v1/procedures').set(bearer('admin')).send(definition(LAND_OFFICE)).expect(201);
    expect(v2.body.version).toBe(before.procedureVersion + 1);
    const after = (await intake('desk.40').expect(201)).body as Dossier;
    // The branch works afternoons only: the step it holds is due on its own hours, the land office's on the default ones.
    await t.raw.patch(`/api/v1/agencies/${BRANCH}`).set(bearer('admin')).send({ officeHours: [{ from: '13:30', to: '17:00' }] }).expect(200);
    t.clock.set('2026-11-25T08:00:00+07:00');
    const atBranch = await act('desk.40', before.id, { type: 'FORWARD' });
    const atOffice = await act('desk.40', after.id, { type: 'FORWARD' });
    expect(atBranch.currentStep).toMatchObject({ agencyCode: BRANCH });
    expect(atOffice.currentStep).toMatchObject({ agencyCode: LAND_OFFICE, dueAt: '2026-12-01T08:00:00+07:00' });
    expect(atBranch.currentStep!.dueAt).not.toBe(atOffice.currentStep!.dueAt);
    await get('specialist.3001', after.id).expect(404);
    const report = await checkConsistency({ databaseUrl: t.databaseUrl, queue: false, now: new Date('2026-11-25T08:00:00+07:00') });
    expect(report.problems).toEqual([]);
  });
});
