import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';

describe('a wait that is not a whole number of minutes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resumes with the wait rounded to the minute instead of failing', async () => {
    t.clock.set('2026-11-23T09:00:00+07:00');
    const d = (await t.http.post('/api/v1/dossiers').send({ procedureCode: '1.001193', agencyCode: 'H12.01', channel: 'direct', applicant: { type: 'citizen', fullName: 'Vũ E', idNumber: '001090077777' } }).expect(201)).body;
    expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
    t.clock.set('2026-11-23T10:00:20+07:00');
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'SUSPEND', reason: 'other' }).expect(200);
    t.clock.set('2026-11-23T11:00:00+07:00');
    const resumed = (await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'RESUME' }).expect(200)).body;
    // 59 min 40 s waited → 60 working minutes.
    expect(resumed.dueAt).toBe('2026-11-26T10:00:00+07:00');
  });
});
