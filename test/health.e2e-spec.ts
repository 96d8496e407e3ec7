import { freePort } from './support/redis-server';
import { type TestApp, startTestApp } from './support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database, the queue and the file storage', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', queue: 'up', storage: 'up' } });
  });
});

describe('GET /health with the object store unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({ env: { FILE_STORAGE: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: 'ho-so', S3_ACCESS_KEY_ID: 'x', S3_SECRET_ACCESS_KEY: 'x' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 unhealthy, naming the storage', async () => {
    const res = await t.http.get('/health').expect(503);
    expect(res.body).toMatchObject({ error: 'unhealthy', details: { status: 'error', checks: { database: 'up', queue: 'up', storage: 'down' } } });
  });
});
