import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { withoutCultureDay2026 } from '../support/ordinary-week';
import { act, as, getDossier } from '../support/dossier-api';

/**
 * Dossier files in the web app (issue 16): scans attached per document line at intake (file chooser and drag and drop,
 * thumbnails, removal), uploaded once the dossier exists, a refused one reported without losing the dossier; the dossier
 * page lists them by document with a viewer and downloads fetched with the token; the completing officer attaches the result
 * in the COMPLETE form. Procedure 1.001193: receive·reception → appraise·specialist → review·leader → record·clerk → deliver·reception.
 */

const GDN = 'Giấy đề nghị đăng ký hộ kinh doanh';
const GTPL = 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh';
const PDF_NAME = 'Giấy đề nghị đăng ký hộ kinh doanh.pdf';

/** A small, valid one-page PDF (cross-reference offsets computed), with `text` on the page. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const MAX_BYTES = 64 * 1024;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface ListedFile {
  id: string;
  kind: 'component' | 'result';
  documentCode: string | null;
  fileName: string;
  contentType: string;
  size: number;
}

async function filesOf(t: WebTestApp, id: string): Promise<ListedFile[]> {
  const res = await t.http.get(`/api/v1/dossiers/${id}/files`).expect(200);
  return res.body.items as ListedFile[];
}

/** Drops a file on an element the way a browser does (a DragEvent whose DataTransfer holds the file). */
async function dropFile(page: Page, testId: string, name: string, type: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: { type: string }) => unknown };
      const raw = atob(base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([data], name, { type }));
      return dt;
    },
    { name, type, base64: bytes.toString('base64') },
  );
  const zone = page.getByTestId(testId);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

describe('dossier files (browser)', () => {
  let t: WebTestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'files-web-'));
    // A small per-file limit, so a test can pass it with a few kilobytes.
    t = await startWebTestApp({ env: { DATA_DIR: dataDir, FILE_MAX_BYTES: String(MAX_BYTES) } });
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('attaches scans per document at intake, shows them by document with a viewer and downloads, and the completing desk attaches the result', async () => {
    const page = await t.newPage();
    // The app's policy must let the PDF frame in: any refusal shows in the console.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await loginAs(page, 'reception');
    await page.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption('1.001193');

    // The application form: a PDF through the file chooser, the ID card photo dropped on the line, a wrong pick removed.
    await page.getByLabel(`Chọn tệp: ${GDN}`).setInputFiles([
      { name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf('Giay de nghi') },
      { name: 'chon-nham.pdf', mimeType: 'application/pdf', buffer: pdf('nham') },
    ]);
    await dropFile(page, `file-drop-${GDN}`, 'cccd-mat-truoc.png', 'image/png', PNG);
    const gdnFiles = page.getByRole('list', { name: `Tệp đính kèm: ${GDN}` });
    await gdnFiles.getByText('chon-nham.pdf').waitFor();
    await gdnFiles.getByRole('button', { name: 'Bỏ tệp chon-nham.pdf' }).click();
    await gdnFiles.getByText('chon-nham.pdf').waitFor({ state: 'detached' });
    await expect(gdnFiles.getByRole('listitem').count()).resolves.toBe(2);
    // The PDF as an icon with its name and size; the photo as a thumbnail from a local object URL.
    await gdnFiles.getByText(PDF_NAME).waitFor();
    await gdnFiles.getByText(/^\d+ B$/).first().waitFor();
    const thumb = gdnFiles.getByRole('img', { name: 'Ảnh xem trước: cccd-mat-truoc.png' });
    await expect(thumb.getAttribute('src')).resolves.toMatch(/^blob:/);
    await thumb.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    expect(await thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    // A scanned paper is a paper received.
    await expect(page.getByRole('checkbox', { name: GDN }).isChecked()).resolves.toBe(true);

    // The ID card line: a text file renamed .pdf, which the API refuses by its content.
    await page.getByLabel(`Chọn tệp: ${GTPL}`).setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Đây không phải là PDF\n'.repeat(20)) });
    await page.getByRole('button', { name: 'Đánh dấu đủ tất cả' }).click();
    await page.getByLabel('Họ và tên người nộp').fill('Lê Văn Tệp');
    await page.getByLabel(/^Số CCCD/).fill('001185054321');
    await screenshot(page, '19-intake-scans');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    // The dossier exists; two scans stored, the renamed text file refused in Vietnamese, nothing hidden.
    const uploads = page.getByRole('list', { name: 'Bản scan thành phần hồ sơ' });
    const bad = uploads.getByRole('listitem').filter({ hasText: 'cccd.pdf' });
    await bad.getByText('Chỉ nhận PDF, JPEG, PNG, TIFF', { exact: false }).waitFor();
    await page.getByRole('alert').filter({ hasText: '1 tệp chưa được lưu vào hồ sơ.' }).waitFor();
    await expect(uploads.locator('[data-status="done"]').count()).resolves.toBe(2);
    const code = ((await page.getByRole('heading', { name: /^Tải bản scan lên hồ sơ/ }).textContent()) ?? '').replace('Tải bản scan lên hồ sơ ', '').trim();
    expect(code).toMatch(/^H12\.01-\d{6}-\d{4}$/);
    await screenshot(page, '19-intake-upload-refused');
    await page.getByRole('button', { name: 'Bỏ qua, in giấy tiếp nhận' }).click();
    await page.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).waitFor();
    const id = /\/ho-so\/([^/]+)\/giay-tiep-nhan$/.exec(new URL(page.url()).pathname)![1];
    const stored = await filesOf(t, id);
    expect(stored.map((f) => [f.kind, f.documentCode, f.fileName, f.contentType])).toEqual([
      ['component', 'GDN', PDF_NAME, 'application/pdf'],
      ['component', 'GDN', 'cccd-mat-truoc.png', 'image/png'],
    ]);

    // The dossier page: the files under their document, with size, uploader and time.
    await page.goto(`/ho-so/${id}`);
    await page.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });
    const gdnGroup = section.getByRole('region', { name: GDN });
    await gdnGroup.getByText(PDF_NAME).waitFor();
    await gdnGroup.getByText('cccd-mat-truoc.png').waitFor();
    await expect(section.getByRole('region', { name: GTPL }).count()).resolves.toBe(0);
    const pdfRow = gdnGroup.getByTestId('file-row').filter({ hasText: PDF_NAME });
    await expect(pdfRow.textContent()).resolves.toMatch(/PDF · \d+ B · .+ · \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);

    // The viewer: the PDF in a frame, the photo as an image, both from the bytes fetched with the token.
    await gdnGroup.getByRole('button', { name: `Xem ${PDF_NAME}` }).click();
    const viewer = section.getByRole('region', { name: `Xem tệp ${PDF_NAME}` });
    const frame = viewer.locator('iframe');
    await expect(frame.getAttribute('title')).resolves.toBe(`Nội dung ${PDF_NAME}`);
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { src: string } | null } }).document.querySelector('.file-frame')?.src.startsWith('blob:'));
    await screenshot(page, '24-dossier-files-viewer');
    await gdnGroup.getByRole('button', { name: 'Xem cccd-mat-truoc.png' }).click();
    const image = section.getByRole('region', { name: 'Xem tệp cccd-mat-truoc.png' }).getByRole('img', { name: 'Nội dung cccd-mat-truoc.png' });
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } }).document.querySelector('.file-image');
      return !!img && img.complete && img.naturalWidth === 1;
    });
    expect(refused).toEqual([]);

    // The download: the bytes under the uploaded Vietnamese name.
    const [download] = await Promise.all([page.waitForEvent('download'), pdfRow.getByRole('button', { name: `Tải về ${PDF_NAME}` }).click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect((await readFile((await download.path())!)).equals(pdf('Giay de nghi'))).toBe(true);

    // The officers forward it; at the last step (deliver, the desk's) the desk completes it with the result attached.
    for (const role of ['reception', 'specialist', 'leader', 'clerk']) await act(t, id, { type: 'FORWARD' }, { headers: as(role, `${role}.officer`) });
    await page.reload();
    await page.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
    const form = page.getByRole('form', { name: 'Hoàn thành' });
    await form.getByRole('radio', { name: 'Chấp thuận (có kết quả)' }).check();
    await form.getByLabel('Chọn tệp: Kết quả giải quyết').setInputFiles({ name: 'Giấy chứng nhận đăng ký hộ kinh doanh.pdf', mimeType: 'application/pdf', buffer: pdf('Ket qua') });
    await form.getByRole('list', { name: 'Tệp đính kèm: Kết quả giải quyết' }).getByText('Giấy chứng nhận đăng ký hộ kinh doanh.pdf').waitFor();
    await form.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Hoàn thành.' }).waitFor();
    const results = section.getByRole('region', { name: 'Kết quả giải quyết' });
    await results.getByText('Giấy chứng nhận đăng ký hộ kinh doanh.pdf').waitFor();
    await screenshot(page, '25-dossier-result-attached');

    const after = await getDossier(t, id);
    expect(after.status).toBe('result_ready');
    expect((await filesOf(t, id)).filter((f) => f.kind === 'result').map((f) => f.fileName)).toEqual(['Giấy chứng nhận đăng ký hộ kinh doanh.pdf']);
  });

  it('keeps COMPLETE from being sent while its result file is refused, and says why in Vietnamese', async () => {
    const page = await t.newPage();
    await loginAs(page, 'reception');
    const d = (
      await t.http
        .post('/api/v1/dossiers')
        .set(as('reception', 'mot.cua'))
        .send({ procedureCode: '1.001193', channel: 'direct', applicant: { type: 'citizen', fullName: 'Phan Thị Kết', idNumber: '001190067890' } })
        .expect(201)
    ).body as { id: string; code: string };
    for (const role of ['reception', 'specialist', 'leader', 'clerk']) await act(t, d.id, { type: 'FORWARD' }, { headers: as(role, `${role}.officer`) });
    await page.goto(`/ho-so/${d.id}`);
    await page.getByRole('heading', { name: `Hồ sơ ${d.code}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
    const form = page.getByRole('form', { name: 'Hoàn thành' });
    await form.getByRole('radio', { name: 'Chấp thuận (có kết quả)' }).check();
    await form.getByLabel('Chọn tệp: Kết quả giải quyết').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: Buffer.from('văn bản thường, không phải PDF') });
    await form.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await form.getByText('Chỉ nhận PDF, JPEG, PNG, TIFF', { exact: false }).waitFor();
    await form.getByRole('alert').filter({ hasText: 'Hồ sơ chưa được hoàn thành' }).waitFor();
    expect((await getDossier(t, d.id)).status).toBe('processing');
    expect(await filesOf(t, d.id)).toEqual([]);

    // The refused file removed, COMPLETE goes without a result file.
    await form.getByRole('button', { name: 'Bỏ tệp ket-qua.pdf' }).click();
    await form.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Hoàn thành.' }).waitFor();
    expect((await getDossier(t, d.id)).status).toBe('result_ready');
  });

  it('lets the desk retry a scan the storage could not take (503), then goes on to the receipt', async () => {
    const page = await t.newPage();
    await loginAs(page, 'reception');
    await page.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption('1.001193');
    await page.getByLabel(`Chọn tệp: ${GDN}`).setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: pdf('Don') });
    await page.getByRole('button', { name: 'Đánh dấu đủ tất cả' }).click();
    await page.getByLabel('Họ và tên người nộp').fill('Hoàng Văn Lưu');
    await page.getByLabel(/^Số CCCD/).fill('001185011111');
    // The storage is down for the first upload only (the API answers 503 storage_unavailable and records nothing).
    let refusedOnce = false;
    await page.route('**/api/v1/dossiers/*/files', async (route) => {
      if (route.request().method() !== 'POST' || refusedOnce) return route.continue();
      refusedOnce = true;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 503, error: 'storage_unavailable', message: 'The file storage cannot be reached' }),
      });
    });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const row = page.getByRole('list', { name: 'Bản scan thành phần hồ sơ' }).getByRole('listitem').filter({ hasText: 'don.pdf' });
    await row.getByText('Kho lưu trữ tệp tạm thời không truy cập được', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Thử lại các tệp lỗi' }).click();
    await page.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).waitFor();
    const id = /\/ho-so\/([^/]+)\/giay-tiep-nhan$/.exec(new URL(page.url()).pathname)![1];
    expect((await filesOf(t, id)).map((f) => [f.documentCode, f.fileName])).toEqual([['GDN', 'don.pdf']]);
  });

  it('attaches more scans on the dossier page, replaces one (kept as an older version), and says why a file or an officer is refused', async () => {
    const d = (
      await t.http
        .post('/api/v1/dossiers')
        .set(as('reception', 'mot.cua'))
        .send({
          procedureCode: '1.001193',
          channel: 'direct',
          applicant: { type: 'citizen', fullName: 'Đinh Thị Bổ Sung', idNumber: '001190022222' },
          documents: [{ code: 'GDN', name: GDN, copies: 1 }],
        })
        .expect(201)
    ).body as { id: string; code: string };
    const page = await t.newPage();
    await loginAs(page, 'reception');
    await page.goto(`/ho-so/${d.id}`);
    await page.getByRole('heading', { name: `Hồ sơ ${d.code}`, level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Tài liệu đính kèm' });
    await section.getByText('Hồ sơ chưa có tệp đính kèm.').waitFor();
    const attach = section.getByRole('form', { name: 'Đính kèm thêm bản scan thành phần hồ sơ' });
    await attach.getByLabel('Giấy tờ').selectOption({ label: GTPL });

    // Over FILE_MAX_BYTES: refused with the limit, nothing stored; then a valid scan.
    await attach.getByLabel(/^Chọn tệp:/).setInputFiles({ name: 'qua-lon.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('lon'), Buffer.alloc(MAX_BYTES, 0x20)]) });
    await attach.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await attach.getByText('Tệp quá lớn: vượt dung lượng tối đa cho một tệp (64 KB).').waitFor();
    expect(await filesOf(t, d.id)).toEqual([]);
    await attach.getByRole('button', { name: 'Bỏ tệp qua-lon.pdf' }).click();
    await attach.getByLabel(/^Chọn tệp:/).setInputFiles({ name: 'cccd-v1.pdf', mimeType: 'application/pdf', buffer: pdf('CCCD 1') });
    await attach.getByRole('button', { name: 'Tải lên', exact: true }).click();
    const group = section.getByRole('region', { name: GTPL });
    await group.getByText('cccd-v1.pdf').waitFor();

    // A clearer scan replaces it: the new one is marked, the old one kept as an older version.
    await group.getByLabel('Thay thế cccd-v1.pdf').setInputFiles({ name: 'cccd-v2.pdf', mimeType: 'application/pdf', buffer: pdf('CCCD 2') });
    const current = group.getByTestId('file-row').filter({ hasText: 'cccd-v2.pdf' });
    await current.getByText('Thay thế', { exact: true }).waitFor();
    await expect(current.textContent()).resolves.toContain('thay thế tệp “cccd-v1.pdf”');
    await group.getByText('Phiên bản cũ (1)').click();
    await group.getByTestId('file-row').filter({ hasText: 'cccd-v1.pdf' }).getByText('Đã được thay thế').waitFor();
    const files = await filesOf(t, d.id);
    expect(files.map((f) => [f.documentCode, f.fileName])).toEqual([
      ['GTPL', 'cccd-v1.pdf'],
      ['GTPL', 'cccd-v2.pdf'],
    ]);
    expect((files[1] as ListedFile & { supersedes: string }).supersedes).toBe(files[0].id);

    // The specialist's step has not come yet: the API refuses them, and the page says so in Vietnamese.
    const specialist = await t.newPage();
    await loginAs(specialist, 'specialist');
    await specialist.goto(`/ho-so/${d.id}`);
    const theirs = specialist.getByRole('region', { name: 'Tài liệu đính kèm' }).getByRole('form', { name: 'Đính kèm thêm bản scan thành phần hồ sơ' });
    await theirs.getByLabel(/^Chọn tệp:/).setInputFiles({ name: 'them.png', mimeType: 'image/png', buffer: PNG });
    await theirs.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await theirs.getByText('Bạn không có quyền đính kèm loại tệp này ở bước hiện tại của hồ sơ.').waitFor();
    expect(await filesOf(t, d.id)).toHaveLength(2);
  });
});
