import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { ADMIN, as, eventsOf, expectFieldError, expectStatus, getDossier, receive } from './support/dossier-api';

/** api.md "Calendar": DELETE /calendar/days/:date removes an exception, and open dossiers' deadlines follow. */
describe('clearing a calendar exception', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const day = async (date: string) => (await t.http.get('/api/v1/calendar/days').query({ from: date, to: date })).body.items[0];

  it('a removed holiday gives the day back and moves open deadlines back', async () => {
    // LLTP, 10 working days from Mon 23/11 09:00: due Mon 7/12 09:00.
    const lltp = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.10' });
    expect(lltp.dueAt).toBe('2026-12-07T09:00:00+07:00');
    expectStatus(await t.http.put('/api/v1/calendar/days/2026-11-25').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' }), 200);
    expect((await getDossier(t, lltp.id)).dueAt).toBe('2026-12-08T09:00:00+07:00');

    t.clock.set('2026-11-23T10:00:00+07:00');
    const cleared = await t.http.delete('/api/v1/calendar/days/2026-11-25').set(ADMIN);
    expectStatus(cleared, 200);
    expect(cleared.body).toEqual({ date: '2026-11-25', working: true, note: null, recomputedDossiers: 1, recompute: { id: expect.any(String), status: 'done', recomputedDossiers: 1 } });
    expect(await day('2026-11-25')).toEqual({ date: '2026-11-25', working: true, note: null });
    expect((await getDossier(t, lltp.id)).dueAt).toBe('2026-12-07T09:00:00+07:00');
    expect((await eventsOf(t, lltp.id)).map((e) => e.type)).toEqual(['RECEIVE', 'DEADLINE_RECOMPUTED', 'DEADLINE_RECOMPUTED']);

    // Nothing left to remove: 404, and no dossier is touched.
    const again = await t.http.delete('/api/v1/calendar/days/2026-11-25').set(ADMIN);
    expectStatus(again, 404);
    expect((await eventsOf(t, lltp.id)).length).toBe(3);
  });

  it('a removed working Saturday is a weekend day again', async () => {
    expectStatus(await t.http.put('/api/v1/calendar/days/2026-11-28').set(ADMIN).send({ working: true, note: 'Làm bù' }), 200);
    expect(await day('2026-11-28')).toEqual({ date: '2026-11-28', working: true, note: 'Làm bù' });
    const cleared = await t.http.delete('/api/v1/calendar/days/2026-11-28').set(ADMIN);
    expectStatus(cleared, 200);
    expect(cleared.body).toMatchObject({ date: '2026-11-28', working: false, note: null });
    expect(await day('2026-11-28')).toEqual({ date: '2026-11-28', working: false, note: null });
  });

  it('only an administrator may remove an exception; a bad date → 400', async () => {
    expectStatus(await t.http.put('/api/v1/calendar/days/2026-12-24').set(ADMIN).send({ working: false, note: 'Nghỉ' }), 200);
    const forbidden = await t.http.delete('/api/v1/calendar/days/2026-12-24').set(as('supervisor', 'giam.sat', 'H12'));
    expectStatus(forbidden, 403);
    expect(await day('2026-12-24')).toEqual({ date: '2026-12-24', working: false, note: 'Nghỉ' });
    expectFieldError(await t.http.delete('/api/v1/calendar/days/2026-02-30').set(ADMIN), 'date');
  });
});
