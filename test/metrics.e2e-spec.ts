import { receive } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('counts requests by route pattern and reports open and overdue dossiers and the timer queue', async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+07:00' });
    const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
    await t.http.get(`/api/v1/dossiers/${d.id}`).expect(200);
    await t.http.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000').expect(404);
    t.clock.set(new Date('2026-12-31T09:00:00+07:00'));

    const res = await t.raw.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/motcua_http_requests_total\{method="GET",route="\/api\/v1\/dossiers\/:id",status="200"\} 1\n/);
    expect(res.text).toMatch(/motcua_http_requests_total\{method="GET",route="\/api\/v1\/dossiers\/:id",status="404"\} 1\n/);
    // Ids never become labels.
    expect(res.text).not.toContain(d.id);
    expect(res.text).toMatch(/motcua_dossiers_open\{status="processing"\} 1\n/);
    expect(res.text).toMatch(/motcua_dossiers_overdue 1\n/);
    expect(res.text).toMatch(/motcua_deadline_jobs\{state="delayed"\} \d+\n/);
    expect(res.text).toContain('motcua_process_resident_memory_bytes');
  });

  it('asks for the scraper token when METRICS_TOKEN is set', async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    await t.raw.get('/metrics').expect(401);
    await t.raw.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    const ok = await t.raw.get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789').expect(200);
    expect(ok.text).toContain('motcua_http_requests_total');
  });
});
