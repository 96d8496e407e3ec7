import type { Page } from 'playwright-core';
import { loginAs, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { ADMIN, expectStatus } from '../support/dossier-api';

const rowsOf = (page: Page) => page.locator('table.audit-table tbody tr');

/** The cells of a row as an administrator reads them. */
async function cells(page: Page, index: number): Promise<string[]> {
  const row = rowsOf(page).nth(index);
  return [...(await row.getByRole('cell').allTextContents()).slice(0, 2), await row.getByRole('rowheader').textContent() ?? '', ...(await row.getByRole('cell').allTextContents()).slice(2)];
}

describe('the audit log screen (browser)', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp({ now: '2026-11-23T09:00:00+07:00' });
  });
  afterAll(() => t?.close());

  it('shows who changed what, when (Vietnam time) and from where, filters by action and period, and pages with "Xem thêm"', async () => {
    // Changes through the API as the administrator quan.tri, at known times.
    t.clock.set('2026-11-23T10:15:00+07:00');
    const created = await t.http.post('/api/v1/users').set(ADMIN).send({ username: 'le.van.c', fullName: 'Lê Văn C', password: 'Kho-luu-tru-Bac-Ninh-2026!', roles: ['reception'], agencyCode: 'H12.01' });
    expectStatus(created, 201);
    t.clock.set('2026-11-23T10:20:00+07:00');
    expectStatus(await t.http.patch(`/api/v1/users/${created.body.id}`).set(ADMIN).send({ roles: ['reception', 'specialist'], active: false, password: 'Cau-Long-Bien-mua-thu-1902' }), 200);
    // Enough agencies on another day for a second page (30 rows a page).
    t.clock.set('2026-11-25T08:00:00+07:00');
    for (let i = 10; i < 42; i++) {
      expectStatus(await t.http.post('/api/v1/agencies').set(ADMIN).send({ code: `H12.01.${i}`, name: `Xã số ${i}`, level: 'commune', parentCode: 'H12.01' }), 201);
    }

    // An edit through the web app itself: its row names the browser.
    t.clock.set('2026-11-26T14:05:00+07:00');
    const page = await t.newPage();
    await loginAs(page, 'admin');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Sửa tài khoản le.van.c' }).click();
    await page.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã cập nhật tài khoản le.van.c.').waitFor();

    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Nhật ký quản trị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' }).waitFor();
    await rowsOf(page).first().waitFor();
    // Newest first: the browser's edit, in Vietnam time, with the address and the browser it came from.
    const [time, actor, action, target, changes, address] = await cells(page, 0);
    expect([time, actor, action, target, changes]).toEqual(['14:05 ngày 26/11/2026', 'admin', 'Sửa tài khoản', 'Tài khoản le.van.c', 'Họ và tên: Lê Văn C → Lê Văn Cường']);
    expect(address).toMatch(/^127\.0\.0\.1.*HeadlessChrome/);
    expect(await rowsOf(page).count()).toBe(30);
    await screenshot(page, '46-audit-log');

    // "Xem thêm" reads the next page: 32 agencies, 2 account changes, the admin's sign-in and edit, the 6 demo procedures published by the system at start.
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await rowsOf(page).nth(30).waitFor();
    expect(await rowsOf(page).count()).toBe(32 + 2 + 2 + 6);
    expect(await page.getByRole('button', { name: 'Xem thêm' }).count()).toBe(0);
    expect((await cells(page, 40)).slice(1, 3)).toEqual(['Hệ thống', 'Công bố phiên bản thủ tục']);

    // One action, one period: the account changes of 23 November, with what changed before → after.
    const filters = page.getByRole('form', { name: 'Lọc nhật ký' });
    await filters.getByLabel('Thao tác').selectOption({ label: 'Sửa tài khoản' });
    await filters.getByLabel('Từ ngày').fill('2026-11-23');
    await filters.getByLabel('Đến ngày').fill('2026-11-23');
    await filters.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/action=user.updated/);
    await page.getByText('1 thao tác, mới nhất xếp trước').waitFor();
    const [updatedAt, by, what, on, diff] = await cells(page, 0);
    expect([updatedAt, by, what, on]).toEqual(['10:20 ngày 23/11/2026', 'quan.tri', 'Sửa tài khoản', 'Tài khoản le.van.c']);
    expect(diff).toContain('Vai trò: Cán bộ tiếp nhận (Một cửa) → Cán bộ tiếp nhận (Một cửa), Chuyên viên xử lý');
    expect(diff).toContain('Trạng thái: Đang hoạt động → Đã khóa');
    expect(diff).toContain('Mật khẩu: Đã đặt mật khẩu mới');
    expect(diff).not.toMatch(/Cau-Long-Bien|\$2[aby]\$/);

    // A period with nothing in it says so.
    await filters.getByLabel('Từ ngày').fill('2026-11-24');
    await filters.getByLabel('Đến ngày').fill('2026-11-24');
    await filters.getByRole('button', { name: 'Lọc' }).click();
    await page.getByText('Không có thao tác nào phù hợp.').waitFor();
  });

  it('is not in the menu of other officers, and its address refuses them', async () => {
    const page = await t.newPage();
    await loginAs(page, 'supervisor');
    expect(await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Nhật ký quản trị' }).count()).toBe(0);
    await page.goto('/quan-tri/nhat-ky');
    await page.getByText('Tài khoản của bạn không có quyền mở trang này.').waitFor();
  });
});
