import { ADMIN, as, expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What the web app needs to show liên thông: the agencies a desk may receive for (GET /agencies/receivable), and on each
 * dossier (one and in lists) the names of the agencies it concerns or its procedure names, and its last handover.
 */

const COMMUNE = 'H12.81'; // a commune whose desk receives for the whole province
const LAND = 'H12.82'; // land registration office branch: resolves
const TAX = 'H12.83'; // tax office: its desk receives for itself and its team
const TAX_TEAM = 'H12.83.01';
const ELSEWHERE = 'H98'; // another province
const PROCEDURE = 'LTV.TEST.01';

const DESK = as('reception', 'desk.81', COMMUNE);
const LAND_SPECIALIST = as('specialist', 'specialist.82', LAND);
const LAND_DESK = as('reception', 'desk.82', LAND);
const TAX_SPECIALIST = as('specialist', 'specialist.83', TAX);
const TAX_DESK = as('reception', 'desk.83', TAX);

const NAMES: Record<string, string> = {
  [COMMUNE]: 'UBND xã Thử Liên Thông (minh họa)',
  [LAND]: 'Chi nhánh VPĐKĐĐ thử (minh họa)',
  [TAX]: 'Thuế cơ sở thử (minh họa)',
};

interface View {
  id: string;
  agencyCode: string;
  receivingAgencyCode: string;
  currentStep: { id: string; agencyCode: string } | null;
  agencies: { code: string; name: string }[];
  lastHandover: { fromAgency: string; toAgency: string; at: string } | null;
}

describe('liên thông for the web app: receivable agencies, agency names and the last handover', () => {
  let t: TestApp;
  const codes = async (headers: Record<string, string>) => {
    const res = await t.http.get('/api/v1/agencies/receivable').set(headers);
    expectStatus(res, 200);
    return (res.body.items as { code: string }[]).map((a) => a.code);
  };
  const act = async (headers: Record<string, string>, id: string, body: object): Promise<View> => {
    const res = await t.http.post(`/api/v1/dossiers/${id}/events`).set(headers).send(body);
    expectStatus(res, 200);
    return res.body as View;
  };
  const queue = async (headers: Record<string, string>, stepRole: string): Promise<View[]> => {
    const res = await t.http.get('/api/v1/dossiers').query({ stepRole, limit: '100' }).set(headers);
    expectStatus(res, 200);
    return res.body.items as View[];
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T08:00:00+07:00' });
    const agencies = [
      { code: COMMUNE, name: NAMES[COMMUNE], level: 'commune', parentCode: 'H12', receivesFor: 'province' },
      { code: LAND, name: NAMES[LAND], level: 'department', parentCode: 'H12' },
      { code: TAX, name: NAMES[TAX], level: 'department', parentCode: 'H12', receivesFor: 'subtree' },
      { code: TAX_TEAM, name: 'Đội thuế thử (minh họa)', level: 'department', parentCode: TAX },
      { code: ELSEWHERE, name: 'UBND tỉnh khác (minh họa)', level: 'province', parentCode: null, receivesFor: 'province' },
    ];
    for (const a of agencies) expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send(a), 201);
    const procedure = {
      code: PROCEDURE,
      name: 'Đăng ký biến động đất đai (thử, liên thông)',
      field: 'Đất đai',
      level: 'department',
      processingTime: { value: 10, unit: 'working_days' },
      steps: [
        { id: 'receive', name: 'Tiếp nhận hồ sơ', role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } },
        { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 3, unit: 'working_days' } },
        { id: 'tax', name: 'Xác định nghĩa vụ tài chính', role: 'specialist', allotted: { value: 3, unit: 'working_days' }, agency: { code: TAX } },
        { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 2, unit: 'working_days' } },
      ],
      requiredDocuments: [{ code: 'DDK', name: 'Đơn đăng ký biến động', copies: 1 }],
      fee: 0,
    };
    expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send(procedure), 201);
  });
  afterAll(() => t?.close());

  it('lists the agencies a desk may receive for, per its receivesFor', async () => {
    const province = await codes(DESK);
    expect(province).toEqual(expect.arrayContaining(['H12', 'H12.01', COMMUNE, LAND, TAX, TAX_TEAM]));
    expect(province).not.toContain(ELSEWHERE);
    expect(province).toEqual([...province].sort((a, b) => a.localeCompare(b)));
    await expect(codes(LAND_DESK)).resolves.toEqual([LAND]);
    await expect(codes(TAX_DESK)).resolves.toEqual([TAX, TAX_TEAM]);
    const all = await codes(ADMIN);
    expect(all).toEqual(expect.arrayContaining([ELSEWHERE, COMMUNE, 'H12']));
    // The items are full agencies, names included.
    const res = await t.http.get('/api/v1/agencies/receivable').set(TAX_DESK);
    expect(res.body.items[0]).toMatchObject({ code: TAX, name: NAMES[TAX], level: 'department', parentCode: 'H12', receivesFor: 'subtree' });
    // Only those who receive dossiers ask.
    expectStatus(await t.http.get('/api/v1/agencies/receivable').set(LAND_SPECIALIST), 403);
    expectStatus(await t.http.get('/api/v1/agencies/receivable').set({ 'X-Test-Anonymous': '1' }), 401);
  });

  it('names the agencies of a dossier and its last handover, on the dossier and in every agency queue', async () => {
    const res = await t.http
      .post('/api/v1/dossiers')
      .set(DESK)
      .send({ procedureCode: PROCEDURE, agencyCode: LAND, channel: 'direct', applicant: { type: 'citizen', fullName: 'Trần Thị Đất', idNumber: '027190012345' } });
    expectStatus(res, 201);
    const received = res.body as View;
    expect(received).toMatchObject({ agencyCode: LAND, receivingAgencyCode: COMMUNE, currentStep: { id: 'receive', agencyCode: COMMUNE }, lastHandover: null });
    // The agencies it concerns, and the tax office its procedure names before the dossier reaches it.
    expect(received.agencies).toEqual([
      { code: COMMUNE, name: NAMES[COMMUNE] },
      { code: LAND, name: NAMES[LAND] },
      { code: TAX, name: NAMES[TAX] },
    ]);
    const id = received.id;

    t.clock.set('2026-11-23T09:00:00+07:00');
    const atLand = await act(DESK, id, { type: 'FORWARD' });
    expect(atLand.lastHandover).toEqual({ fromAgency: COMMUNE, toAgency: LAND, at: '2026-11-23T09:00:00+07:00' });
    // The land office's queue names the commune (outside its tree) that sent it.
    const landQueue = await queue(LAND_SPECIALIST, 'specialist');
    expect(landQueue.find((d) => d.id === id)).toMatchObject({
      lastHandover: { fromAgency: COMMUNE, toAgency: LAND },
      agencies: [
        { code: COMMUNE, name: NAMES[COMMUNE] },
        { code: LAND, name: NAMES[LAND] },
        { code: TAX, name: NAMES[TAX] },
      ],
    });

    t.clock.set('2026-11-23T10:00:00+07:00');
    await act(LAND_SPECIALIST, id, { type: 'FORWARD' });
    const taxQueue = await queue(TAX_SPECIALIST, 'specialist');
    const atTax = taxQueue.find((d) => d.id === id)!;
    expect(atTax.lastHandover).toEqual({ fromAgency: LAND, toAgency: TAX, at: '2026-11-23T10:00:00+07:00' });
    expect(atTax.agencies.map((a) => a.code)).toEqual([COMMUNE, LAND, TAX]);
    expect((await queue(LAND_SPECIALIST, 'specialist')).map((d) => d.id)).not.toContain(id);

    // A return across agencies is a handover too; the one dossier read and the lists agree.
    t.clock.set('2026-11-23T11:00:00+07:00');
    const back = await act(TAX_SPECIALIST, id, { type: 'RETURN', note: 'Thiếu tờ khai lệ phí trước bạ' });
    expect(back.lastHandover).toEqual({ fromAgency: TAX, toAgency: LAND, at: '2026-11-23T11:00:00+07:00' });
    const read = await t.http.get(`/api/v1/dossiers/${id}`).set(LAND_SPECIALIST);
    expectStatus(read, 200);
    expect(read.body).toMatchObject({ lastHandover: back.lastHandover, agencies: back.agencies });
    expect((await queue(LAND_SPECIALIST, 'specialist')).find((d) => d.id === id)?.lastHandover).toEqual(back.lastHandover);
  });
});
