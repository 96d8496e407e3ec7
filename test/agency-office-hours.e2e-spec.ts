import { checkConsistency } from '@app/consistency';
import { ADMIN, eventsOf, expectStatus, getDossier, receive } from './support/dossier-api';
import { startTestApp, TEST_REDIS_URL, type TestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';

const HOUSEHOLD_BUSINESS = '1.001193'; // 3 working days
const AFTERNOONS = [{ from: '13:00', to: '17:00' }];

/** New office hours move the open deadlines of that agency, the way a calendar change moves everyone's. */
describe('changing an agency office hours', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("recomputes that agency's open dossiers (with an event naming the reason), leaves other agencies alone, and the checker agrees", async () => {
    const tienDu = await receive(t, { procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.01' });
    const commune = await receive(t, { procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.01.05' });
    expect(tienDu.dueAt).toBe('2026-11-26T09:00:00+07:00');

    t.clock.set('2026-11-23T10:00:00+07:00');
    const res = await t.http.patch('/api/v1/agencies/H12.01').set(ADMIN).send({ officeHours: AFTERNOONS });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ code: 'H12.01', officeHours: AFTERNOONS, recomputedDossiers: 1, recompute: { status: 'done', recomputedDossiers: 1 } });

    // Received Monday 09:00, before the new opening: three afternoons from Monday 13:00 run out at Wednesday's close.
    const moved = await getDossier(t, tienDu.id);
    expect(moved.dueAt).toBe('2026-11-25T17:00:00+07:00');
    // Its receive step (4 working hours, due Monday 15:00 under the default hours) now runs 13:00–17:00.
    expect(tienDu.currentStep?.dueAt).toBe('2026-11-23T15:00:00+07:00');
    expect(moved.currentStep?.dueAt).toBe('2026-11-23T17:00:00+07:00');
    const events = await eventsOf(t, tienDu.id);
    expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'DEADLINE_RECOMPUTED']);
    expect(events[1].data).toEqual({ previousDueAt: '2026-11-26T02:00:00.000Z', dueAt: '2026-11-25T10:00:00.000Z', reason: 'office_hours_changed' });

    expect((await getDossier(t, commune.id)).dueAt).toBe(commune.dueAt);
    expect((await eventsOf(t, commune.id)).map((e) => e.type)).toEqual(['RECEIVE']);

    // Deadlines, timers and event log agree with the new hours (before, every open dossier of H12.01 was reported).
    const report = await checkConsistency({
      databaseUrl: t.databaseUrl,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: t.queuePrefix,
      timers: { horizonMs: 3_600_000, reconcileIntervalMs: 60_000, dueSoonWorkingDays: 1 },
      now: t.clock.now(),
    });
    expect(report.problems.map((p) => `${p.kind} ${p.code} ${p.message}`)).toEqual([]);
  });

  it('the same hours again (as the form sends them with a rename) move nothing, and only a new name requests no recomputation', async () => {
    const d = await receive(t, { procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.01' });
    // The same hours are checked again (a retry after a crash must repair), but nothing moves and nothing is written.
    const same = await t.http.patch('/api/v1/agencies/H12.01').set(ADMIN).send({ name: 'Ủy ban nhân dân xã Tiên Du', officeHours: AFTERNOONS });
    expectStatus(same, 200);
    expect(same.body).toMatchObject({ recomputedDossiers: 0, recompute: { status: 'done', recomputedDossiers: 0 } });
    const renamed = await t.http.patch('/api/v1/agencies/H12.01').set(ADMIN).send({ name: 'UBND huyện Tiên Du' });
    expectStatus(renamed, 200);
    expect(renamed.body).toMatchObject({ name: 'UBND huyện Tiên Du', officeHours: AFTERNOONS, recomputedDossiers: 0, recompute: null });
    expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE']);
  });

  it('unusable hours and parents are 400s whose codes say which interval is wrong, and nothing changes', async () => {
    const patch = async (body: object) => {
      const res = await t.http.patch('/api/v1/agencies/H12.01.05').set(ADMIN).send(body);
      expectStatus(res, 400);
      return res.body.details as unknown[];
    };
    expect(await patch({ officeHours: [] })).toEqual([expect.objectContaining({ field: 'officeHours', code: 'too_few_items', params: { min: 1 } })]);
    expect(await patch({ officeHours: [{ from: '07:30', to: '11:30' }, { from: '11:00', to: '17:00' }] })).toEqual([
      expect.objectContaining({ field: 'officeHours', code: 'overlaps_previous', params: { interval: 2, from: '11:00', to: '17:00' } }),
    ]);
    expect(await patch({ officeHours: [{ from: '11:30', to: '07:30' }] })).toEqual([
      expect.objectContaining({ field: 'officeHours', code: 'end_before_start', params: { interval: 1, from: '11:30', to: '07:30' } }),
    ]);
    expect(await patch({ officeHours: [{ from: '7:30', to: '11:30' }] })).toEqual([
      expect.objectContaining({ field: 'officeHours[0].from', code: 'bad_time' }),
    ]);
    expect(await patch({ parentCode: 'H99' })).toEqual([expect.objectContaining({ field: 'parentCode', code: 'no_such_reference', params: { kind: 'agency' } })]);
    const cycle = await t.http.patch('/api/v1/agencies/H12.01').set(ADMIN).send({ parentCode: 'H12.01.05' });
    expectStatus(cycle, 400);
    expect(cycle.body.details).toEqual([expect.objectContaining({ field: 'parentCode', code: 'circular_parent' })]);
  });
});
