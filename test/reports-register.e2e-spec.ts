import { binaryBody } from './support/binary-body';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { MAX_REGISTER_ROWS, REGISTER_COLUMNS, REGISTER_HEADER_ROW, type RegisterRow, renderRegisterPdf } from '@app/forms';
import { cloneReceivedDossier } from './support/dossier-clones';
import { ADMIN, act, as, dayAfter, expectFieldError, expectStatus } from './support/dossier-api';
import { pdfInfo, pdfText } from './support/pdf';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * GET /api/v1/reports/register: Mẫu 07, Sổ theo dõi hồ sơ — the receiving desk's register (api.md "Forms (PDF)").
 * Agencies and procedures are made here through the API. Period P = Mon 30/11 … Wed 2/12/2026, read on Mon 7/12.
 *
 * | dossier | desk | resolving | received | then |
 * |---|---|---|---|---|
 * | A | DESK | RESOLVER | Mon 30/11 08:00 | liên thông: FORWARD 09:15 hands it to LAND (appraisal) |
 * | B | DESK | DESK | Mon 30/11 10:00 | FORWARD 10:30 (same agency), EXTEND Tue 1/12 14:00 (a day later), COMPLETE 15:00, DELIVER Wed 2/12 09:00 |
 * | W | DESK | DESK | Tue 1/12 08:00 | WITHDRAW 09:00 |
 * | X | H12.02 | H12.02 | Mon 30/11 09:00 | another agency's desk: not in DESK's register |
 * | O | DESK | DESK | Fri 27/11 09:00 | before P: not listed |
 * | L | DESK | DESK | Thu 3/12 09:00 | after P: not listed |
 */

const DESK = 'H12.01.71'; // a commune under the demo commune H12.01: its supervisor is above it
const LAND = 'H12.74';
const RESOLVER = 'H12.75';
const LT = 'LT.REG.01';
const LOCAL = 'LT.REG.02';
const P = { from: '2026-11-30', to: '2026-12-02' };
const NOW = '2026-12-07T09:00:00+07:00';

const desk = as('reception', 'desk.71', DESK);
const deskLeader = as('leader', 'leader.71', DESK);
const specialist = as('specialist', 'specialist.74', LAND);
const otherDesk = as('reception', 'desk.h1202', 'H12.02');
const supervisorAbove = as('supervisor', 'supervisor.h1201', 'H12.01');
const supervisorElsewhere = as('supervisor', 'supervisor.h1202', 'H12.02');

const procedure = (code: string, name: string, steps: object[]) => ({
  code,
  name,
  field: 'Đất đai',
  level: 'commune',
  processingTime: { value: 10, unit: 'working_days' },
  supplementPolicy: 'pause',
  steps,
  requiredDocuments: [{ code: 'DDK', name: 'Đơn đăng ký', copies: 1 }],
  fee: 0,
});

const APPLICANTS = {
  A: { type: 'citizen', fullName: 'Nguyễn Văn Liên', idNumber: '027090012345', address: 'Thôn Đông, xã Bàn Sổ', phone: '0912345678' },
  B: { type: 'citizen', fullName: 'Trần Thị Bích', idNumber: '027190054321', address: 'Thôn Tây', phone: '0987654321' },
  W: { type: 'citizen', fullName: 'Lê Văn Rút', idNumber: '027090099999' },
  X: { type: 'citizen', fullName: 'Phạm Văn Khác', idNumber: '027090011111' },
  O: { type: 'citizen', fullName: 'Hoàng Văn Trước', idNumber: '027090022222' },
  L: { type: 'citizen', fullName: 'Đỗ Văn Sau', idNumber: '027090033333' },
};

/** pdftotext's lines with the spaces it adds between columns squeezed. */
const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');
/** "30/11/2026 08:00" in Vietnam's wall time, as the register prints it. */
const vn = (iso: string) => {
  const l = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${l.slice(8, 10)}/${l.slice(5, 7)}/${l.slice(0, 4)} ${l.slice(11, 16)}`;
};
/** The wall time an Excel date holds (exceljs reads it back as that UTC instant). */
const wall = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();

describe('reports: the register, Mẫu 07 (Sổ theo dõi hồ sơ)', () => {
  let t: TestApp;
  let db: Client;
  const d: Record<string, { id: string; code: string; dueAt: string }> = {};

  const register = (query: Record<string, string> = {}, headers = ADMIN) =>
    t.http
      .get('/api/v1/reports/register')
      .set(headers)
      .query({ ...P, ...query })
      .buffer(true)
      .parse(binaryBody);

  async function intake(name: keyof typeof APPLICANTS, at: string, headers: Record<string, string>, body: Record<string, unknown>) {
    t.clock.set(at);
    const res = await t.http.post('/api/v1/dossiers').set(headers).send({ channel: 'direct', applicant: APPLICANTS[name], ...body });
    expectStatus(res, 201);
    d[name] = { id: res.body.id, code: res.body.code, dueAt: res.body.dueAt };
  }

  async function workbookRows(query: Record<string, string>, headers = ADMIN) {
    const res = await register({ ...query, format: 'xlsx' }, headers).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ExcelJS.Buffer); // a Node Buffer at run time, which exceljs reads
    return { res, ws: wb.worksheets[0], wb };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-27T07:00:00+07:00' });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const agencies = [
      { code: DESK, name: 'UBND xã Bàn Sổ (minh họa)', level: 'commune', parentCode: 'H12.01', receivesFor: 'province' },
      { code: LAND, name: 'Văn phòng đăng ký đất đai (minh họa)', level: 'department', parentCode: 'H12' },
      { code: RESOLVER, name: 'Sở Tài nguyên (minh họa)', level: 'department', parentCode: 'H12' },
    ];
    for (const a of agencies) expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send(a), 201);
    const receiveStep = { id: 'receive', name: 'Tiếp nhận', role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } };
    const signStep = { id: 'sign', name: 'Ký duyệt', role: 'leader', allotted: { value: 2, unit: 'working_days' } };
    const appraiseStep = { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 4, unit: 'working_days' }, agency: { code: LAND } };
    expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send(procedure(LT, 'Đăng ký biến động đất đai', [receiveStep, appraiseStep, signStep])), 201);
    expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send(procedure(LOCAL, 'Xác nhận nguồn gốc đất', [receiveStep, signStep])), 201);

    await intake('O', '2026-11-27T09:00:00+07:00', desk, { procedureCode: LOCAL });
    await intake('A', '2026-11-30T08:00:00+07:00', desk, { procedureCode: LT, agencyCode: RESOLVER });
    await intake('X', '2026-11-30T09:00:00+07:00', otherDesk, { procedureCode: '1.001193' });
    await act(t, d.A.id, { type: 'FORWARD' }, { at: '2026-11-30T09:15:00+07:00', headers: desk });
    await intake('B', '2026-11-30T10:00:00+07:00', desk, { procedureCode: LOCAL });
    await act(t, d.B.id, { type: 'FORWARD' }, { at: '2026-11-30T10:30:00+07:00', headers: desk });
    await act(t, d.B.id, { type: 'EXTEND', reason: 'Cần xác minh thực địa', extendedDueAt: dayAfter(d.B.dueAt) }, { at: '2026-12-01T14:00:00+07:00', headers: deskLeader });
    await act(t, d.B.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-12-01T15:00:00+07:00', headers: deskLeader });
    await act(t, d.B.id, { type: 'DELIVER' }, { at: '2026-12-02T09:00:00+07:00', headers: desk });
    await intake('W', '2026-12-01T08:00:00+07:00', desk, { procedureCode: LOCAL });
    await act(t, d.W.id, { type: 'WITHDRAW', note: 'Người nộp rút hồ sơ' }, { at: '2026-12-01T09:00:00+07:00', headers: desk });
    await intake('L', '2026-12-03T09:00:00+07:00', desk, { procedureCode: LOCAL });
    t.clock.set(NOW);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('prints the desk’s dossiers of the period as an A4 landscape PDF, in order of receipt, with each time the log records', async () => {
    const res = await register({ agencyCode: DESK }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Mau 07 - So theo doi ho so - ${DESK} - 2026-11-30_2026-12-02.pdf"; filename*=UTF-8''` +
        encodeURIComponent(`Mẫu 07 - Sổ theo dõi hồ sơ - ${DESK} - 2026-11-30_2026-12-02.pdf`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.body as Buffer;
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/); // landscape: wider than high
    expect(info.Pages).toBe('1');
    expect(info.Title).toBe('Mẫu 07: Sổ theo dõi hồ sơ');

    const text = squeeze(await pdfText(pdf));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('UBND XÃ BÀN SỔ (MINH HỌA)');
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Từ ngày 30/11/2026 đến ngày 02/12/2026');
    expect(text).toContain('Trang 1/1');
    // In order of receipt; the others are not there.
    const at = (code: string) => text.indexOf(code);
    expect(at(d.A.code)).toBeGreaterThan(0);
    expect(at(d.A.code)).toBeLessThan(at(d.B.code));
    expect(at(d.B.code)).toBeLessThan(at(d.W.code));
    for (const n of ['X', 'O', 'L'] as const) {
      expect(text).not.toContain(d[n].code);
      expect(text).not.toContain(APPLICANTS[n].fullName);
    }
    for (const n of ['A', 'B', 'W'] as const) expect(text).toContain(APPLICANTS[n].fullName);
    const lines = text.split('\n');
    const row = (code: string) => {
      const i = lines.findIndex((l) => l.includes(code));
      return [lines[i], lines[i + 1]];
    };
    // Narrow cells wrap: the resolving agency, the phone and the note are checked where they start (the XLSX has them whole).
    expect(row(d.A.code)[0]).toContain('Sở Tài nguyên');
    expect(row(d.A.code)[1]).toContain('ĐT: 0912345678');
    expect(row(d.W.code)[0]).toContain('Rút hồ sơ');

    // A row's first line holds each date column's date, its next line their times (the column is narrow).
    const dates = (...isos: string[]) => [new RegExp(isos.map((x) => vn(x).slice(0, 10)).join(' ')), new RegExp(isos.map((x) => vn(x).slice(11)).join(' '))];
    const expectRow = (code: string, ...isos: string[]) => {
      const [first, second] = row(code);
      const [datesRe, timesRe] = dates(...isos);
      expect(first).toMatch(datesRe);
      expect(second).toMatch(timesRe);
    };
    // A: received, appointment, handed over to the land office; no result yet.
    expectRow(d.A.code, '2026-11-30T08:00:00+07:00', d.A.dueAt, '2026-11-30T09:15:00+07:00');
    expect(row(d.A.code)[0]).toMatch(/ 1 /);
    // B: received, appointment, no handover (its own agency), result, delivered.
    expectRow(d.B.code, '2026-11-30T10:00:00+07:00', d.B.dueAt, '2026-12-01T15:00:00+07:00', '2026-12-02T09:00:00+07:00');
    expectRow(d.W.code, '2026-12-01T08:00:00+07:00', d.W.dueAt);
  });

  it('writes the same rows to an XLSX sheet: a title, frozen column titles, real dates in Vietnam’s wall time', async () => {
    const { res, ws, wb } = await workbookRows({ agencyCode: DESK });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename="Mau 07 - So theo doi ho so - ${DESK} - 2026-11-30_2026-12-02.xlsx"`);
    expect(wb.worksheets).toHaveLength(1);
    expect(String(ws.getCell(1, 1).value)).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell(2, 1).value).toBe('Từ ngày 30/11/2026 đến ngày 02/12/2026');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: REGISTER_HEADER_ROW + 1 });
    const header = REGISTER_COLUMNS.map((_, i) => ws.getCell(REGISTER_HEADER_ROW, i + 1).value);
    expect(header).toEqual([...REGISTER_COLUMNS]);
    for (let c = 1; c <= REGISTER_COLUMNS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThan(4);

    const rows: unknown[][] = [];
    for (let r = REGISTER_HEADER_ROW + 2; r <= ws.rowCount; r++) {
      rows.push(REGISTER_COLUMNS.map((_, c) => ws.getCell(r, c + 1).value ?? null));
    }
    const date = (iso: string | null) => (iso ? new Date(wall(iso)) : null);
    expect(rows).toEqual([
      [1, d.A.code, 'Đăng ký biến động đất đai', 1, 'Nguyễn Văn Liên', 'Thôn Đông, xã Bàn Sổ; ĐT: 0912345678', 'Sở Tài nguyên (minh họa)', date('2026-11-30T08:00:00+07:00'), date(d.A.dueAt), date('2026-11-30T09:15:00+07:00'), null, null, null],
      [2, d.B.code, 'Xác nhận nguồn gốc đất', 1, 'Trần Thị Bích', 'Thôn Tây; ĐT: 0987654321', 'UBND xã Bàn Sổ (minh họa)', date('2026-11-30T10:00:00+07:00'), date(d.B.dueAt), null, date('2026-12-01T15:00:00+07:00'), date('2026-12-02T09:00:00+07:00'), `Gia hạn, hẹn lại ${vn(dayAfter(d.B.dueAt))}`],
      [3, d.W.code, 'Xác nhận nguồn gốc đất', 1, 'Lê Văn Rút', null, 'UBND xã Bàn Sổ (minh họa)', date('2026-12-01T08:00:00+07:00'), date(d.W.dueAt), null, null, null, 'Rút hồ sơ 01/12/2026 09:00'],
    ]);
    expect(ws.getCell(REGISTER_HEADER_ROW + 2, 8).numFmt).toBe('dd/mm/yyyy hh:mm');
  });

  it('lists the desks of the caller’s scope: a supervisor their subtree, agencyCode a desk and those under it, 404 outside, 403 for other roles', async () => {
    const codes = async (query: Record<string, string>, headers: Record<string, string>) => {
      const { ws } = await workbookRows(query, headers);
      const out: string[] = [];
      for (let r = REGISTER_HEADER_ROW + 2; r <= ws.rowCount; r++) out.push(String(ws.getCell(r, 2).value));
      return out;
    };
    // The supervisor of H12.01 sees the desk under it; its own desk received nothing in P. X is H12.02's.
    expect(await codes({}, supervisorAbove)).toEqual([d.A.code, d.B.code, d.W.code]);
    expect(await codes({ agencyCode: 'H12.01' }, supervisorAbove)).toEqual([d.A.code, d.B.code, d.W.code]);
    expect(await codes({}, deskLeader)).toEqual([d.A.code, d.B.code, d.W.code]);
    expect(await codes({}, supervisorElsewhere)).toEqual([d.X.code]);
    // The administrator: every desk, in order of receipt.
    expect(await codes({}, ADMIN)).toEqual([d.A.code, d.X.code, d.B.code, d.W.code]);
    // The desk's register under another agency's name notes where each row was received.
    const { ws } = await workbookRows({ agencyCode: 'H12.01' }, supervisorAbove);
    expect(ws.getCell(REGISTER_HEADER_ROW + 2, 13).value).toBe('Tiếp nhận tại UBND xã Bàn Sổ (minh họa)');
    // The administrator's whole tree: every row names its desk.
    const whole = (await workbookRows({}, ADMIN)).ws;
    expect(String(whole.getCell(1, 1).value)).toBe('SỔ THEO DÕI HỒ SƠ — Các bộ phận tiếp nhận và trả kết quả');
    expect(whole.getCell(REGISTER_HEADER_ROW + 2, 13).value).toBe('Tiếp nhận tại UBND xã Bàn Sổ (minh họa)');
    expect(whole.getCell(REGISTER_HEADER_ROW + 3, 13).value).toMatch(/^Tiếp nhận tại /);

    await register({ agencyCode: DESK }, supervisorElsewhere).expect(404);
    await register({ agencyCode: 'H12.NOPE' }).expect(404);
    await register({ agencyCode: 'H12.01' }, deskLeader).expect(404);
    await register({}, desk).expect(403);
    await register({}, specialist).expect(403);
  });

  it('answers 400 naming the field for a bad format or period, and for a register too long to print', async () => {
    expectFieldError(await register({ format: 'docx' }), 'format');
    expectFieldError(await register({ to: '2026-11-29' }), 'to');
    expectFieldError(await register({ from: '2026-02-30' }), 'from');
    expectFieldError(await register({ from: '2026-12-08', to: '2026-12-08' }), 'from');

    // O and clones of it on Friday 27/11: one row over the PDF's bound, then one over the workbook's.
    const friday = { from: '2026-11-27', to: '2026-11-27', agencyCode: DESK };
    await cloneReceivedDossier(db, d.O.id, MAX_REGISTER_ROWS.pdf);
    const tooManyToPrint = await register(friday);
    expectFieldError(tooManyToPrint, 'to');
    expect(tooManyToPrint.body.details[0]).toMatchObject({ code: 'too_many_rows', params: { max: MAX_REGISTER_ROWS.pdf } });
    const { ws } = await workbookRows(friday);
    expect(ws.rowCount).toBe(REGISTER_HEADER_ROW + 1 + MAX_REGISTER_ROWS.pdf + 1);
    await cloneReceivedDossier(db, d.O.id, MAX_REGISTER_ROWS.xlsx - MAX_REGISTER_ROWS.pdf);
    const tooMany = await register({ ...friday, format: 'xlsx' });
    expectFieldError(tooMany, 'to');
    expect(tooMany.body.details[0]).toMatchObject({ code: 'too_many_rows', params: { max: MAX_REGISTER_ROWS.xlsx } });
    // The period P is untouched.
    await register({ agencyCode: DESK }).expect(200);
  });

  it('repeats the column titles on every page and numbers the pages', async () => {
    const base: RegisterRow = {
      code: '',
      procedureName: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      applicantName: '',
      address: 'Thôn Đông, xã Bàn Sổ, tỉnh Bắc Ninh',
      phone: '0912345678',
      resolvingName: 'Sở Tài nguyên (minh họa)',
      deskCode: DESK,
      deskName: 'UBND xã Bàn Sổ (minh họa)',
      receivedAt: new Date('2026-11-30T01:00:00Z'),
      appointment: new Date('2026-12-14T01:00:00Z'),
      handedOverAt: null,
      completedAt: null,
      deliveredAt: null,
      status: 'processing',
      withdrawnAt: null,
      extendedDueAt: null,
      supplementCount: 0,
    };
    const rows = Array.from({ length: 80 }, (_, i) => ({ ...base, code: `${DESK}-261130-${String(i + 1).padStart(4, '0')}`, applicantName: `Người nộp số ${i + 1}` }));
    const pdf = await renderRegisterPdf({
      agency: { code: DESK, name: 'UBND xã Bàn Sổ (minh họa)', parentName: 'UBND tỉnh Bắc Ninh', place: 'Bàn Sổ' },
      from: '2026-11-30',
      to: '2026-11-30',
      rows,
      printedAt: new Date('2026-12-07T02:00:00Z'),
    });
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThan(1);
    const texts = (await pdfText(pdf)).split('\f').filter((p) => p.trim());
    expect(texts).toHaveLength(pages);
    texts.forEach((page, i) => {
      expect(squeeze(page)).toContain('Mã hồ sơ');
      expect(squeeze(page)).toContain('(13)');
      expect(squeeze(page)).toContain(`Trang ${i + 1}/${pages}`);
    });
    // Every row once, none split across pages.
    const all = texts.join('\n');
    for (const r of rows) expect(all.split(r.code)).toHaveLength(2);
  });
});
