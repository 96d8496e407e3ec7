import { act, receive } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/** /metrics counts overdue dossiers by the one rule (isOverdue / overdueSql) the dossier, the list and the dashboard use. */
describe('GET /metrics: overdue as everywhere else', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('counts a dossier suspended after its due time as overdue, and one suspended before it as not', async () => {
    t = await startTestApp('2026-11-02T09:00:00+07:00');
    const late = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
    const early = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
    // Due Thursday 11-05 09:00; one is suspended the Tuesday before, the other the Tuesday after.
    await act(t, early.id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-03T09:00:00+07:00' });
    const suspended = await act(t, late.id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-10T09:00:00+07:00' });
    expect(suspended.overdue).toBe(true);

    const live = await t.http.get('/api/v1/reports/live').expect(200);
    expect(live.body).toMatchObject({ suspended: 2, overdue: 1 });
    const metrics = await t.raw.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/motcua_dossiers_open\{status="suspended"\} 2\n/);
    expect(metrics.text).toMatch(/motcua_dossiers_overdue 1\n/);
  });
});
