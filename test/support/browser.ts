import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';
import { waitFor } from './wait-for';

/** Debian's chromium (installed by .ci/run); playwright-core never downloads a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '../artifacts/screenshots');

export interface WebTestApp extends TestApp {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own cookies and sessionStorage) in Vietnamese, on a 1366×768 office screen. */
  newPage(opts?: { viewport?: { width: number; height: number } }): Promise<Page>;
}

/** The real API (serving the built web app from dist/web) on a port, and a headless Chromium. */
export async function startWebTestApp(opts: TestAppOptions = {}): Promise<WebTestApp> {
  // WEB_DIST_DIR lets a run serve its own build of the web app (default: dist/web).
  // The screens' tests move the app's clock by hours and days between clicks: sessions last the longest allowed unless a
  // test is about them (session.browser-spec sets its own).
  const sessions = { JWT_TTL_MINUTES: String(7 * 24 * 60), SESSION_MAX_HOURS: String(7 * 24) };
  const t = await startTestApp({ ...opts, env: { ...sessions, ...(process.env.WEB_DIST_DIR ? { WEB_DIST_DIR: process.env.WEB_DIST_DIR } : {}), ...opts.env } });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Without these Chromium keeps dialling Google's hosts, which this closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    })
    .catch(async (e: unknown) => {
      await t.close();
      throw e;
    });
  const contexts: BrowserContext[] = [];
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(o = {}) {
      const context = await browser.newContext({
        baseURL: `http://127.0.0.1:${port}`,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        viewport: o.viewport ?? { width: 1366, height: 768 },
        acceptDownloads: true,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      try {
        await Promise.allSettled(contexts.map((c) => c.close()));
        await browser.close();
      } finally {
        await t.close();
      }
    },
  };
}

/** Signs in through the login form as a demo account (password `demo`) and waits for the first screen. */
export async function loginAs(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-name').waitFor();
}

/** A full-page screenshot under test/artifacts/screenshots/ (git-ignored); README copies live in docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A form's PDF as it reached the page: its Content-Type and bytes. */
export interface FormBytes {
  type: string;
  pdf: Buffer;
}

/**
 * Catches the app's request for a form's PDF (`form`: receipt, control-sheet, …) and keeps the answer's bytes on their way to
 * the page (Chromium does not give a test the body of an answer the page read as a blob). Set before the click that opens the form.
 */
export async function captureForm(page: Page, form: string): Promise<{ answer: Promise<FormBytes> }> {
  let resolve!: (bytes: FormBytes) => void;
  const answer = new Promise<FormBytes>((r) => (resolve = r));
  await page.route(`**/api/v1/dossiers/*/forms/${form}`, async (route) => {
    const res = await route.fetch();
    const pdf = await res.body();
    resolve({ type: res.headers()['content-type'] ?? '', pdf });
    await route.fulfill({ response: res, body: pdf });
  });
  return { answer };
}

/**
 * The PDF a form page shows (its frame is titled "<form's title> (PDF)"): the bytes the app fetched with its token, once the
 * frame shows them from a blob: URL of the page (the page's CSP lets nothing read that URL back, so the answer is kept instead).
 */
export async function shownPdf(page: Page, formTitle: string, capture: { answer: Promise<FormBytes> }): Promise<FormBytes> {
  const bytes = await capture.answer;
  const frame = page.locator(`iframe[title="${formTitle} (PDF)"]`);
  await frame.waitFor();
  const src = (await frame.getAttribute('src')) ?? '';
  if (!src.startsWith(`blob:${new URL(page.url()).origin}/`)) throw new Error(`the form's frame shows ${src}, not the page's blob: URL`);
  // The frame has loaded that URL: the browser's PDF viewer shows it.
  await waitFor(async () => page.frames().some((f) => f.url() === src), 15_000, `a frame showing ${src}`);
  return bytes;
}
