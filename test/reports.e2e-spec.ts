import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { type TestApp, startTestApp } from './support/test-app';
import { applicant, assigneesOf, createOfficer, expectFieldError, expectStatus } from './support/dossier-api';

/**
 * domain.md "The periodic report (Biểu 06a)", "Decision 766/QĐ-TTg"; README "Reports".
 * A small history, back-dated by an administrator, and every cell of the reports computed by hand below.
 * Default office hours (07:30–11:30, 13:30–17:00, Mon–Fri); no holiday between 3 September and December 2026.
 * 2026-09-28 and 2026-10-05 are Mondays; 2026-10-01 is a Thursday, 2026-10-31 a Saturday.
 *
 * Procedures: HKD 1.001193 (3 working days, restart on supplement, 5 steps; field "Thành lập và hoạt động của hộ kinh doanh"),
 * LLTP 1.000600 (10 working days, 8 online, 5 steps; "Lý lịch tư pháp"), DAT 1.000800 (10 working days, pause; "Đất đai"),
 * CT 1.000900 (2 working hours, cut-off 15:00, 3 steps; "Chứng thực").
 *
 * October 2026 (from 2026-10-01 to 2026-10-31), seen on 2026-11-23 (the period has ended):
 *
 * | dossier | agency | proc | channel | received | due | what happens | in October's table |
 * |---|---|---|---|---|---|---|---|
 * | D1 | H12.01 | HKD | direct | 09-28 09:00 | 10-01 09:00 | COMPLETE 10-01 08:00 (first day) | carried over; on time |
 * | D2 | H12.01 | HKD | online | 09-29 09:00 | 10-02 09:00 | COMPLETE 11-05 | carried over; in progress, overdue |
 * | D3 | H12.01 | HKD | direct | 09-21 09:00 | 09-24 09:00 | COMPLETE 09-23 | nowhere (finished before) |
 * | D4 | H12.01 | HKD | postal | 09-30 09:00 | 10-05 09:00 | WITHDRAW 10-02 | nowhere (withdrawn in the period) |
 * | D5 | H12.02 | HKD | direct | 09-30 09:00 | 10-05 09:00 | WITHDRAW 11-03 | carried over; in progress, overdue |
 * | D6 | H12.01 | HKD | online | 10-05 09:00 | 10-08 09:00 | COMPLETE 10-06 | online; early |
 * | D7 | H12.01 | HKD | direct | 10-12 09:00 | 10-21 09:00 (after two restarts) | supplement asked twice; COMPLETE 10-20 | direct; early (766: overdue) |
 * | D8 | H12.02 | HKD | direct | 10-19 09:00 | 10-22 09:00 | EXTEND to 10-27; COMPLETE 10-23 10:00 | direct; overdue (the apology does not help) |
 * | D9 | H12.01 | HKD | online | 10-28 09:00 | 11-02 09:00 | COMPLETE 10-31 23:59:59 (last instant) | online; early |
 * | D10 | H12.01 | HKD | postal | 10-28 10:00 | 11-02 10:00 | COMPLETE 11-01 00:00 (first instant after) | postal; in progress, within |
 * | D11 | H12.02 | DAT | direct | 10-01 09:00 | 10-15 09:00 | waits for a supplement since 10-14 | direct; in progress, within (waiting since before due) |
 * | D12 | H12.02 | HKD | direct | 10-05 09:00 | 10-08 09:00 | suspended since 10-09 | direct; in progress, overdue (suspended after due) |
 * | D13 | H12.10 | LLTP | online | 10-01 09:00 | 10-13 09:00 (8 days online) | COMPLETE 10-13 08:30 | online; on time |
 * | D14 | H12.01 | HKD | online | 10-07 09:00 | 10-12 09:00 | WITHDRAW 10-08 | nowhere |
 * | D15 | H12.02 | HKD | online | 10-29 09:00 | 11-03 09:00 | WITHDRAW 11-02 | online; in progress, within |
 * | D16 | H12.01 | HKD | direct | 11-02 09:00 | 11-05 09:00 | open | nowhere (received after) |
 * | D18 | H12.02.03 | CT | direct | 10-01 00:00 | 10-01 09:30 | COMPLETE 10-01 09:00 | direct; on time |
 * | D19 | H12.02.03 | CT | direct | 09-30 23:59:59 | 10-01 09:30 | COMPLETE 10-02 | carried over; overdue |
 * | D20 | H12.01 | HKD | direct | 10-26 09:00 | 11-03 09:00 (after two restarts) | supplement asked twice, open | direct; in progress, within (766: overdue) |
 */

const HKD = '1.001193';
const LLTP = '1.000600';
const DAT = '1.000800';
const CT = '1.000900';
const NOW = '2026-11-23T09:00:00+07:00';
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** The one place that says who is calling (headers today; the test agent turns them into tokens). */
function actingAs(roles: 'admin' | 'supervisor' | 'leader' | 'reception', agencyCode?: string): Record<string, string> {
  return {
    'X-Actor-Roles': roles,
    'X-Actor-Username': `reports-${roles}-${agencyCode ?? 'all'}`.toLowerCase(),
    ...(agencyCode ? { 'X-Actor-Agency': agencyCode } : {}),
  };
}
const ADMIN = actingAs('admin');
const SUPERVISOR_H1202 = actingAs('supervisor', 'H12.02');

/** The 06a numbers of one row, in the form's column order 3–13, as [received: total, online, direct/postal, carried over | resolved: total, early, on time, overdue | in progress: total, within, overdue]. */
type Columns = [number, number, number, number, number, number, number, number, number, number, number];

function numbers(c: Columns) {
  const [total, online, directOrPostal, carriedOver, resolved, early, onTime, overdue, inProgress, withinDeadline, inProgressOverdue] = c;
  const share = (n: number) => (resolved === 0 ? null : Math.round((n / resolved) * 10_000) / 10_000);
  return {
    received: { total, online, directOrPostal, carriedOver },
    resolved: { total: resolved, early, onTime, overdue },
    inProgress: { total: inProgress, withinDeadline, overdue: inProgressOverdue },
    shares: { early: share(early), onTime: share(onTime), overdue: share(overdue), onTimeOrBetter: share(early + onTime) },
  };
}

describe('reports: 06a, summary, 766', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const get = (path: string, query: Record<string, string>, headers = ADMIN) => t.http.get(path).set(headers).query(query);

  async function receive(name: string, agencyCode: string, procedureCode: string, channel: string, receivedAt: string, dueAt: string) {
    const res = await t.http.post('/api/v1/dossiers').set(ADMIN).send({ procedureCode, agencyCode, channel, applicant: applicant(), receivedAt });
    expectStatus(res, 201);
    expect(res.body.dueAt).toBe(dueAt);
    ids[name] = res.body.id;
  }

  async function event(name: string, at: string, body: Record<string, unknown>) {
    const res = await t.http.post(`/api/v1/dossiers/${ids[name]}/events`).set(ADMIN).send({ ...body, occurredAt: at });
    expectStatus(res, 200);
    return res.body as { allowedEvents: string[]; dueAt: string; outcome: string | null };
  }

  /** Forwards to the last step and completes, all at `at`; checks the outcome. */
  async function complete(name: string, at: string, outcome: string) {
    let d = await event(name, at, { type: 'ASSIGN', assigneeId: (await assigneesOf(t, ids[name]))[0].id });
    while (!d.allowedEvents.includes('COMPLETE')) d = await event(name, at, { type: 'FORWARD' });
    d = await event(name, at, { type: 'COMPLETE', resultType: 'approved' });
    expect(d.outcome).toBe(outcome);
  }

  const supplement = { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung', missingItems: ['Bản sao CCCD'] };

  beforeAll(async () => {
    t = await startTestApp(NOW);
    // A desk officer in each agency besides the demo one, for ASSIGN at the first step.
    for (const agency of ['H12.02', 'H12.02.03', 'H12.10']) await createOfficer(t, `cv.a.${agency.toLowerCase()}`, ['reception'], agency);
    await receive('D1', 'H12.01', HKD, 'direct', '2026-09-28T09:00:00+07:00', '2026-10-01T09:00:00+07:00');
    await complete('D1', '2026-10-01T08:00:00+07:00', 'on_time');
    await receive('D2', 'H12.01', HKD, 'online', '2026-09-29T09:00:00+07:00', '2026-10-02T09:00:00+07:00');
    await complete('D2', '2026-11-05T09:00:00+07:00', 'overdue');
    await receive('D3', 'H12.01', HKD, 'direct', '2026-09-21T09:00:00+07:00', '2026-09-24T09:00:00+07:00');
    await complete('D3', '2026-09-23T09:00:00+07:00', 'early');
    await receive('D4', 'H12.01', HKD, 'postal', '2026-09-30T09:00:00+07:00', '2026-10-05T09:00:00+07:00');
    await event('D4', '2026-10-02T09:00:00+07:00', { type: 'WITHDRAW', note: 'Rút' });
    await receive('D5', 'H12.02', HKD, 'direct', '2026-09-30T09:00:00+07:00', '2026-10-05T09:00:00+07:00');
    await event('D5', '2026-11-03T09:00:00+07:00', { type: 'WITHDRAW', note: 'Rút' });
    await receive('D6', 'H12.01', HKD, 'online', '2026-10-05T09:00:00+07:00', '2026-10-08T09:00:00+07:00');
    await complete('D6', '2026-10-06T09:00:00+07:00', 'early');

    // Restart policy: each arrival starts the 3 working days again (Wed 10-14 → Mon 10-19; Fri 10-16 → Wed 10-21).
    await receive('D7', 'H12.01', HKD, 'direct', '2026-10-12T09:00:00+07:00', '2026-10-15T09:00:00+07:00');
    await event('D7', '2026-10-13T09:00:00+07:00', supplement);
    expect((await event('D7', '2026-10-14T09:00:00+07:00', { type: 'SUPPLEMENT_RECEIVED' })).dueAt).toBe('2026-10-19T09:00:00+07:00');
    await event('D7', '2026-10-15T09:00:00+07:00', supplement);
    expect((await event('D7', '2026-10-16T09:00:00+07:00', { type: 'SUPPLEMENT_RECEIVED' })).dueAt).toBe('2026-10-21T09:00:00+07:00');
    await complete('D7', '2026-10-20T09:00:00+07:00', 'early');

    await receive('D8', 'H12.02', HKD, 'direct', '2026-10-19T09:00:00+07:00', '2026-10-22T09:00:00+07:00');
    // The latest the apology may set: 3 working days past 22/10 09:00.
    await event('D8', '2026-10-21T09:00:00+07:00', { type: 'EXTEND', extendedDueAt: '2026-10-27T09:00:00+07:00', reason: 'Cần xác minh thêm' });
    await complete('D8', '2026-10-23T10:00:00+07:00', 'overdue');
    await receive('D9', 'H12.01', HKD, 'online', '2026-10-28T09:00:00+07:00', '2026-11-02T09:00:00+07:00');
    await complete('D9', '2026-10-31T23:59:59+07:00', 'early');
    await receive('D10', 'H12.01', HKD, 'postal', '2026-10-28T10:00:00+07:00', '2026-11-02T10:00:00+07:00');
    await complete('D10', '2026-11-01T00:00:00+07:00', 'early');
    await receive('D11', 'H12.02', DAT, 'direct', '2026-10-01T09:00:00+07:00', '2026-10-15T09:00:00+07:00');
    await event('D11', '2026-10-14T09:00:00+07:00', supplement);
    await receive('D12', 'H12.02', HKD, 'direct', '2026-10-05T09:00:00+07:00', '2026-10-08T09:00:00+07:00');
    await event('D12', '2026-10-09T09:00:00+07:00', { type: 'SUSPEND', reason: 'other' });
    await receive('D13', 'H12.10', LLTP, 'online', '2026-10-01T09:00:00+07:00', '2026-10-13T09:00:00+07:00');
    await complete('D13', '2026-10-13T08:30:00+07:00', 'on_time');
    await receive('D14', 'H12.01', HKD, 'online', '2026-10-07T09:00:00+07:00', '2026-10-12T09:00:00+07:00');
    await event('D14', '2026-10-08T09:00:00+07:00', { type: 'WITHDRAW', note: 'Rút' });
    await receive('D15', 'H12.02', HKD, 'online', '2026-10-29T09:00:00+07:00', '2026-11-03T09:00:00+07:00');
    await event('D15', '2026-11-02T09:00:00+07:00', { type: 'WITHDRAW', note: 'Rút' });
    await receive('D16', 'H12.01', HKD, 'direct', '2026-11-02T09:00:00+07:00', '2026-11-05T09:00:00+07:00');
    // Received at midnight or just before it: the clock starts at the next opening (07:30), 2 working hours.
    await receive('D18', 'H12.02.03', CT, 'direct', '2026-10-01T00:00:00+07:00', '2026-10-01T09:30:00+07:00');
    await complete('D18', '2026-10-01T09:00:00+07:00', 'on_time');
    await receive('D19', 'H12.02.03', CT, 'direct', '2026-09-30T23:59:59+07:00', '2026-10-01T09:30:00+07:00');
    await complete('D19', '2026-10-02T09:00:00+07:00', 'overdue');
    await receive('D20', 'H12.01', HKD, 'direct', '2026-10-26T09:00:00+07:00', '2026-10-29T09:00:00+07:00');
    await event('D20', '2026-10-26T10:00:00+07:00', supplement);
    expect((await event('D20', '2026-10-27T09:00:00+07:00', { type: 'SUPPLEMENT_RECEIVED' })).dueAt).toBe('2026-10-30T09:00:00+07:00');
    await event('D20', '2026-10-28T09:00:00+07:00', supplement);
    expect((await event('D20', '2026-10-29T09:00:00+07:00', { type: 'SUPPLEMENT_RECEIVED' })).dueAt).toBe('2026-11-03T09:00:00+07:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('October 2026 (ended)', () => {
    it('summary: every cell', async () => {
      const res = await get('/api/v1/reports/summary', OCTOBER);
      expectStatus(res, 200);
      // online: D6 D9 D13 D15; direct/postal: D7 D8 D10 D11 D12 D18 D20; carried over: D1 D2 D5 D19 → 15.
      // resolved: early D6 D7 D9, on time D1 D13 D18, overdue D8 D19 → 8; in progress: within D10 D11 D15 D20, overdue D2 D5 D12 → 7.
      // shares: 3/8, 3/8, 2/8, 6/8.
      expect(res.body).toEqual({ period: { ...OCTOBER, asOf: '2026-11-01T00:00:00+07:00' }, ...numbers([15, 4, 7, 4, 8, 3, 3, 2, 7, 4, 3]) });
      expect(res.body.shares).toEqual({ early: 0.375, onTime: 0.375, overdue: 0.25, onTimeOrBetter: 0.75 });
    });

    it('summary with filters: agency, procedure, field', async () => {
      // H12.01: online D6 D9; direct/postal D7 D10 D20; carried D1 D2; resolved D1 (on time) D6 D7 D9 (early); in progress D10 D20 within, D2 overdue.
      expect((await get('/api/v1/reports/summary', { ...OCTOBER, agencyCode: 'H12.01' })).body).toMatchObject(numbers([7, 2, 3, 2, 4, 3, 1, 0, 3, 2, 1]));
      // CT at H12.02.03: D18 (direct, on time), D19 (carried over, overdue).
      expect((await get('/api/v1/reports/summary', { ...OCTOBER, procedureCode: CT })).body).toMatchObject(numbers([2, 0, 1, 1, 2, 0, 1, 1, 0, 0, 0]));
      // Đất đai: D11 only.
      expect((await get('/api/v1/reports/summary', { ...OCTOBER, field: 'Đất đai' })).body).toMatchObject(numbers([1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]));
      // Unknown procedure: nothing, not an error.
      expect((await get('/api/v1/reports/summary', { ...OCTOBER, procedureCode: '9.999999' })).body).toMatchObject(numbers([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    });

    it('06a by agency: every row, the total is their sum', async () => {
      const res = await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'agency' });
      expectStatus(res, 200);
      expect(res.body).toEqual({
        period: { ...OCTOBER, asOf: '2026-11-01T00:00:00+07:00' },
        groupBy: 'agency',
        rows: [
          { key: 'H12.01', label: 'Ủy ban nhân dân xã Tiên Du', ...numbers([7, 2, 3, 2, 4, 3, 1, 0, 3, 2, 1]) },
          // H12.02: online D15; direct D8 D11 D12; carried D5; resolved D8 (overdue); in progress D11 D15 within, D5 D12 overdue.
          { key: 'H12.02', label: 'Ủy ban nhân dân phường Kinh Bắc', ...numbers([5, 1, 3, 1, 1, 0, 0, 1, 4, 2, 2]) },
          { key: 'H12.02.03', label: 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kinh Bắc', ...numbers([2, 0, 1, 1, 2, 0, 1, 1, 0, 0, 0]) },
          { key: 'H12.10', label: 'Sở Tư pháp tỉnh Bắc Ninh', ...numbers([1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]) },
        ],
        total: numbers([15, 4, 7, 4, 8, 3, 3, 2, 7, 4, 3]),
      });
    });

    // HKD: online D6 D9 D15; direct/postal D7 D8 D10 D12 D20; carried D1 D2 D5; early D6 D7 D9, on time D1, overdue D8;
    // in progress within D10 D15 D20, overdue D2 D5 D12.
    const HKD_ROW = numbers([11, 3, 5, 3, 5, 3, 1, 1, 6, 3, 3]);
    const LLTP_ROW = numbers([1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
    const DAT_ROW = numbers([1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
    const CT_ROW = numbers([2, 0, 1, 1, 2, 0, 1, 1, 0, 0, 0]);

    it('06a by procedure: labelled with the procedure name', async () => {
      const res = await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'procedure' });
      expectStatus(res, 200);
      expect(res.body.rows).toEqual([
        { key: LLTP, label: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', ...LLTP_ROW },
        { key: '1.000800', label: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', ...DAT_ROW },
        { key: CT, label: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp', ...CT_ROW },
        { key: HKD, label: 'Đăng ký thành lập hộ kinh doanh', ...HKD_ROW },
      ]);
      expect(res.body.total).toEqual(numbers([15, 4, 7, 4, 8, 3, 3, 2, 7, 4, 3]));
    });

    it('06a by field: Vietnamese alphabetical order', async () => {
      const res = await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'field' });
      expectStatus(res, 200);
      expect(res.body.rows).toEqual([
        { key: 'Chứng thực', label: 'Chứng thực', ...CT_ROW },
        { key: 'Đất đai', label: 'Đất đai', ...DAT_ROW },
        { key: 'Lý lịch tư pháp', label: 'Lý lịch tư pháp', ...LLTP_ROW },
        { key: 'Thành lập và hoạt động của hộ kinh doanh', label: 'Thành lập và hoạt động của hộ kinh doanh', ...HKD_ROW },
      ]);
      expect(res.body.total).toEqual(numbers([15, 4, 7, 4, 8, 3, 3, 2, 7, 4, 3]));
    });

    it('766: a second supplement request counts as overdue, finished or open; a withdrawal before its due date counts as on time', async () => {
      // denominator = resolved 8 + withdrawn in October 2 (D4, D14) + in progress 7 = 17;
      // numerator = in time D1 D6 D9 D13 D18 (D7 asked twice) + withdrawn before due D4 (10-02, due 10-05) D14 (10-08, due 10-12)
      // + within D10 D11 D15 (D20 asked twice) = 10.
      const res = await get('/api/v1/reports/766/progress', OCTOBER);
      expectStatus(res, 200);
      expect(res.body).toEqual({
        period: { ...OCTOBER, asOf: '2026-11-01T00:00:00+07:00' },
        numerator: 10,
        denominator: 17,
        ratio: 0.5882,
        score: 11.76,
        maxScore: 20,
      });
      // H12.01: resolved D1 D6 D7 D9, withdrawn D4 D14, in progress D2 D10 D20 → 9; in time D1 D6 D9 + D4 D14 + within D10 → 6;
      // 20 × 6/9 = 13.33.
      expect((await get('/api/v1/reports/766/progress', { ...OCTOBER, agencyCode: 'H12.01' })).body).toMatchObject({
        numerator: 6,
        denominator: 9,
        ratio: 0.6667,
        score: 13.33,
      });
    });

    it('xlsx: the national form with the same numbers', async () => {
      const res = await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'agency', format: 'xlsx' })
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expectStatus(res, 200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe('attachment; filename="bieu-06a_2026-10-01_2026-10-31_agency.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ExcelJS.Buffer); // a Node Buffer at run time, which exceljs reads
      const ws = wb.worksheets[0];
      const text = (r: number, c: number) => ws.getCell(r, c).text;
      const row = (r: number) => Array.from({ length: 13 }, (_, i) => ws.getCell(r, i + 1).value);
      expect(text(1, 1)).toBe('Biểu 06a — Kết quả giải quyết thủ tục hành chính');
      expect(text(2, 1)).toBe('Kỳ báo cáo: từ ngày 01/10/2026 đến ngày 31/10/2026');
      // Two rows of group headers, merged over their columns.
      expect([text(4, 1), text(4, 2), text(4, 3), text(4, 7)]).toEqual(['STT', 'Đơn vị', 'Số hồ sơ nhận giải quyết', 'Kết quả giải quyết']);
      expect(ws.getCell(4, 6).isMerged && ws.getCell(4, 6).master.address).toBe('C4');
      expect(ws.getCell(4, 13).master.address).toBe('G4');
      expect([text(5, 7), text(5, 11)]).toEqual(['Số hồ sơ đã giải quyết', 'Số hồ sơ đang giải quyết']);
      expect(ws.getCell(5, 10).master.address).toBe('G5');
      expect(ws.getCell(5, 13).master.address).toBe('K5');
      expect(row(6).slice(2)).toEqual([
        'Tổng số',
        'Trong kỳ — trực tuyến',
        'Trong kỳ — trực tiếp, dịch vụ bưu chính',
        'Từ kỳ trước',
        'Tổng số',
        'Trước hạn',
        'Đúng hạn',
        'Quá hạn',
        'Tổng số',
        'Trong hạn',
        'Quá hạn',
      ]);
      expect(row(7)).toEqual(Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
      expect(row(8)).toEqual([1, 'Ủy ban nhân dân xã Tiên Du', 7, 2, 3, 2, 4, 3, 1, 0, 3, 2, 1]);
      expect(row(9)).toEqual([2, 'Ủy ban nhân dân phường Kinh Bắc', 5, 1, 3, 1, 1, 0, 0, 1, 4, 2, 2]);
      expect(row(10)).toEqual([3, 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kinh Bắc', 2, 0, 1, 1, 2, 0, 1, 1, 0, 0, 0]);
      expect(row(11)).toEqual([4, 'Sở Tư pháp tỉnh Bắc Ninh', 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
      expect(row(12)).toEqual([null, 'Tổng cộng', 15, 4, 7, 4, 8, 3, 3, 2, 7, 4, 3]);
      expect(ws.getCell(12, 2).font?.bold).toBe(true);
      expect(ws.rowCount).toBe(12);
    });
  });

  describe('a supervisor of H12.02 sees H12.02 and H12.02.03 only', () => {
    it('summary and 06a without H12.01 or H12.10', async () => {
      // H12.02 + H12.02.03: online D15; direct D8 D11 D12 D18; carried D5 D19; resolved D18 (on time) D8 D19 (overdue);
      // in progress D11 D15 within, D5 D12 overdue.
      const summary = await get('/api/v1/reports/summary', OCTOBER, SUPERVISOR_H1202);
      expectStatus(summary, 200);
      expect(summary.body).toMatchObject(numbers([7, 1, 4, 2, 3, 0, 1, 2, 4, 2, 2]));
      expect(summary.body.shares).toEqual({ early: 0, onTime: 0.3333, overdue: 0.6667, onTimeOrBetter: 0.3333 });
      const report = await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'agency' }, SUPERVISOR_H1202);
      expect(report.body.rows.map((r: { key: string }) => r.key)).toEqual(['H12.02', 'H12.02.03']);
      expect(report.body.total).toEqual(numbers([7, 1, 4, 2, 3, 0, 1, 2, 4, 2, 2]));
      // Own agency only: D5 D8 D11 D12 D15.
      const own = await get('/api/v1/reports/summary', { ...OCTOBER, agencyCode: 'H12.02' }, SUPERVISOR_H1202);
      expect(own.body).toMatchObject(numbers([5, 1, 3, 1, 1, 0, 0, 1, 4, 2, 2]));
      // 766: in time D18 + within D11 D15 = 3 of 7.
      const progress = await get('/api/v1/reports/766/progress', OCTOBER, SUPERVISOR_H1202);
      expect(progress.body).toMatchObject({ numerator: 3, denominator: 7, ratio: 0.4286, score: 8.57, maxScore: 20 });
    });

    it("404 for another commune's agencyCode (and for one that does not exist), as for the admin", async () => {
      for (const path of ['/api/v1/reports/summary', '/api/v1/reports/766/progress']) {
        const res = await get(path, { ...OCTOBER, agencyCode: 'H12.01' }, SUPERVISOR_H1202);
        expectStatus(res, 404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      }
      expectStatus(await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'agency', agencyCode: 'H12.10' }, SUPERVISOR_H1202), 404);
      expectStatus(await get('/api/v1/reports/summary', { ...OCTOBER, agencyCode: 'H99' }), 404);
    });

    it('officers outside the reporting roles get 403', async () => {
      expectStatus(await get('/api/v1/reports/summary', OCTOBER, actingAs('reception', 'H12.02')), 403);
      expectStatus(await get('/api/v1/reports/summary', OCTOBER, actingAs('leader', 'H12.02')), 200);
    });
  });

  describe('a period that has not ended: in progress and overdue as of now', () => {
    it('November 2026, seen on 2026-11-23 09:00', async () => {
      // direct: D16; carried over: D2 D10 D11 D12 D20 (D5 and D15 were withdrawn in November);
      // resolved: D10 early (11-01 00:00, due 11-02), D2 overdue; in progress now: D11 within (waiting since before due),
      // D12 D16 D20 overdue (D16 due 11-05, D20 due 11-03).
      const summary = await get('/api/v1/reports/summary', NOVEMBER);
      expectStatus(summary, 200);
      expect(summary.body).toEqual({ period: { ...NOVEMBER, asOf: NOW }, ...numbers([6, 0, 1, 5, 2, 1, 0, 1, 4, 1, 3]) });
      // 766: resolved 2 + withdrawn in November 2 + in progress 4 = 8; in time D10 + D15 (withdrawn 11-02, due 11-03) + within D11
      // = 3; D5 (withdrawn 11-03, due 10-05) was withdrawn after its due date: late.
      expect((await get('/api/v1/reports/766/progress', NOVEMBER)).body).toMatchObject({ numerator: 3, denominator: 8, ratio: 0.375, score: 7.5 });
    });

    it('a whole year: 2026 (both months above, and September)', async () => {
      // received in 2026 and not withdrawn before its end: D1 D2 D3 D6 D7 D8 D9 D10 D11 D12 D13 D16 D18 D19 D20;
      // online D2 D6 D9 D13; withdrawn in 2026: D4 D5 D14 D15 leave; resolved early D3 D6 D7 D9 D10, on time D1 D13 D18,
      // overdue D2 D8 D19; open now: D11 (within) D12 D16 D20 (overdue).
      const res = await get('/api/v1/reports/summary', { from: '2026-01-01', to: '2026-12-31' });
      expect(res.body).toMatchObject(numbers([15, 4, 11, 0, 11, 5, 3, 3, 4, 1, 3]));
    });
  });

  describe('validation', () => {
    it('names the field: real dates, order, span, groupBy, format', async () => {
      expectFieldError(await get('/api/v1/reports/summary', { from: '2026-02-30', to: '2026-03-01' }), 'from');
      expectFieldError(await get('/api/v1/reports/summary', { from: '2026-10-01' }), 'to');
      expectFieldError(await get('/api/v1/reports/summary', { from: '2026-10-01', to: '31/10/2026' }), 'to');
      expectFieldError(await get('/api/v1/reports/summary', { from: '2026-10-31', to: '2026-10-01' }), 'to');
      expectFieldError(await get('/api/v1/reports/summary', { from: '2025-01-01', to: '2026-01-02' }), 'to');
      expectFieldError(await get('/api/v1/reports/summary', { from: '2026-11-24', to: '2026-11-30' }), 'from');
      expectFieldError(await get('/api/v1/reports/06a', { ...OCTOBER }), 'groupBy');
      expectFieldError(await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'district' }), 'groupBy');
      expectFieldError(await get('/api/v1/reports/06a', { ...OCTOBER, groupBy: 'agency', format: 'pdf' }), 'format');
      expectFieldError(await get('/api/v1/reports/summary', { ...OCTOBER, colour: 'red' }), 'colour');
    });

    it('a leap year is one period: 366 days', async () => {
      const res: Response = await get('/api/v1/reports/summary', { from: '2024-01-01', to: '2024-12-31' });
      expect(res.body).toMatchObject(numbers([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    });
  });
});
