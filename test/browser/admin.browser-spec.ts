import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loginAs, SCREENSHOT_DIR, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { withoutCultureDay2026 } from '../support/ordinary-week';
import { getDossier, receive } from '../support/dossier-api';

const HKD = '1.001193';

/** The text of whatever describes a control (its hint and error), as a screen reader announces it. */
function description(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const ids: string[] = (el.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
  });
}

/** The page's width as laid out: more than the viewport means the officer must scroll sideways. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

/** One part of a page (the whole page would be too long to read in the README). */
async function screenshotOf(part: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await part.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

async function open(page: Page, menu: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: menu }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('administration screens (browser)', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(() => t.close());

  it('lists the procedures, draws 1.001193 as an SVG, refuses an invalid version with field errors, then publishes version 2', async () => {
    const page = await t.newPage();
    await loginAs(page, 'admin');
    await open(page, 'Thủ tục hành chính', 'Thủ tục hành chính');
    const row = page.getByRole('row').filter({ hasText: HKD });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([HKD, 'Thành lập và hoạt động của hộ kinh doanh', 'Cấp xã', '1', '3 ngày làm việc', '5']);
    expect(await page.getByRole('row').count()).toBe(1 + 6);
    await screenshot(page, '40-procedures');

    await row.getByRole('link', { name: 'Đăng ký thành lập hộ kinh doanh' }).click();
    await page.getByTestId('current-version').waitFor();
    const diagram = page.getByRole('img', { name: /Sơ đồ quy trình nội bộ của thủ tục 1\.001193/ });
    await diagram.locator('svg').waitFor();
    // The drawing holds the steps as the API defines them, not just an empty frame.
    expect(await diagram.locator('svg').textContent()).toContain('Thẩm định');
    await page.getByText('Mã Mermaid của sơ đồ (để sao chép)').click();
    expect(await page.locator('pre.admin-code').textContent()).toMatch(/^flowchart TD/);
    await screenshotOf(page.getByRole('region', { name: 'Sơ đồ quy trình nội bộ' }), '41-procedure-diagram');

    // Zero processing time and an empty step name: the API's 400 lands beside each input and in the summary; nothing is published.
    const form = page.getByRole('form', { name: 'Công bố phiên bản mới' });
    const processingTime = form.getByRole('spinbutton', { name: 'Thời hạn giải quyết', exact: true });
    expect(await processingTime.inputValue()).toBe('3');
    await processingTime.fill('0');
    const appraiseName = form.getByRole('group', { name: 'Bước 2', exact: true }).getByLabel('Tên bước');
    expect(await appraiseName.inputValue()).toBe('Thẩm định');
    await appraiseName.fill('');
    await form.getByRole('button', { name: 'Công bố phiên bản 2' }).click();
    const summary = form.getByRole('alert');
    await summary.getByText('Thời hạn giải quyết: phải lớn hơn 0').waitFor();
    expect(await summary.textContent()).toContain('Bước 2, tên bước: không được để trống');
    expect(await processingTime.getAttribute('aria-invalid')).toBe('true');
    expect(await description(processingTime)).toContain('phải lớn hơn 0');
    expect(await description(appraiseName)).toContain('không được để trống');
    // What the admin typed is still there to fix.
    expect(await processingTime.inputValue()).toBe('0');
    await screenshotOf(page.getByRole('region', { name: 'Công bố phiên bản mới' }), '42-procedure-publish-form');
    expect((await t.http.get(`/api/v1/procedures/${HKD}`)).body.version).toBe(1);
    expect((await t.http.get(`/api/v1/procedures/${HKD}/versions/2`)).status).toBe(404);

    // Fixed: 4 working days, step 2 renamed, step 4 (record) moved above step 3 (review).
    await processingTime.fill('4');
    await appraiseName.fill('Thẩm định hồ sơ');
    await form.getByRole('button', { name: 'Đưa bước 4 lên' }).click();
    await form.getByRole('button', { name: 'Công bố phiên bản 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã công bố phiên bản 2' }).waitFor();
    // The page reloads the procedure after publishing: wait for the new version before reading the rest.
    await page.getByTestId('current-version').filter({ hasText: /^2$/ }).waitFor();
    expect(await page.getByTestId('current-version').textContent()).toBe('2');
    expect(await page.getByTestId('processing-time').textContent()).toBe('4 ngày làm việc');
    const history = page.getByRole('region', { name: 'Lịch sử phiên bản' });
    await history.getByRole('rowheader', { name: /^2\s*Hiện hành/ }).waitFor();
    expect(await history.getByRole('rowheader').allTextContents()).toEqual(['2Hiện hành', '1']);
    // The form starts again from the new version.
    await page.getByRole('form', { name: 'Công bố phiên bản mới' }).getByRole('button', { name: 'Công bố phiên bản 3' }).waitFor();

    const published = (await t.http.get(`/api/v1/procedures/${HKD}`)).body;
    expect(published).toMatchObject({ version: 2, processingTime: { value: 4, unit: 'working_days' }, fee: 100000, supplementPolicy: 'restart' });
    expect(published.steps.map((s: { id: string }) => s.id)).toEqual(['receive', 'appraise', 'record', 'review', 'deliver']);
    expect(published.steps[1].name).toBe('Thẩm định hồ sơ');
    expect(published.requiredDocuments).toHaveLength(3);
  });

  it('adds a new procedure from an empty form, on a phone', async () => {
    const page = await t.newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(page, 'admin');
    await page.goto('/quan-tri/thu-tuc');
    await page.getByRole('button', { name: 'Thêm thủ tục mới' }).click();
    const form = page.getByRole('form', { name: 'Thêm thủ tục mới' });
    await form.getByLabel('Mã thủ tục').fill('2.000001');
    await form.getByLabel('Tên thủ tục').fill('Cấp bản sao trích lục hộ tịch');
    await form.getByLabel('Lĩnh vực').fill('Hộ tịch');
    await form.getByLabel('Cấp thực hiện').selectOption('commune');
    await form.getByRole('spinbutton', { name: 'Thời hạn giải quyết', exact: true }).fill('1');
    await form.getByRole('button', { name: '+ Thêm bước' }).click();
    const second = form.getByRole('group', { name: 'Bước 2', exact: true });
    await second.getByLabel('Tên bước').fill('Ký, trả kết quả');
    await second.getByLabel('Vai trò thực hiện').selectOption('leader');
    await second.getByLabel('Thời gian').fill('2');
    await form.getByRole('button', { name: '+ Thêm giấy tờ' }).click();
    const doc = form.getByRole('group', { name: 'Giấy tờ 1', exact: true });
    await doc.getByLabel('Mã giấy tờ').fill('TK');
    await doc.getByLabel('Tên giấy tờ').fill('Tờ khai cấp bản sao trích lục hộ tịch');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, '47-procedure-new-phone');
    await form.getByRole('button', { name: 'Tạo thủ tục (phiên bản 1)' }).click();
    await page.waitForURL('**/quan-tri/thu-tuc/2.000001');
    expect(await page.getByTestId('current-version').textContent()).toBe('1');
    const created = (await t.http.get('/api/v1/procedures/2.000001')).body;
    expect(created).toMatchObject({
      version: 1,
      name: 'Cấp bản sao trích lục hộ tịch',
      level: 'commune',
      processingTime: { value: 1, unit: 'working_days' },
      cutoff: null,
      onlineProcessingTime: null,
      steps: [
        { id: 'receive', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
        { id: 'buoc_2', name: 'Ký, trả kết quả', role: 'leader', allotted: { value: 2, unit: 'working_hours' } },
      ],
      requiredDocuments: [{ code: 'TK', name: 'Tờ khai cấp bản sao trích lục hộ tịch', copies: 1 }],
    });
  });

  it('marks a holiday and a make-up Saturday in the month view (keyboard too), recomputes open deadlines, and clears an exception', async () => {
    // Criminal record certificate, 10 working days from Mon 23/11 09:00: due Mon 7/12 09:00.
    const lltp = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.10', at: '2026-11-23T09:00:00+07:00' });
    expect(lltp.dueAt).toBe('2026-12-07T09:00:00+07:00');

    const page = await t.newPage();
    await loginAs(page, 'admin');
    await open(page, 'Lịch làm việc', 'Lịch làm việc');
    // A fixed month, whatever today is in the browser.
    await page.goto('/quan-tri/lich?thang=2026-12');
    const grid = page.getByRole('table', { name: 'Tháng 12 năm 2026' });
    await grid.getByRole('button', { name: /^Thứ Ba 01\/12\/2026/ }).waitFor();
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
    // 1/12/2026 is a Tuesday: the first row starts with an empty Monday.
    expect(await grid.getByRole('row').nth(1).getByRole('button').first().getAttribute('aria-label')).toBe('Thứ Ba 01/12/2026: Làm việc');

    // Keyboard: Tab to 1/12, arrow right to 2/12, Enter opens the form with "holiday" proposed for a weekday.
    await grid.getByRole('button', { name: /^Thứ Ba 01\/12\/2026/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const dayForm = page.getByRole('form', { name: 'Thứ Tư 02/12/2026' });
    await dayForm.getByText('mọi hồ sơ đang giải quyết sẽ được tính lại').waitFor();
    expect(await dayForm.getByRole('radio', { name: /Ngày nghỉ/ }).isChecked()).toBe(true);
    await dayForm.getByLabel('Ghi chú').fill('Nghỉ đột xuất');
    await dayForm.getByRole('button', { name: 'Lưu ngày này' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tính lại hạn của 1 hồ sơ' }).waitFor();
    await grid.getByRole('button', { name: 'Thứ Tư 02/12/2026: Nghỉ (lễ, Tết), Nghỉ đột xuất' }).waitFor();
    let days = await t.http.get('/api/v1/calendar/days').query({ from: '2026-12-02', to: '2026-12-02' });
    expect(days.body.items).toEqual([{ date: '2026-12-02', working: false, note: 'Nghỉ đột xuất' }]);
    expect((await getDossier(t, lltp.id)).dueAt).toBe('2026-12-08T09:00:00+07:00');

    // A Saturday proposes "working day": a make-up day (làm bù).
    await grid.getByRole('button', { name: /^Thứ Bảy 19\/12\/2026/ }).click();
    const saturday = page.getByRole('form', { name: 'Thứ Bảy 19/12/2026' });
    expect(await saturday.getByRole('radio', { name: /Ngày làm việc/ }).isChecked()).toBe(true);
    await saturday.getByLabel('Ghi chú').fill('Làm bù');
    await screenshot(page, '43-calendar-month');
    await saturday.getByRole('button', { name: 'Lưu ngày này' }).click();
    await grid.getByRole('button', { name: 'Thứ Bảy 19/12/2026: Làm việc (làm bù), Làm bù' }).waitFor();
    days = await t.http.get('/api/v1/calendar/days').query({ from: '2026-12-19', to: '2026-12-19' });
    expect(days.body.items).toEqual([{ date: '2026-12-19', working: true, note: 'Làm bù' }]);

    // Clearing the holiday gives the day back, and the deadline with it.
    await grid.getByRole('button', { name: /^Thứ Tư 02\/12\/2026/ }).click();
    await page.getByRole('form', { name: 'Thứ Tư 02/12/2026' }).getByRole('button', { name: 'Xóa ngoại lệ, về lịch mặc định' }).click();
    await grid.getByRole('button', { name: 'Thứ Tư 02/12/2026: Làm việc' }).waitFor();
    days = await t.http.get('/api/v1/calendar/days').query({ from: '2026-12-02', to: '2026-12-02' });
    expect(days.body.items).toEqual([{ date: '2026-12-02', working: true, note: null }]);
    expect((await getDossier(t, lltp.id)).dueAt).toBe('2026-12-07T09:00:00+07:00');

    // On a phone the month still fits: seven columns, no sideways scrolling of the page.
    const phone = await t.newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(phone, 'admin');
    await phone.goto('/quan-tri/lich?thang=2026-02');
    await phone.getByRole('button', { name: 'Thứ Hai 16/02/2026: Nghỉ (lễ, Tết), Tết Nguyên đán Bính Ngọ' }).waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    await screenshot(phone, '46-calendar-phone');
  });

  it('creates a user through the form (field errors first), who then signs in; a password reset works the same way', async () => {
    const page = await t.newPage();
    await loginAs(page, 'admin');
    await open(page, 'Người dùng', 'Người dùng');
    await page.getByRole('row').filter({ hasText: 'reception' }).waitFor();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.getByRole('form', { name: 'Thêm người dùng' });
    await form.getByLabel('Tên đăng nhập').fill('nguyen.van.b');
    await form.getByLabel('Họ và tên').fill('Nguyễn Văn B');
    await form.getByLabel('Mật khẩu').fill('ngan');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.getByRole('alert').waitFor();
    expect(await description(form.getByLabel('Mật khẩu'))).toContain('phải có ít nhất 12 ký tự');
    expect(await form.getByRole('group', { name: 'Vai trò' }).textContent()).toContain('phải chọn hoặc có ít nhất một mục');

    await form.getByLabel('Mật khẩu').fill('sen-hong-no-som-2026');
    await form.getByRole('checkbox', { name: 'Chuyên viên xử lý' }).check();
    await form.getByLabel('Đơn vị').selectOption('H12.01');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo tài khoản nguyen.van.b' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'nguyen.van.b' });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Nguyễn Văn B', 'Chuyên viên xử lý', expect.stringMatching(/^H12\.01 · /), 'Đang hoạt động', 'Sửa']);
    await screenshot(page, '44-users');

    const users = (await t.http.get('/api/v1/users')).body.items as Record<string, unknown>[];
    const created = users.find((u) => u.username === 'nguyen.van.b');
    expect(created).toEqual({ id: expect.any(String), username: 'nguyen.van.b', fullName: 'Nguyễn Văn B', roles: ['specialist'], agencyCode: 'H12.01', active: true, twoFactorEnabled: false });

    const fresh = await t.newPage();
    await loginAs(fresh, 'nguyen.van.b', 'sen-hong-no-som-2026');
    expect(await fresh.getByTestId('user-name').textContent()).toBe('Nguyễn Văn B');
    expect(new URL(fresh.url()).pathname).toBe('/cong-viec');

    // A duplicate username is named at its field.
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const again = page.getByRole('form', { name: 'Thêm người dùng' });
    await again.getByLabel('Tên đăng nhập').fill('nguyen.van.b');
    await again.getByLabel('Họ và tên').fill('Trùng tên');
    await again.getByLabel('Mật khẩu').fill('sen-hong-no-som-2026');
    await again.getByRole('checkbox', { name: 'Văn thư' }).check();
    await again.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await again.getByRole('alert').waitFor();
    expect(await description(again.getByLabel('Tên đăng nhập'))).toContain('đã tồn tại');
    await again.getByRole('button', { name: 'Hủy' }).click();

    // Reset the password and add a role; the password field starts empty (never shown).
    await row.getByRole('button', { name: 'Sửa tài khoản nguyen.van.b' }).click();
    const edit = page.getByRole('form', { name: 'Sửa tài khoản nguyen.van.b' });
    expect(await edit.getByLabel('Đặt lại mật khẩu').inputValue()).toBe('');
    await edit.getByLabel('Đặt lại mật khẩu').fill('sen-trang-no-muon-2027');
    await edit.getByRole('checkbox', { name: 'Lãnh đạo phê duyệt' }).check();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'đã đặt lại mật khẩu' }).waitFor();
    const relogin = await t.newPage();
    await loginAs(relogin, 'nguyen.van.b', 'sen-trang-no-muon-2027');
    expect(await relogin.getByTestId('user-role').textContent()).toBe('Chuyên viên xử lý, Lãnh đạo phê duyệt');
  });

  it('adds a division under the commune H12.01 to the tree and edits its office hours (invalid hours named first)', async () => {
    const page = await t.newPage();
    await loginAs(page, 'admin');
    await open(page, 'Cơ quan, đơn vị', 'Cơ quan, đơn vị');
    const h1201 = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'H12.01', exact: true }) });
    await h1201.getByRole('button', { name: /^Thêm đơn vị trực thuộc H12\.01 / }).click();
    const form = page.getByRole('form', { name: /^Thêm đơn vị trực thuộc H12\.01 / });
    expect(await form.getByLabel('Mã cơ quan').inputValue()).toBe('H12.01.');
    expect(await form.getByLabel('Cấp').inputValue()).toBe('commune');
    expect(await form.getByLabel('Trực thuộc').inputValue()).toBe('H12.01');
    await form.getByLabel('Mã cơ quan').fill('H12.01.09');
    await form.getByLabel('Tên cơ quan').fill('Phòng Văn hóa - Xã hội xã Tiên Du');
    // Districts are gone (1/7/2025): a new agency cannot be one; a new desk receives for itself by default.
    expect(await form.getByLabel('Cấp').locator('option').allTextContents()).not.toContain('Cấp huyện');
    expect(await form.getByLabel('Bộ phận một cửa tiếp nhận').inputValue()).toBe('self');
    await form.getByRole('button', { name: 'Lưu cơ quan mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm H12.01.09' }).waitFor();

    // Listed in the tree under its commune, after the commune's other division and before the next commune.
    const row = page.getByRole('row').filter({ hasText: 'H12.01.09' });
    await row.waitFor();
    const names = await page.getByRole('rowheader').allTextContents();
    const at = (name: string) => names.findIndex((n) => n.includes(name));
    const codes = await page.locator('tbody tr td:first-of-type').allTextContents();
    expect(codes.indexOf('H12.01.09')).toBe(codes.indexOf('H12.01.05') + 1);
    expect(codes.indexOf('H12.01.09')).toBeLessThan(codes.indexOf('H12.02'));
    expect(at('Phòng Văn hóa - Xã hội xã Tiên Du')).toBe(codes.indexOf('H12.01.09'));
    expect(await row.getByRole('cell').allTextContents()).toEqual(['H12.01.09', 'Cấp xã', 'H12.01', '07:30–11:30, 13:30–17:00', expect.any(String)]);
    const agencies = (await t.http.get('/api/v1/agencies')).body.items as { code: string }[];
    expect(agencies.find((a) => a.code === 'H12.01.09')).toEqual({
      code: 'H12.01.09',
      name: 'Phòng Văn hóa - Xã hội xã Tiên Du',
      level: 'commune',
      parentCode: 'H12.01',
      receivesFor: 'self',
      officeHours: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
    });

    await row.getByRole('button', { name: 'Sửa H12.01.09 Phòng Văn hóa - Xã hội xã Tiên Du' }).click();
    const edit = page.getByRole('form', { name: 'Sửa H12.01.09 · Phòng Văn hóa - Xã hội xã Tiên Du' });
    const afternoon = edit.getByRole('group', { name: 'Khoảng 2', exact: true });
    await afternoon.getByLabel('Từ').fill('11:00');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await edit.getByText('chồng lên hoặc đứng trước khoảng liền trước').waitFor();
    await afternoon.getByLabel('Từ').fill('13:30');
    await afternoon.getByLabel('Đến').fill('16:30');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã cập nhật H12.01.09' }).waitFor();
    await row.getByRole('cell', { name: '07:30–11:30, 13:30–16:30' }).waitFor();
    const updated = (await t.http.get('/api/v1/agencies')).body.items.find((a: { code: string }) => a.code === 'H12.01.09');
    expect(updated.officeHours).toEqual([
      { from: '07:30', to: '11:30' },
      { from: '13:30', to: '16:30' },
    ]);
    await screenshot(page, '45-agencies');
  });

  it('moves between the admin screens and the desk without a reload: the agencies and procedures one screen loaded serve the next', async () => {
    const page = await t.newPage();
    await loginAs(page, 'admin');
    // A marker that a full page load would wipe: every step below must be client-side navigation over one query cache.
    await page.evaluate('window.sameDocument = true');
    await open(page, 'Cơ quan, đơn vị', 'Cơ quan, đơn vị');
    await page.getByRole('cell', { name: 'H12.01.05', exact: true }).waitFor();
    await open(page, 'Thủ tục hành chính', 'Thủ tục hành chính');
    await page.getByRole('row').filter({ hasText: HKD }).waitFor();

    await open(page, 'Tiếp nhận hồ sơ', 'Tiếp nhận hồ sơ');
    await page.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption(HKD);
    for (const box of await page.getByRole('group', { name: /Thành phần hồ sơ/ }).getByRole('checkbox').all()) await box.check();
    await page.getByLabel('Họ và tên người nộp').fill('Lê Văn Chuyển');
    await page.getByLabel('Số CCCD').fill('027090004321');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    // The receipt (the server's PDF) under the title that names the new dossier's code.
    await page.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả – hồ sơ H12\.01-\d{6}-\d{4}$/ }).waitFor();
    await page.locator('iframe[title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)"]').waitFor();

    await open(page, 'Tra cứu hồ sơ', 'Tra cứu hồ sơ');
    await page.getByRole('row').filter({ hasText: 'Lê Văn Chuyển' }).waitFor();
    await open(page, 'Cơ quan, đơn vị', 'Cơ quan, đơn vị');
    await page.getByRole('cell', { name: 'H12.01.05', exact: true }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
  });
});
