import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs, SCREENSHOT_DIR, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { withoutCultureDay2026 } from '../support/ordinary-week';
import { type Dossier, act, as, eventsOf, getDossier, receive } from '../support/dossier-api';

/**
 * The processing officers' screens: "Công việc của tôi", the dossier page with its allowed actions, the process control sheet.
 * Procedure 1.001193: receive·reception 4 h → appraise·specialist 12 h → review·leader 4 h → record·clerk 1.5 h →
 * deliver·reception 1 h (working hours), 3 working days in all. Office hours 07:30–11:30, 13:30–17:00; 23/11/2026 is a Monday.
 */

const DESK = as('reception', 'mot.cua');
const at = (local: string) => `2026-11-${local}:00+07:00`;

async function dossierAt(t: WebTestApp, fullName: string, forwards: number, when?: string): Promise<Dossier> {
  const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', fullName, headers: DESK, at: when });
  let last = d;
  for (let i = 0; i < forwards; i++) last = await act(t, d.id, { type: 'FORWARD' });
  return last;
}

/** Signs in as the officer and opens the dossier from their "Công việc của tôi" list. */
async function openFromMyWork(t: WebTestApp, username: string, code: string): Promise<Page> {
  const page = await t.newPage();
  await loginAs(page, username);
  await page.getByRole('link', { name: 'Công việc của tôi' }).click();
  await page.getByRole('heading', { name: 'Công việc của tôi', level: 1 }).waitFor();
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
  return page;
}

async function openDossier(t: WebTestApp, username: string, d: Pick<Dossier, 'id' | 'code'>): Promise<Page> {
  const page = await t.newPage();
  await loginAs(page, username);
  await page.goto(`/ho-so/${d.id}`);
  await page.getByRole('heading', { name: `Hồ sơ ${d.code}`, level: 1 }).waitFor();
  return page;
}

/** Opens an action's form, lets the test fill it, confirms, and waits for the success message. */
async function perform(page: Page, action: string, confirm: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: action });
  if (fill) await fill(form);
  await form.getByRole('button', { name: confirm }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${action}.` }).waitFor();
}

const actionButtons = (page: Page) => page.getByRole('group', { name: 'Các thao tác được phép' }).getByRole('button').allTextContents();

describe('processing officers (browser)', () => {
  let t: WebTestApp;
  const seeded: Record<string, Dossier> = {};

  beforeAll(async () => {
    t = await startWebTestApp({ now: at('16T08:00') });
    await withoutCultureDay2026(t);
    // The specialist's queue besides the dossier of the flow: a week overdue, overdue since Monday, and one assigned to them.
    seeded.old = await dossierAt(t, 'Phạm Văn Long', 1, at('16T08:00'));
    t.clock.set(at('20T08:00'));
    seeded.friday = await dossierAt(t, 'Đỗ Thị Mai', 0);
    seeded.friday = await act(t, seeded.friday.id, { type: 'FORWARD' }, { at: at('20T09:00') });
    t.clock.set(at('23T08:00'));
    seeded.monday = await dossierAt(t, 'Vũ Minh Tuấn', 0);
    seeded.monday = await act(t, seeded.monday.id, { type: 'FORWARD' }, { at: at('23T08:30') });
    const users = (await t.http.get('/api/v1/users')).body.items as { id: string; username: string }[];
    const specialist = users.find((u) => u.username === 'specialist')!;
    seeded.monday = await act(t, seeded.monday.id, { type: 'ASSIGN', assigneeId: specialist.id });
  });
  afterAll(() => t.close());

  it('walks a dossier from the intake form through every officer\'s "Công việc của tôi" to the hand-back, with the control sheet', async () => {
    // Monday 09:00: the desk receives it through the intake form.
    t.clock.set(at('23T09:00'));
    const desk = await t.newPage();
    await loginAs(desk, 'reception');
    await desk.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
    await desk.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption('1.001193');
    await desk.getByRole('button', { name: 'Đánh dấu đủ tất cả' }).click();
    await desk.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await desk.getByLabel(/^Số CCCD/).fill('001185012345');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).waitFor();
    const id = /\/ho-so\/([^/]+)\/giay-tiep-nhan$/.exec(new URL(desk.url()).pathname)![1];
    const { code } = await getDossier(t, id);

    // 10:00 the desk forwards it (receive was due 15:00).
    t.clock.set(at('23T10:00'));
    await desk.getByRole('link', { name: 'Công việc của tôi' }).click();
    await desk.getByRole('link', { name: code, exact: true }).click();
    await desk.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await perform(desk, 'Chuyển bước tiếp', 'Xác nhận chuyển bước', async (form) => {
      await form.getByText('Thẩm định (Chuyên viên xử lý)').waitFor();
    });
    expect((await getDossier(t, id)).currentStep).toMatchObject({ id: 'appraise', dueAt: '2026-11-24T16:30:00+07:00' });

    // Tuesday 11:00 the specialist: their queue, soonest step deadline (most overdue) first, times left from the server clock.
    t.clock.set(at('24T11:00'));
    const specialist = await t.newPage();
    await loginAs(specialist, 'specialist');
    const queue = specialist.getByRole('table', { name: /Hồ sơ chờ xử lý/ });
    await queue.getByRole('link', { name: code, exact: true }).waitFor();
    await expect(queue.getByRole('rowheader').allTextContents()).resolves.toEqual([seeded.old.code, seeded.friday.code, seeded.monday.code, code]);
    const fridayRow = queue.getByRole('row').filter({ hasText: seeded.friday.code });
    // Appraise was due Monday 15:30: 1.5 h on Monday and 3.5 h this morning.
    await fridayRow.getByText('quá hạn 5 giờ làm việc').waitFor();
    await fridayRow.getByText('Quá hạn bước').waitFor();
    await fridayRow.getByText('Sắp đến hạn').waitFor();
    await queue.getByRole('row').filter({ hasText: seeded.old.code }).getByText('Quá hạn', { exact: true }).waitFor();
    await queue.getByRole('row').filter({ hasText: code }).getByText('còn 3 giờ 30 phút làm việc').waitFor();
    await screenshot(specialist, '20-my-work');
    await queue.getByRole('row').filter({ hasText: seeded.monday.code }).getByText('Được giao cho bạn').waitFor();
    await specialist.getByLabel('Chỉ hồ sơ được phân công cho tôi').check();
    // The filtered list replaces the full one (a loading moment in between): wait for an unassigned row to leave, then for the list.
    await queue.getByRole('link', { name: code, exact: true }).waitFor({ state: 'detached' });
    await queue.getByRole('link', { name: seeded.monday.code, exact: true }).waitFor();
    await expect(queue.getByRole('rowheader').allTextContents()).resolves.toEqual([seeded.monday.code]);
    await specialist.getByLabel('Chỉ hồ sơ được phân công cho tôi').uncheck();
    await queue.getByRole('link', { name: code, exact: true }).click();
    await specialist.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await perform(specialist, 'Chuyển bước tiếp', 'Xác nhận chuyển bước');

    // Wednesday 08:30 the leader, an hour late (review was due Tuesday 17:00).
    t.clock.set(at('25T08:30'));
    const leader = await t.newPage();
    await loginAs(leader, 'leader');
    const leaderRow = leader.getByRole('table', { name: /Hồ sơ chờ xử lý/ }).getByRole('row').filter({ hasText: code });
    await leaderRow.getByText('quá hạn 1 giờ làm việc').waitFor();
    await leaderRow.getByRole('link', { name: code, exact: true }).click();
    await leader.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await leader.getByRole('table', { name: /Các bước đã và đang xử lý/ }).waitFor();
    await screenshot(leader, '21-dossier-page');
    await perform(leader, 'Chuyển bước tiếp', 'Xác nhận chuyển bước');

    // 09:30 the clerk; 10:00 the desk completes the last step; 10:15 it hands the result back.
    t.clock.set(at('25T09:30'));
    await perform(await openFromMyWork(t, 'clerk', code), 'Chuyển bước tiếp', 'Xác nhận chuyển bước');
    t.clock.set(at('25T10:00'));
    const last = await openFromMyWork(t, 'reception', code);
    await expect(actionButtons(last)).resolves.not.toContain('Chuyển bước tiếp'); // the last step completes, it has nowhere to go
    await perform(last, 'Hoàn thành', 'Xác nhận hoàn thành', (form) => form.getByRole('radio', { name: 'Chấp thuận (có kết quả)' }).check());
    // The success message can show a moment before the buttons of the answered dossier: wait for the new one first.
    await last.getByRole('group', { name: 'Các thao tác được phép' }).getByRole('button', { name: 'Trả kết quả', exact: true }).waitFor();
    await expect(actionButtons(last)).resolves.toEqual(['Trả kết quả']);

    t.clock.set(at('25T10:15'));
    await last.getByRole('link', { name: 'Trả kết quả', exact: true }).click();
    await last.getByRole('button', { name: `Trả kết quả hồ sơ ${code}` }).click();
    await last.getByRole('dialog', { name: 'Xác nhận trả kết quả' }).getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await last.getByRole('status').filter({ hasText: `Đã trả kết quả hồ sơ ${code}` }).waitFor();
    const returned = await getDossier(t, id);
    expect(returned).toMatchObject({ status: 'returned', resultType: 'approved', outcome: 'early', returnedAt: '2026-11-25T10:15:00+07:00' });
    expect((await eventsOf(t, id)).map((e) => e.actor.username)).toEqual(['reception', 'reception', 'specialist', 'leader', 'clerk', 'reception', 'reception']);

    // The control sheet: every step, its allotment, deadline, finish, working time taken and the on-time mark.
    await last.goto(`/ho-so/${id}`);
    const sheet = last.getByRole('table', { name: /Các bước đã và đang xử lý/ });
    await sheet.getByRole('rowheader').first().waitFor();
    // Step names, officers' names and working time taken each come from their own request after the events: wait for all three.
    await sheet.getByRole('rowheader', { name: 'Trả kết quả', exact: true }).waitFor();
    await sheet.getByRole('cell', { name: 'Cán bộ Bộ phận Một cửa (reception)', exact: true }).first().waitFor();
    await sheet.getByRole('cell', { name: '30 phút', exact: true }).waitFor();
    const rows = await Promise.all((await sheet.locator('tbody tr').all()).map(async (tr) => (await tr.locator('td, th').allTextContents()).map((c) => c.trim())));
    expect(rows.map((r) => [r[1], r[2], r[6], r[7], r[8], r[9], r[10]])).toEqual([
      ['Tiếp nhận, chuyển hồ sơ', 'Cán bộ tiếp nhận (Một cửa)', '4 giờ làm việc', '15:00 ngày 23/11/2026', '10:00 ngày 23/11/2026', '1 giờ', 'Đúng hạn'],
      ['Thẩm định', 'Chuyên viên xử lý', '12 giờ làm việc', '16:30 ngày 24/11/2026', '11:00 ngày 24/11/2026', '8 giờ 30 phút', 'Đúng hạn'],
      ['Trình ký', 'Lãnh đạo phê duyệt', '4 giờ làm việc', '17:00 ngày 24/11/2026', '08:30 ngày 25/11/2026', '5 giờ', 'Trễ hạn'],
      ['Vào sổ, đóng dấu', 'Văn thư', '1,5 giờ làm việc', '10:00 ngày 25/11/2026', '09:30 ngày 25/11/2026', '1 giờ', 'Đúng hạn'],
      ['Trả kết quả', 'Cán bộ tiếp nhận (Một cửa)', '1 giờ làm việc', '10:30 ngày 25/11/2026', '10:00 ngày 25/11/2026', '30 phút', 'Đúng hạn'],
    ]);
    expect(rows.map((r) => r[4])).toEqual(['Cán bộ Bộ phận Một cửa (reception)', 'Chuyên viên thụ lý (specialist)', 'Lãnh đạo phòng (leader)', 'Văn thư (clerk)', 'Cán bộ Bộ phận Một cửa (reception)']);
    const log = last.getByRole('table', { name: /Mọi sự kiện của hồ sơ/ });
    await expect(log.getByRole('rowheader').allTextContents()).resolves.toEqual([
      'Tiếp nhận hồ sơ',
      'Chuyển bước tiếp theo',
      'Chuyển bước tiếp theo',
      'Chuyển bước tiếp theo',
      'Chuyển bước tiếp theo',
      'Hoàn thành, có kết quả',
      'Trả kết quả cho người nộp',
    ]);
    await last.getByText('Trước hạn', { exact: true }).waitFor();
    await last.getByText('Bạn không có thao tác nào trên hồ sơ này ở bước hiện tại.').waitFor();
    await last
      .getByRole('region', { name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' })
      .screenshot({ path: join(SCREENSHOT_DIR, '22-dossier-timeline.png') });
  });

  it('refuses a RETURN without a note with the field message, sends nothing, and returns it once the reason is typed', async () => {
    t.clock.set(at('25T11:00'));
    const d = await dossierAt(t, 'Bùi Văn Nam', 1);
    const page = await openDossier(t, 'specialist', d);
    await page.getByRole('button', { name: 'Trả lại bước trước', exact: true }).click();
    const form = page.getByRole('form', { name: 'Trả lại bước trước' });
    await form.getByText('Tiếp nhận, chuyển hồ sơ (Cán bộ tiếp nhận (Một cửa))').waitFor();
    await form.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    const note = form.getByLabel('Lý do trả lại');
    await form.getByText('Vui lòng nhập lý do trả lại hồ sơ cho bước trước.').waitFor();
    await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await eventsOf(t, d.id)).toHaveLength(2);
    expect((await getDossier(t, d.id)).currentStep?.id).toBe('appraise');

    await note.fill('Thiếu bản sao giấy tờ pháp lý của chủ hộ');
    await form.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Trả lại bước trước.' }).waitFor();
    const events = await eventsOf(t, d.id);
    expect(events[events.length - 1]).toMatchObject({ type: 'RETURN', note: 'Thiếu bản sao giấy tờ pháp lý của chủ hộ', toStep: 'receive' });
    // Back at the desk's step: nothing left for the specialist here.
    await page.getByText('Bạn không có thao tác nào trên hồ sơ này ở bước hiện tại.').waitFor();
  });

  it("shows only the actions the dossier's state and the officer's role allow", async () => {
    t.clock.set(at('25T11:10'));
    const appraising = await dossierAt(t, 'Lý Thị Thu', 1);
    expect(appraising.allowedEvents).toEqual(['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW']);
    const specialist = await openDossier(t, 'specialist', appraising);
    await expect(actionButtons(specialist)).resolves.toEqual(['Chuyển bước tiếp', 'Trả lại bước trước', 'Phân công', 'Yêu cầu bổ sung', 'Tạm dừng', 'Gia hạn']);
    // The leader may only sign an apology at another role's step; the desk only records a withdrawal.
    await expect(actionButtons(await openDossier(t, 'leader', appraising))).resolves.toEqual(['Gia hạn']);
    await expect(actionButtons(await openDossier(t, 'reception', appraising))).resolves.toEqual(['Rút hồ sơ']);

    // A supplement request: the note and the missing documents, then the request to print.
    await specialist.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    const form = specialist.getByRole('form', { name: 'Yêu cầu bổ sung' });
    await form.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await form.getByText('Vui lòng nhập nội dung yêu cầu bổ sung.').waitFor();
    await form.getByText('Vui lòng chọn hoặc nhập ít nhất một giấy tờ cần bổ sung.').waitFor();
    await form.getByLabel('Nội dung yêu cầu bổ sung').fill('Bản sao giấy tờ pháp lý chưa chứng thực');
    await form.getByRole('checkbox', { name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh' }).check();
    await form.getByLabel('Giấy tờ khác (mỗi dòng một mục)').fill('Hợp đồng thuê địa điểm kinh doanh');
    await screenshot(specialist, '23-dossier-actions');
    await form.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    const printLink = specialist.getByRole('link', { name: 'In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' });
    await expect(printLink.getAttribute('href')).resolves.toBe(`/ho-so/${appraising.id}/phieu-bo-sung`);
    const events = await eventsOf(t, appraising.id);
    expect(events[events.length - 1]).toMatchObject({
      type: 'REQUEST_SUPPLEMENT',
      note: 'Bản sao giấy tờ pháp lý chưa chứng thực',
      data: { missingItems: ['Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh', 'Hợp đồng thuê địa điểm kinh doanh'] },
    });
    // Waiting for the applicant: the desk receives the supplement; the specialist may still apologise for a delay.
    await specialist.getByRole('button', { name: 'Chuyển bước tiếp' }).waitFor({ state: 'detached' });
    await expect(actionButtons(specialist)).resolves.toEqual(['Gia hạn']);
    await expect(actionButtons(await openDossier(t, 'reception', appraising))).resolves.toEqual(['Đã nhận bổ sung', 'Rút hồ sơ']);

    // A result waiting at the desk: no forwarding for anyone, hand-back for the desk only.
    let ready = await dossierAt(t, 'Mai Văn Cường', 4);
    ready = await act(t, ready.id, { type: 'COMPLETE', resultType: 'refused' });
    expect(ready.allowedEvents).toEqual(['DELIVER']);
    await expect(actionButtons(await openDossier(t, 'reception', ready))).resolves.toEqual(['Trả kết quả']);
    const clerk = await openDossier(t, 'clerk', ready);
    await clerk.getByText('Bạn không có thao tác nào trên hồ sơ này ở bước hiện tại.').waitFor();
    await expect(clerk.getByRole('button', { name: 'Chuyển bước tiếp' }).count()).resolves.toBe(0);
    await clerk.getByRole('region', { name: 'Thông tin hồ sơ' }).getByText('Từ chối (văn bản trả lời)').waitFor();
  });

  it('searches dossiers with filters kept in the address, pages with "Xem thêm", opens one, and fits a phone', async () => {
    const created: Dossier[] = [];
    for (let i = 1; i <= 32; i++) {
      const receivedAt = new Date(Date.parse(at('25T13:30')) + i * 60_000).toISOString();
      created.push(await dossierAt(t, `Trần Văn Tìm ${String(i).padStart(2, '0')}`, 0, receivedAt));
    }
    await act(t, created[0].id, { type: 'WITHDRAW', note: 'Người nộp xin rút' });
    const page = await t.newPage();
    await loginAs(page, 'specialist');
    await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByLabel('Mã hồ sơ hoặc tên người nộp').fill('Trần Văn Tìm');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    const results = page.getByRole('table', { name: /^Kết quả/ });
    await page.getByRole('table', { name: /^Kết quả: 30\+ hồ sơ/ }).waitFor();
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.getByRole('table', { name: /^Kết quả: 32 hồ sơ/ }).waitFor();
    await expect(page.getByRole('button', { name: 'Xem thêm' }).count()).resolves.toBe(0);
    // Newest first: the last received is on top, the first at the bottom.
    const codes = await results.getByRole('rowheader').allTextContents();
    expect(codes).toEqual(created.map((d) => d.code).reverse());

    await page.getByLabel('Trạng thái').selectOption('withdrawn');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('table', { name: /^Kết quả: 1 hồ sơ/ }).waitFor();
    expect(new URL(page.url()).search).toBe(`?q=${encodeURIComponent('Trần Văn Tìm').replace(/%20/g, '+')}&status=withdrawn`);
    await results.getByText('Đã rút hồ sơ').waitFor();
    await results.getByRole('link', { name: created[0].code }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${created[0].code}`, level: 1 }).waitFor();
    await page.goBack();
    // The list page is back (with its filtered result) before its form is read.
    await page.getByRole('table', { name: /^Kết quả: 1 hồ sơ/ }).waitFor();
    await expect(page.getByLabel('Trạng thái').inputValue()).resolves.toBe('withdrawn');

    // A phone: the page itself does not scroll sideways (wide tables scroll inside their frame).
    const phone = await t.newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(phone, 'specialist');
    await phone.goto(`/ho-so/${created[1].id}`);
    await phone.getByRole('table', { name: /Các bước đã và đang xử lý/ }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });

  it('tells a stale page that someone else changed the dossier, keeps what was typed, and acts after a reload', async () => {
    t.clock.set(at('25T11:20'));
    const d = await dossierAt(t, 'Hồ Thị Lan', 1);
    const page = await openDossier(t, 'specialist', d);
    await page.getByRole('button', { name: 'Trả lại bước trước', exact: true }).click();
    const form = page.getByRole('form', { name: 'Trả lại bước trước' });
    await form.getByLabel('Lý do trả lại').fill('Đơn đề nghị chưa ký');
    // Meanwhile someone else acts on it (the page still shows the version it read).
    await act(t, d.id, { type: 'SUSPEND', reason: 'other', note: 'Chờ xác minh' });
    await act(t, d.id, { type: 'RESUME' });
    await form.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    await form.getByRole('alert').filter({ hasText: 'Hồ sơ đã được người khác cập nhật' }).waitFor();
    await expect(form.getByLabel('Lý do trả lại').inputValue()).resolves.toBe('Đơn đề nghị chưa ký');
    expect((await getDossier(t, d.id)).currentStep?.id).toBe('appraise');

    await form.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await page.getByRole('table', { name: /Mọi sự kiện/ }).getByRole('rowheader', { name: 'Tiếp tục xử lý' }).waitFor();
    await form.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Trả lại bước trước.' }).waitFor();
    const after = await getDossier(t, d.id);
    expect(after.currentStep?.id).toBe('receive');
    const events = await eventsOf(t, d.id);
    expect(events[events.length - 1]).toMatchObject({ type: 'RETURN', note: 'Đơn đề nghị chưa ký', actor: { username: 'specialist' } });
  });
});
