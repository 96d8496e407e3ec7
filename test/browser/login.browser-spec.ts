import { loginAs, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';

const ROLES: [string, string, string][] = [
  ['admin', 'Quản trị hệ thống', '/giam-sat'],
  ['supervisor', 'Lãnh đạo theo dõi, giám sát', '/giam-sat'],
  ['reception', 'Cán bộ tiếp nhận (Một cửa)', '/tiep-nhan'],
  ['specialist', 'Chuyên viên xử lý', '/cong-viec'],
  ['leader', 'Lãnh đạo phê duyệt', '/cong-viec'],
  ['clerk', 'Văn thư', '/cong-viec'],
];

describe('signing in (browser)', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp();
  });
  afterAll(() => t.close());

  it.each(ROLES)('%s signs in, sees name, role and agency, lands on their screen, and signs out', async (username, roleLabel, home) => {
    const page = await t.newPage();
    await loginAs(page, username);
    expect(new URL(page.url()).pathname).toBe(home);
    await expect(page.getByTestId('user-role').textContent()).resolves.toBe(roleLabel);
    await expect(page.getByTestId('user-agency').textContent()).resolves.toContain('H12.01');
    if (username === 'reception') await screenshot(page, '01-reception-home');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập hệ thống Một cửa' }).waitFor();
    // Signed out means the token is gone: a protected page sends the browser back to the login form.
    await page.goto(home);
    await page.getByRole('heading', { name: 'Đăng nhập hệ thống Một cửa' }).waitFor();
    await page.context().close();
  });

  it('refuses a wrong password with a message and no session', async () => {
    const page = await t.newPage();
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill('reception');
    await page.getByLabel('Mật khẩu').fill('wrong');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sai tên đăng nhập hoặc mật khẩu');
    await screenshot(page, '00-login');
    expect(await page.evaluate("sessionStorage.getItem('motcua.token')")).toBeNull();
  });
});
