import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

/** The built web app as the API serves it (npm test builds it first): every HTML answer carries the app's CSP. */
describe('the web app served at /', () => {
  let t: TestApp;

  beforeAll(async () => {
    expect(existsSync(join(__dirname, '..', 'dist', 'web', 'index.html'))).toBe(true);
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['/', '/index.html', '/ho-so/khong-co', '/tra-cuu?ma=H12.01-261123-0001'])('%s is the app with its Content-Security-Policy', async (path) => {
    const res = await t.raw.get(path).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self';.*frame-ancestors 'none'/);
    // Only the app's own blob: URLs (a dossier's PDF fetched with the token) may be framed; plugins never.
    expect(res.headers['content-security-policy']).toMatch(/frame-src blob:;.*object-src 'none'/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
