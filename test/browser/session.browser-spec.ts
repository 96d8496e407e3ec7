import type { Page } from 'playwright-core';
import { loginAs, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { listAll } from '../support/dossier-api';

const MINUTE = 60_000;

/** The intake form filled in, not yet sent: what an expired session must not throw away. */
async function fillIntake(page: Page, fullName: string): Promise<void> {
  await page.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
  await page.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption('1.001193');
  await page.getByRole('checkbox', { name: 'Giấy đề nghị đăng ký hộ kinh doanh' }).check();
  await page.getByRole('checkbox', { name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh' }).check();
  await page.getByRole('checkbox', { name: /Bản sao biên bản họp thành viên hộ gia đình/ }).check();
  await page.getByLabel('Họ và tên người nộp').fill(fullName);
  await page.getByLabel('Số CCCD').fill('001190054321');
  await page.getByRole('radio', { name: 'Trực tiếp' }).check();
}

const receipt = (page: Page) => page.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ });
const expiredDialog = (page: Page) => page.getByRole('dialog', { name: 'Phiên làm việc đã hết hạn' });

describe('sessions in the web app (browser)', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp({ env: { JWT_TTL_MINUTES: '30' } });
  });
  afterAll(() => t.close());

  it('asks for the password over the page when the session has expired, keeps the unsaved form, and sends it once signed in', async () => {
    const page = await t.newPage();
    await loginAs(page, 'reception');
    await fillIntake(page, 'Phạm Văn Hết Hạn');
    t.clock.advance(31 * MINUTE); // the officer left the desk: the token expired on the server

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const dialog = expiredDialog(page);
    await dialog.waitFor();
    await screenshot(page, '02-session-expired');
    expect(new URL(page.url()).pathname).toBe('/tiep-nhan');
    await expect(page.getByLabel('Họ và tên người nộp').inputValue()).resolves.toBe('Phạm Văn Hết Hạn');
    expect(await listAll(t, { q: 'Phạm Văn Hết Hạn' })).toHaveLength(0);

    await dialog.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await dialog.getByRole('button', { name: 'Đăng nhập lại' }).click();
    await dialog.getByRole('alert').getByText('Sai mật khẩu').waitFor();
    await dialog.getByLabel('Mật khẩu').fill('demo');
    await dialog.getByRole('button', { name: 'Đăng nhập lại' }).click();

    // The refused intake went again with the new token: one dossier, from the form as it was.
    await receipt(page).waitFor();
    const created = await listAll(t, { q: 'Phạm Văn Hết Hạn' });
    expect(created).toHaveLength(1);
    expect(created[0].applicant).toMatchObject({ fullName: 'Phạm Văn Hết Hạn', idNumber: '001190054321' });
    expect(await expiredDialog(page).count()).toBe(0);
  });

  it('refreshes the token silently while the officer works, so a long day needs no new sign-in', async () => {
    const page = await t.newPage();
    await page.clock.install();
    const logins: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/login')) logins.push(r.url());
    });
    await loginAs(page, 'reception');
    await fillIntake(page, 'Lê Thị Làm Cả Ngày');

    // Twenty minutes on the form, then a key pressed: the token is exchanged for a fresh one.
    await page.clock.fastForward(20 * MINUTE);
    t.clock.advance(20 * MINUTE);
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.getByLabel('Địa chỉ').pressSequentially('Thôn Đông, xã Lim');
    expect((await refreshed).status()).toBe(200);

    // Forty minutes after the login, past the first token's life: the intake goes through without a sign-in.
    await page.clock.fastForward(20 * MINUTE);
    t.clock.advance(20 * MINUTE);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await receipt(page).waitFor();
    expect(await listAll(t, { q: 'Lê Thị Làm Cả Ngày' })).toHaveLength(1);
    expect(logins).toHaveLength(1);
    expect(await expiredDialog(page).count()).toBe(0);
  });

  it('signs out on the server too: the token the tab held is refused afterwards', async () => {
    const page = await t.newPage();
    await loginAs(page, 'specialist');
    const token = (await page.evaluate("sessionStorage.getItem('motcua.token')")) as string;
    await t.raw.get('/api/v1/dossiers?limit=1').set('Authorization', `Bearer ${token}`).expect(200);
    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    expect((await loggedOut).status()).toBe(204);
    await page.getByRole('heading', { name: 'Đăng nhập hệ thống Một cửa' }).waitFor();
    await t.raw.get('/api/v1/dossiers?limit=1').set('Authorization', `Bearer ${token}`).expect(401);
  });
});
