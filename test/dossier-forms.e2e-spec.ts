import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { FORMS_QUEUE, IssuedFormsService } from '@app/forms';
import { binaryBody } from './support/binary-body';
import { pdfCodes, pdfInfo, pdfText } from './support/pdf';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const RECEPTION = { 'X-Actor-Roles': 'reception', 'X-Actor-Username': 'forms-reception' };
const SPECIALIST = { 'X-Actor-Roles': 'specialist', 'X-Actor-Username': 'forms-specialist' };
const LEADER = { 'X-Actor-Roles': 'leader', 'X-Actor-Username': 'forms-leader' };
const OTHER_AGENCY = { 'X-Actor-Roles': 'reception', 'X-Actor-Username': 'forms-kinhbac', 'X-Actor-Agency': 'H12.02' };
const PUBLIC_BASE_URL = 'https://dichvucong.bacninh.gov.vn';
const TEN_DOCUMENTS = Array.from({ length: 10 }, (_, i) => ({ code: `GT${i + 1}`, name: `Giấy tờ số ${i + 1}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất`, copies: (i % 2) + 1 }));

/** pdftotext puts the letters of one line together; spaces it adds between columns are squeezed for matching. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('dossier forms as PDF (issue 17, api.md "Forms (PDF)")', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T09:30:00+07:00', env: { PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/` } });
  });
  afterAll(() => t?.close());

  const intake = async (documents = TEN_DOCUMENTS) =>
    (
      await t.http
        .post('/api/v1/dossiers')
        .set(RECEPTION)
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '027190001234', address: 'Thôn Đông, xã Tiên Du' }, documents })
        .expect(201)
    ).body as { id: string; code: string };
  const form = (id: string, name: string, as: Record<string, string> = RECEPTION) =>
    t.http
      .get(`/api/v1/dossiers/${id}/forms/${name}`)
      .set(as)
      .buffer(true)
      .parse(binaryBody);
  const send = (id: string, as: Record<string, string>, body: Record<string, unknown>) => t.http.post(`/api/v1/dossiers/${id}/events`).set(as).send(body).expect(200);

  it('prints the receipt on one A4 page with ten documents, its QR code opening the lookup with the key, its barcode the code', async () => {
    const d = await intake();
    const res = await form(d.id, 'receipt').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`inline; filename="Mau 01 - Giay tiep nhan ho so va hen tra ket qua - ${d.code}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.body as Buffer;
    const info = await pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toContain('A4');
    expect(info.Title).toBe(`Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${d.code}`);

    const text = squeeze(await pdfText(pdf));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${d.code}`);
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TIÊN DU');
    expect(text).toContain('Tiên Du, ngày 01 tháng 12 năm 2026');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('027190001234');
    expect(text).toContain('Đăng ký thành lập hộ kinh doanh');
    for (const doc of TEN_DOCUMENTS) expect(text).toContain(doc.name);
    expect(text).toContain('3 ngày làm việc');
    expect(text).toContain('09 giờ 30 phút, ngày 01 tháng 12 năm 2026');
    // Three working days from Tuesday 1/12/2026 09:30: Friday 4/12 09:30.
    expect(text).toContain('09 giờ 30 phút, ngày 04 tháng 12 năm 2026');

    const { lookupKey } = (await t.http.get(`/api/v1/dossiers/${d.id}`).set(RECEPTION).expect(200)).body;
    expect(lookupKey).toMatch(/^[0-9a-f]{32}$/);
    const url = `${PUBLIC_BASE_URL}/tra-cuu?ma=${d.code}&k=${lookupKey}`;
    // Printed for those who type it (pdftotext breaks the long line).
    expect(text.replace(/\s/g, '')).toContain(url);
    expect(await pdfCodes(pdf)).toEqual({ qr: url, code128: d.code });

    // The key is the applicant's: never in a list, never in the public lookup.
    const list = (await t.http.get('/api/v1/dossiers').set(RECEPTION).expect(200)).body.items;
    expect(JSON.stringify(list)).not.toContain(lookupKey);
    expect(JSON.stringify((await t.raw.get(`/api/v1/public/dossiers/${d.code}`).expect(200)).body)).not.toContain(lookupKey);
  });

  it('prints the supplement request, the apology and the stop notice only once their event happened (409 before)', async () => {
    const d = await intake(TEN_DOCUMENTS.slice(0, 2));
    for (const name of ['supplement-request', 'apology', 'stop-notice', 'refusal']) {
      expect((await form(d.id, name).expect(409)).body).toBeDefined();
    }
    const conflict = await t.http.get(`/api/v1/dossiers/${d.id}/forms/apology`).set(RECEPTION).expect(409);
    expect(conflict.body.error).toBe('form_not_applicable');

    await send(d.id, RECEPTION, { type: 'FORWARD' });
    await send(d.id, SPECIALIST, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ về địa điểm kinh doanh', missingItems: ['Hợp đồng thuê địa điểm kinh doanh', 'Bản sao CCCD của chủ hộ'] });
    const supplement = squeeze(await pdfText((await form(d.id, 'supplement-request').expect(200)).body));
    expect(supplement).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(supplement).toContain('Hợp đồng thuê địa điểm kinh doanh');
    expect(supplement).toContain('Bản sao CCCD của chủ hộ');
    expect(supplement).toContain('Thiếu giấy tờ về địa điểm kinh doanh');
    expect(supplement).toContain(d.code);

    await t.clock.advance(3_600_000);
    await send(d.id, RECEPTION, { type: 'SUPPLEMENT_RECEIVED' });
    const now = (await t.http.get(`/api/v1/dossiers/${d.id}`).set(RECEPTION).expect(200)).body;
    const extendedDueAt = new Date(new Date(now.dueAt).getTime() + 86_400_000).toISOString();
    await send(d.id, LEADER, { type: 'EXTEND', reason: 'Cần xác minh địa điểm kinh doanh tại thực địa', extendedDueAt });
    const apology = squeeze(await pdfText((await form(d.id, 'apology').expect(200)).body));
    expect(apology).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ');
    expect(apology).toContain('Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung');
    expect(apology).toContain('Cần xác minh địa điểm kinh doanh tại thực địa');
    expect(apology).toContain('THỦ TRƯỞNG CƠ QUAN');

    await send(d.id, RECEPTION, { type: 'WITHDRAW', note: 'Người nộp đề nghị rút để nộp lại sau' });
    const stop = squeeze(await pdfText((await form(d.id, 'stop-notice').expect(200)).body));
    expect(stop).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stop).toContain('Người nộp đề nghị rút để nộp lại sau');

    // The control sheet lists each handover and the events that paused or stretched the dossier.
    const sheet = squeeze(await pdfText((await form(d.id, 'control-sheet').expect(200)).body));
    expect(sheet).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(sheet).toContain('Giao: Người nộp hồ sơ');
    expect(sheet).toContain('Yêu cầu bổ sung');
    expect(sheet).toContain('Gia hạn, xin lỗi');
    expect(sheet).toContain('Người nộp rút hồ sơ');
  });

  it('answers 404 outside the dossier’s agencies and 400 for a form that does not exist', async () => {
    const d = await intake(TEN_DOCUMENTS.slice(0, 1));
    await form(d.id, 'receipt', OTHER_AGENCY).expect(404);
    const bad = await t.http.get(`/api/v1/dossiers/${d.id}/forms/giay-khen`).set(RECEPTION).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'form', code: 'not_allowed_value' });
  });
});

describe('issued forms kept with the dossier (issue 17)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T09:30:00+07:00', withWorker: true, env: { PUBLIC_BASE_URL, DATA_DIR: mkdtempSync(join(tmpdir(), 'forms-')) } });
  });
  afterAll(() => t?.close());

  type FileRow = { id: string; kind: string; form: string | null; issuedForSeq: number | null; sha256: string; uploadedBy: { username: string } };
  const files = async (id: string): Promise<FileRow[]> => (await t.http.get(`/api/v1/dossiers/${id}/files`).set(RECEPTION).expect(200)).body.items;
  const formsOf = async (id: string, n: number) => waitFor(async () => ((await files(id)).filter((f) => f.kind === 'form').length >= n ? (await files(id)).filter((f) => f.kind === 'form') : undefined), 20_000, `${n} filed form(s)`);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const pdfOf = (id: string, name: string) =>
    t.http
      .get(`/api/v1/dossiers/${id}/forms/${name}`)
      .set(RECEPTION)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .then((r) => r.body as Buffer);

  it('files the receipt at intake and Mẫu 02 at a supplement request, by the system, once each; the filed bytes are the form as printed', async () => {
    const d = (
      await t.http
        .post('/api/v1/dossiers')
        .set(RECEPTION)
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Lê Văn Tám', idNumber: '027190009999' }, documents: TEN_DOCUMENTS.slice(0, 2) })
        .expect(201)
    ).body as { id: string; code: string };
    const [receipt] = await formsOf(d.id, 1);
    expect(receipt).toMatchObject({ kind: 'form', form: 'receipt', issuedForSeq: 1, uploadedBy: { username: 'system' } });
    expect(receipt.sha256).toBe(sha(await pdfOf(d.id, 'receipt')));

    await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(RECEPTION).send({ type: 'FORWARD' }).expect(200);
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(SPECIALIST).send({ type: 'REQUEST_SUPPLEMENT', note: 'Thiếu hợp đồng thuê', missingItems: ['Hợp đồng thuê địa điểm'] }).expect(200);
    const filed = await formsOf(d.id, 2);
    const log = (await t.http.get(`/api/v1/dossiers/${d.id}/events`).set(RECEPTION).expect(200)).body.items as { seq: number; type: string }[];
    const requestSeq = log.find((e) => e.type === 'REQUEST_SUPPLEMENT')!.seq;
    expect(filed.map((f) => [f.form, f.issuedForSeq])).toEqual([
      ['receipt', 1],
      ['supplement-request', requestSeq],
    ]);
    const bytes = (await t.http.get(`/api/v1/dossiers/${d.id}/files/${filed[1].id}`).set(RECEPTION).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
    expect(squeeze(await pdfText(bytes))).toContain('Hợp đồng thuê địa điểm');
    // Each filing is a FILE_ATTACHED event by the system in the log.
    const events = (await t.http.get(`/api/v1/dossiers/${d.id}/events`).set(RECEPTION).expect(200)).body.items as { type: string; actor: { username: string }; data: { form?: string } }[];
    expect(events.filter((e) => e.type === 'FILE_ATTACHED').map((e) => [e.actor.username, e.data.form])).toEqual([
      ['system', 'receipt'],
      ['system', 'supplement-request'],
    ]);
    // Officers cannot upload a "form": only the system files them.
    const upload = await t.http.post(`/api/v1/dossiers/${d.id}/files`).set(RECEPTION).field('kind', 'form').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf').expect(400);
    expect(upload.body.details[0]).toMatchObject({ field: 'kind', code: 'not_allowed_value' });
  });

  it('the sweep files a form whose job was lost, and filing again changes nothing', async () => {
    const queue = t.app.get<Queue>(getQueueToken(FORMS_QUEUE));
    await queue.pause();
    const d = (
      await t.http
        .post('/api/v1/dossiers')
        .set(RECEPTION)
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Phạm Thị Mai', idNumber: '027190008888' } })
        .expect(201)
    ).body as { id: string };
    // Redis lost the job.
    await queue.remove(`file-forms-${d.id}`);
    await queue.resume();
    expect((await files(d.id)).filter((f) => f.kind === 'form')).toEqual([]);
    const issued = t.app.get(IssuedFormsService);
    expect(await issued.sweep()).toBeGreaterThanOrEqual(1);
    expect((await files(d.id)).map((f) => f.form)).toEqual(['receipt']);
    expect(await issued.fileMissing(d.id)).toBe(0);
    expect((await files(d.id)).length).toBe(1);
  });
});
