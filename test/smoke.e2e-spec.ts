import { type TestApp, startTestApp } from './support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves health and the seeded procedures', async () => {
    await t.http.get('/health').expect(200);
    const res = await t.http.get('/api/v1/procedures').expect(200);
    expect(res.body.items.length).toBe(6);
  });
});
