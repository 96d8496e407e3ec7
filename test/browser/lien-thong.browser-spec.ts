import type { Locator, Page } from 'playwright-core';
import { captureForm, loginAs, screenshot, shownPdf, startWebTestApp, type WebTestApp } from '../support/browser';
import { ADMIN, createOfficer, eventsOf, expectStatus, getDossier } from '../support/dossier-api';
import { pdfText } from '../support/pdf';

/**
 * Liên thông in the browser: a land-change dossier received at a commune desk, resolved by the land registration office's
 * branch, with the financial obligation at the tax office (suspended while the applicant pays), signed at the branch and
 * handed back at the commune desk; one RETURN from the tax office to the branch. Each agency's officer signs in in turn.
 * The agencies are the test's own (the demo tree's names change): H12.81 a commune whose desk receives for the province,
 * H12.82 the branch, H12.83 the tax office.
 */

const COMMUNE = { code: 'H12.81', name: 'UBND xã Thử Nghiệm (minh họa)' };
const LAND = { code: 'H12.82', name: 'Chi nhánh VPĐK đất đai thử nghiệm (minh họa)' };
const TAX = { code: 'H12.83', name: 'Thuế cơ sở thử nghiệm (minh họa)' };
const PROCEDURE = 'LT.BROWSER.01';
/** What test/support/dossier-api's createOfficer gives every account it creates. */
const PASSWORD = 'cay-tre-xanh-ben-song-hong-mua-thu-2026';
const at = (local: string) => `2026-11-${local}:00+07:00`;

const STEPS = {
  receive: 'Tiếp nhận hồ sơ',
  appraise: 'Thẩm định hồ sơ',
  tax: 'Xác định nghĩa vụ tài chính',
  sign: 'Ký cấp giấy chứng nhận',
  deliver: 'Trả kết quả',
};

const procedure = {
  code: PROCEDURE,
  name: 'Đăng ký biến động quyền sử dụng đất (thử nghiệm liên thông)',
  field: 'Đất đai',
  level: 'department',
  processingTime: { value: 10, unit: 'working_days' },
  steps: [
    { id: 'receive', name: STEPS.receive, role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } },
    { id: 'appraise', name: STEPS.appraise, role: 'specialist', allotted: { value: 3, unit: 'working_days' } },
    { id: 'tax', name: STEPS.tax, role: 'specialist', allotted: { value: 2, unit: 'working_days' }, agency: { code: TAX.code } },
    { id: 'sign', name: STEPS.sign, role: 'leader', allotted: { value: 2, unit: 'working_days' } },
    { id: 'deliver', name: STEPS.deliver, role: 'reception', allotted: { value: 4, unit: 'working_hours' }, agency: { relation: 'receiving' } },
  ],
  requiredDocuments: [
    { code: 'DDK', name: 'Đơn đăng ký biến động đất đai', copies: 1 },
    { code: 'GCN', name: 'Bản gốc Giấy chứng nhận quyền sử dụng đất', copies: 1 },
  ],
  fee: 0,
};

/** Opens an action's form, lets the test fill it, confirms, and waits for the success message. */
async function perform(page: Page, action: string, confirm: string, fill?: (form: Locator) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: action });
  if (fill) await fill(form);
  await form.getByRole('button', { name: confirm }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${action}.` }).waitFor();
}

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name, exact: true });

/** "Công việc của tôi" of the signed-in officer, read afresh (the officer may be on it already, as another agency acted). */
async function myWork(page: Page): Promise<Locator> {
  await page.goto('/cong-viec');
  await page.getByRole('heading', { name: 'Công việc của tôi', level: 1 }).waitFor();
  return page.getByRole('table', { name: /Hồ sơ chờ xử lý/ });
}

/** The dossier has left the officer's queue: the queue reads empty (these agencies have no other work). */
async function queueEmpty(page: Page): Promise<void> {
  await myWork(page);
  await page.getByText('Không có hồ sơ nào đang chờ bạn xử lý.').waitFor();
}

/** The dossier is in the officer's queue, marked as arrived from `from`; opens it. */
async function openArrived(page: Page, code: string, from: string): Promise<void> {
  const row = (await myWork(page)).getByRole('row').filter({ hasText: code });
  await row.getByText(`Từ ${from}`, { exact: true }).waitFor();
  await row.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
}

async function signIn(t: WebTestApp, username: string): Promise<Page> {
  const page = await t.newPage();
  await loginAs(page, username, PASSWORD);
  return page;
}

const summaryFact = (page: Page, label: string) => page.getByRole('region', { name: 'Thông tin hồ sơ' }).locator('div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');

describe('liên thông (browser): one dossier across a commune desk, the land office and the tax office', () => {
  let t: WebTestApp;

  beforeAll(async () => {
    t = await startWebTestApp({ now: at('23T08:00') });
    for (const a of [
      { ...COMMUNE, level: 'commune', parentCode: 'H12', receivesFor: 'province' },
      { ...LAND, level: 'department', parentCode: 'H12' },
      { ...TAX, level: 'department', parentCode: 'H12' },
    ]) {
      expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send(a), 201);
    }
    await createOfficer(t, 'motcua.81', ['reception'], COMMUNE.code);
    await createOfficer(t, 'chuyenvien.82', ['specialist'], LAND.code);
    await createOfficer(t, 'lanhdao.82', ['leader'], LAND.code);
    await createOfficer(t, 'chuyenvien.83', ['specialist'], TAX.code);
    expectStatus(await t.http.post('/api/v1/procedures').set(ADMIN).send(procedure), 201);
  });
  afterAll(() => t?.close());

  it('walks the dossier from agency to agency: the queues, the handovers on the dossier page and the control sheet', async () => {
    // Monday 09:00 the commune desk receives it for the land office: a commune does not resolve a department's procedure, so
    // nothing is proposed and the officer picks the branch.
    t.clock.set(at('23T09:00'));
    const desk = await signIn(t, 'motcua.81');
    await menu(desk, 'Tiếp nhận hồ sơ').click();
    await desk.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('bien dong');
    await desk.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption(PROCEDURE);
    const resolving = desk.getByRole('combobox', { name: 'Cơ quan giải quyết' });
    await resolving.locator(`option[value="${LAND.code}"]`).waitFor({ state: 'attached' });
    await expect(resolving.inputValue()).resolves.toBe('');
    await resolving.selectOption(LAND.code);
    await desk.getByRole('button', { name: 'Đánh dấu đủ tất cả' }).click();
    await desk.getByLabel('Họ và tên người nộp').fill('Nguyễn Văn Điền');
    await desk.getByLabel(/^Số CCCD/).fill('027090054321');
    const receiptAnswer = await captureForm(desk, 'receipt');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    // The receipt (the server's PDF) names the desk that received it and the agency that resolves it.
    await desk.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả – hồ sơ / }).waitFor();
    const receipt = (await pdfText((await shownPdf(desk, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', receiptAnswer)).pdf)).replace(/\s+/g, ' ');
    expect(receipt).toContain(`Bộ phận tiếp nhận và trả kết quả ${COMMUNE.name} tiếp nhận hồ sơ của:`);
    expect(receipt).toContain(`Cơ quan giải quyết: ${LAND.name}`);
    const id = /\/ho-so\/([^/]+)\/giay-tiep-nhan$/.exec(new URL(desk.url()).pathname)![1];
    const { code } = await getDossier(t, id);
    expect(code.startsWith(`${LAND.code}-`)).toBe(true);
    expect(receipt).toContain(`Mã hồ sơ: ${code}`);
    await screenshot(desk, '30-lien-thong-receipt');

    // The desk forwards it to the branch; it leaves the desk's queue.
    t.clock.set(at('23T10:00'));
    const deskQueue = await myWork(desk);
    await deskQueue.getByRole('link', { name: code, exact: true }).click();
    await desk.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await expect(summaryFact(desk, 'Cơ quan giải quyết').textContent()).resolves.toBe(LAND.name);
    await expect(summaryFact(desk, 'Bộ phận tiếp nhận').textContent()).resolves.toBe(COMMUNE.name);
    await perform(desk, 'Chuyển bước tiếp', 'Xác nhận chuyển bước', (form) => form.getByText(`, chuyển sang ${LAND.name}.`).waitFor());
    await queueEmpty(desk);

    // The branch's specialist finds it in their queue, marked as arrived from the commune, and sends it to the tax office.
    t.clock.set(at('23T10:30'));
    const land = await signIn(t, 'chuyenvien.82');
    await openArrived(land, code, COMMUNE.name);
    await expect(summaryFact(land, 'Cơ quan đang xử lý').textContent()).resolves.toBe(LAND.name);
    await expect(summaryFact(land, 'Lần chuyển liên thông gần nhất').textContent()).resolves.toContain(`Chuyển từ ${COMMUNE.name} đến ${LAND.name}`);
    await perform(land, 'Chuyển bước tiếp', 'Xác nhận chuyển bước', (form) => form.getByText(`, chuyển sang ${TAX.name}.`).waitFor());
    await queueEmpty(land);

    // The tax office returns it to the branch (across agencies) for a missing figure.
    t.clock.set(at('23T13:30'));
    const tax = await signIn(t, 'chuyenvien.83');
    await openArrived(tax, code, LAND.name);
    await screenshot(tax, '31-lien-thong-dossier');
    await perform(tax, 'Trả lại bước trước', 'Xác nhận trả lại', async (form) => {
      await form.getByText(`, chuyển sang ${LAND.name}.`).waitFor();
      await form.getByLabel('Lý do trả lại').fill('Chưa có diện tích thửa đất để tính tiền sử dụng đất');
    });
    await queueEmpty(tax);

    // Back at the branch, from the tax office; forwarded again.
    t.clock.set(at('23T14:00'));
    await openArrived(land, code, TAX.name);
    await perform(land, 'Chuyển bước tiếp', 'Xác nhận chuyển bước');
    await queueEmpty(land);

    // The tax office suspends it while the applicant pays the financial obligation, resumes, and sends it on to be signed.
    t.clock.set(at('23T15:00'));
    await openArrived(tax, code, LAND.name);
    await perform(tax, 'Tạm dừng', 'Xác nhận tạm dừng', async (form) => {
      await form.getByLabel('Lý do tạm dừng').selectOption('financial_obligation');
    });
    await tax.getByRole('region', { name: 'Thông tin hồ sơ' }).getByText('Chờ thực hiện nghĩa vụ tài chính').waitFor();
    t.clock.set(at('25T09:00'));
    await perform(tax, 'Tiếp tục xử lý', 'Xác nhận tiếp tục xử lý');
    await perform(tax, 'Chuyển bước tiếp', 'Xác nhận chuyển bước', (form) => form.getByText(`, chuyển sang ${LAND.name}.`).waitFor());
    await queueEmpty(tax);

    // The branch's leader signs; the result goes to the commune desk.
    t.clock.set(at('25T10:00'));
    const leader = await signIn(t, 'lanhdao.82');
    await openArrived(leader, code, TAX.name);
    await perform(leader, 'Chuyển bước tiếp', 'Xác nhận chuyển bước', (form) => form.getByText(`, chuyển sang ${COMMUNE.name}.`).waitFor());
    await queueEmpty(leader);

    // The commune desk: the dossier is back from the branch; it completes the last step and hands the result over.
    t.clock.set(at('25T14:00'));
    await openArrived(desk, code, LAND.name);
    await perform(desk, 'Hoàn thành', 'Xác nhận hoàn thành', (form) => form.getByRole('radio', { name: 'Chấp thuận (có kết quả)' }).check());
    await menu(desk, 'Trả kết quả').click();
    await desk.getByRole('heading', { name: 'Trả kết quả', level: 1 }).waitFor();
    const readyRow = desk.getByRole('row').filter({ hasText: code });
    await readyRow.getByText(`Từ ${LAND.name}`, { exact: true }).waitFor();
    await desk.getByRole('button', { name: `Trả kết quả hồ sơ ${code}` }).click();
    await desk.getByRole('dialog', { name: 'Xác nhận trả kết quả' }).getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await desk.getByRole('status').filter({ hasText: `Đã trả kết quả hồ sơ ${code}` }).waitFor();
    expect(await getDossier(t, id)).toMatchObject({ status: 'returned', agencyCode: LAND.code });
    expect((await eventsOf(t, id)).map((e) => e.actor.username)).toEqual([
      'motcua.81',
      'motcua.81',
      'chuyenvien.82',
      'chuyenvien.83',
      'chuyenvien.82',
      'chuyenvien.83',
      'chuyenvien.83',
      'chuyenvien.83',
      'lanhdao.82',
      'motcua.81',
      'motcua.81',
    ]);

    // The dossier page as the branch sees it afterwards: which agency held each step, and every handover by name.
    await land.goto(`/ho-so/${id}`);
    const sheet = land.getByRole('table', { name: /Các bước đã và đang xử lý/ });
    await sheet.getByRole('rowheader', { name: STEPS.deliver, exact: true }).waitFor();
    const rows = await Promise.all((await sheet.locator('tbody tr').all()).map(async (tr) => (await tr.locator('td, th').allTextContents()).map((c) => c.trim())));
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      [STEPS.receive, COMMUNE.name],
      [STEPS.appraise, LAND.name],
      [STEPS.tax, TAX.name],
      [STEPS.appraise, LAND.name],
      [STEPS.tax, TAX.name],
      [STEPS.sign, LAND.name],
      [STEPS.deliver, COMMUNE.name],
    ]);
    const log = land.getByRole('table', { name: /Mọi sự kiện của hồ sơ/ });
    await expect(log.getByText(/^Chuyển từ /).allTextContents()).resolves.toEqual([
      `Chuyển từ ${COMMUNE.name} đến ${LAND.name}`,
      `Chuyển từ ${LAND.name} đến ${TAX.name}`,
      `Chuyển từ ${TAX.name} đến ${LAND.name}`,
      `Chuyển từ ${LAND.name} đến ${TAX.name}`,
      `Chuyển từ ${TAX.name} đến ${LAND.name}`,
      `Chuyển từ ${LAND.name} đến ${COMMUNE.name}`,
    ]);
    // The return across agencies is in the log with its reason.
    await log.getByRole('row').filter({ hasText: `Chuyển từ ${TAX.name} đến ${LAND.name}` }).getByText('Trả lại bước trước').waitFor();
    await screenshot(land, '32-lien-thong-control-sheet');
  });
});
