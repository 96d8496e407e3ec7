import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { ADMIN, act, as, eventsOf, expectStatus, getDossier, receive } from './support/dossier-api';

/**
 * api.md "Procedures" (versions, validation, diagram) and "Calendar" (exceptions as data; deadlines of open dossiers
 * recomputed on a change), domain.md "Working time".
 */

const HKD = '1.001193';
const SEEDED = ['1.000600', '1.000700', '1.000800', '1.000900', '1.001100', '1.001193'];

interface Procedure {
  code: string;
  version: number;
  name: string;
  processingTime: { value: number; unit: string };
  steps: { id: string; name: string; role: string; allotted: { value: number; unit: string } }[];
  [key: string]: unknown;
}

describe('procedures and the working calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const getProcedure = async (path: string): Promise<Procedure> => {
    const res = await t.http.get(`/api/v1/procedures/${path}`);
    expectStatus(res, 200);
    return res.body as Procedure;
  };
  /** A definition as POST takes it: what GET returns minus the server-assigned fields. */
  const definitionOf = (p: Procedure) => {
    const { version: _version, createdAt: _createdAt, ...definition } = p;
    return definition;
  };
  const publish = (body: unknown, headers = ADMIN) => t.http.post('/api/v1/procedures').set(headers).send(body as object);
  const problemFields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

  describe('procedures', () => {
    it('GET /procedures lists the six seeded procedures, each at its latest version', async () => {
      const res = await t.http.get('/api/v1/procedures');
      expectStatus(res, 200);
      const items = res.body.items as Procedure[];
      expect(items).toHaveLength(6);
      expect(items.map((p) => p.code).sort()).toEqual(SEEDED);
      for (const p of items) expect(p.version).toBe(1);
      const hkd = await getProcedure(HKD);
      expect(hkd).toMatchObject({
        code: HKD,
        version: 1,
        name: 'Đăng ký thành lập hộ kinh doanh',
        processingTime: { value: 3, unit: 'working_days' },
        supplementPolicy: 'restart',
      });
      expect(hkd.steps.map((s) => s.id)).toEqual(['receive', 'appraise', 'review', 'record', 'deliver']);
      expect((await getProcedure('1.000800')).supplementPolicy).toBe('pause');
    });

    it('GET /:code/diagram returns Mermaid text naming every step', async () => {
      for (const code of SEEDED) {
        const p = await getProcedure(code);
        const res = await t.http.get(`/api/v1/procedures/${code}/diagram`);
        expectStatus(res, 200);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.text).toMatch(/^flowchart /);
        for (const step of p.steps) expect(res.text).toContain(step.name);
      }
    });

    it('unknown code, unknown version → 404 in the error format', async () => {
      for (const path of ['9.999999', '9.999999/diagram', '9.999999/versions/1', `${HKD}/versions/99`]) {
        const res = await t.http.get(`/api/v1/procedures/${path}`);
        expectStatus(res, 404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found', message: expect.any(String) });
      }
      expectStatus(await t.http.get(`/api/v1/procedures/${HKD}/versions/one`), 400);
    });

    it('POST publishes version 2; a dossier received on version 1 keeps its steps, a new intake gets version 2', async () => {
      t.clock.set('2026-11-23T09:00:00+07:00');
      const old = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
      expect(old.procedureVersion).toBe(1);
      await act(t, old.id, { type: 'FORWARD' }, { at: '2026-11-23T09:10:00+07:00' });

      const v1 = await getProcedure(HKD);
      const v2Definition = {
        ...definitionOf(v1),
        steps: [
          { id: 'receive', name: 'Tiếp nhận hồ sơ (quy trình mới)', role: 'reception', allotted: { value: 4, unit: 'working_hours' } },
          { id: 'appraise', name: 'Thẩm định', role: 'specialist', allotted: { value: 12, unit: 'working_hours' } },
          { id: 'approve', name: 'Lãnh đạo phòng ký duyệt', role: 'leader', allotted: { value: 4, unit: 'working_hours' } },
          { id: 'hand_over', name: 'Trả kết quả', role: 'reception', allotted: { value: 2.5, unit: 'working_hours' } },
        ],
      };
      const res = await publish(v2Definition);
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ code: HKD, version: 2, steps: v2Definition.steps });

      const latest = await getProcedure(HKD);
      expect(latest.version).toBe(2);
      expect(latest.steps.map((s) => s.id)).toEqual(['receive', 'appraise', 'approve', 'hand_over']);
      const first = await getProcedure(`${HKD}/versions/1`);
      expect(first.version).toBe(1);
      expect(first.steps.map((s) => s.id)).toEqual(['receive', 'appraise', 'review', 'record', 'deliver']);
      const list = await t.http.get('/api/v1/procedures');
      expect(list.body.items).toHaveLength(6);
      expect((list.body.items as Procedure[]).find((p) => p.code === HKD)?.version).toBe(2);
      const diagram = await t.http.get(`/api/v1/procedures/${HKD}/diagram`);
      expect(diagram.text).toContain('Lãnh đạo phòng ký duyệt');

      // The old dossier goes on through version 1's steps, including those version 2 dropped.
      const trail: string[] = [];
      for (const at of ['2026-11-23T09:20:00+07:00', '2026-11-23T09:30:00+07:00', '2026-11-23T09:40:00+07:00']) {
        const d = await act(t, old.id, { type: 'FORWARD' }, { at });
        expect(d.procedureVersion).toBe(1);
        trail.push(`${d.currentStep?.id}:${d.currentStep?.name}`);
      }
      expect(trail).toEqual(['review:Trình ký', 'record:Vào sổ, đóng dấu', 'deliver:Trả kết quả']);
      const oldDone = await act(t, old.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-11-23T09:50:00+07:00' });
      expect(oldDone).toMatchObject({ status: 'result_ready', procedureVersion: 1, outcome: 'early' });

      const fresh = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T10:00:00+07:00' });
      expect(fresh).toMatchObject({
        procedureVersion: 2,
        dueAt: '2026-11-26T10:00:00+07:00',
        currentStep: { id: 'receive', name: 'Tiếp nhận hồ sơ (quy trình mới)' },
      });
      const steps: string[] = [];
      for (const at of ['2026-11-23T10:10:00+07:00', '2026-11-23T10:20:00+07:00', '2026-11-23T10:30:00+07:00']) {
        steps.push((await act(t, fresh.id, { type: 'FORWARD' }, { at })).currentStep?.id ?? '');
      }
      expect(steps).toEqual(['appraise', 'approve', 'hand_over']);
      // hand_over is version 2's last step: COMPLETE is allowed there.
      const freshDone = await act(t, fresh.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-11-23T10:40:00+07:00' });
      expect(freshDone.status).toBe('result_ready');
    });

    it('an invalid definition → 400 naming the field; nothing published', async () => {
      const base = definitionOf(await getProcedure(HKD));
      const step = (id: string, role = 'specialist', value = 4) => ({ id, name: `Bước ${id}`, role, allotted: { value, unit: 'working_hours' } });
      const cases: [string, unknown, string, string][] = [
        ['duplicate step id', { ...base, steps: [step('receive', 'reception'), step('receive')] }, 'steps[1].id', 'duplicate'],
        ['unknown role', { ...base, steps: [step('receive', 'janitor')] }, 'steps[0].role', 'not_allowed_value'],
        [
          'allotments exceeding the processing time',
          { ...base, processingTime: { value: 1, unit: 'working_days' }, steps: [step('receive', 'reception', 4), step('appraise', 'specialist', 4)] },
          'steps',
          'steps_exceed_processing_time',
        ],
        ['an unknown duration unit', { ...base, processingTime: { value: 3, unit: 'fortnights' } }, 'processingTime.unit', 'not_allowed_value'],
        ['no steps', { ...base, steps: [] }, 'steps', 'too_few_items'],
        ['a missing name', { ...base, name: undefined }, 'name', 'required'],
        ['a bad cut-off', { ...base, cutoff: '25:00' }, 'cutoff', 'bad_time'],
        ['a client-chosen version', { ...base, version: 7 }, 'version', 'unknown_field'],
      ];
      for (const [title, body, field, code] of cases) {
        const res = await publish(body);
        expectStatus(res, 400);
        expect(res.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
        expect({ title, fields: problemFields(res.body) }).toEqual({ title, fields: expect.arrayContaining([field]) });
        expect({ title, details: res.body.details }).toEqual({ title, details: expect.arrayContaining([expect.objectContaining({ field, code })]) });
      }
      expect((await getProcedure(HKD)).version).toBe(2);
    });

    it('only an administrator may publish (403)', async () => {
      const body = definitionOf(await getProcedure('1.000900'));
      for (const roles of ['reception', 'specialist', 'supervisor', 'leader,clerk']) {
        const res = await publish(body, as(roles, 'khong.phai.admin', 'H12.01'));
        expectStatus(res, 403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
      }
      expect((await getProcedure('1.000900')).version).toBe(1);
    });
  });

  describe('supplementPolicy of a new procedure', () => {
    it('defaults to pause when left out (domain.md); a supplement then pauses the clock and the dossier resumes at its step', async () => {
      t.clock.set('2026-11-23T09:00:00+07:00');
      const { supplementPolicy: _policy, ...definition } = definitionOf(await getProcedure(`${HKD}/versions/1`));
      const res = await publish({ ...definition, code: '2.000001', name: 'Thủ tục thử: chính sách bổ sung mặc định' });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ code: '2.000001', version: 1, supplementPolicy: 'pause' });
      expect((await getProcedure('2.000001')).supplementPolicy).toBe('pause');
      // The seeded procedure keeps what it was published with.
      expect((await getProcedure(`${HKD}/versions/1`)).supplementPolicy).toBe('restart');

      const d = await receive(t, { procedureCode: '2.000001', agencyCode: 'H12.01', at: '2026-11-23T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
      await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-23T09:10:00+07:00' });
      await act(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ', missingItems: ['Bản sao CCCD chủ hộ'] }, { at: '2026-11-23T10:00:00+07:00' });
      const back = await act(t, d.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-24T10:00:00+07:00' });
      // One working day waited moves dueAt one working day later (restart would give 27/11 10:00 and the first step).
      expect(back).toMatchObject({ status: 'processing', dueAt: '2026-11-27T09:00:00+07:00', currentStep: { id: 'appraise' } });
      const events = await eventsOf(t, d.id);
      expect(events.at(-1)).toMatchObject({ type: 'SUPPLEMENT_RECEIVED', data: { policy: 'pause' } });
      // Closed, so the calendar changes below recompute only their own open dossiers.
      await act(t, d.id, { type: 'WITHDRAW', note: 'Rút hồ sơ' }, { at: '2026-11-24T10:10:00+07:00' });
    });
  });

  describe('calendar', () => {
    it('GET /calendar/days shows the Tết 2026 break as not working and Monday 23/2 working', async () => {
      const res = await t.http.get('/api/v1/calendar/days').query({ from: '2026-02-13', to: '2026-02-23' });
      expectStatus(res, 200);
      const tet = 'Tết Nguyên đán Bính Ngọ';
      expect(res.body.items).toEqual([
        { date: '2026-02-13', working: true, note: null },
        { date: '2026-02-14', working: false, note: null },
        { date: '2026-02-15', working: false, note: null },
        { date: '2026-02-16', working: false, note: tet },
        { date: '2026-02-17', working: false, note: tet },
        { date: '2026-02-18', working: false, note: tet },
        { date: '2026-02-19', working: false, note: tet },
        { date: '2026-02-20', working: false, note: tet },
        { date: '2026-02-21', working: false, note: null },
        { date: '2026-02-22', working: false, note: null },
        { date: '2026-02-23', working: true, note: null },
      ]);
      // A make-up Saturday from the seeded data.
      const swap = await t.http.get('/api/v1/calendar/days').query({ from: '2026-01-10', to: '2026-01-10' });
      expect(swap.body.items).toEqual([{ date: '2026-01-10', working: true, note: expect.any(String) }]);
    });

    it('a new holiday and a working Saturday recompute the deadlines of open dossiers only', async () => {
      t.clock.set('2026-11-23T09:00:00+07:00');
      // LLTP, 10 working days: due Mon 7/12 09:00; verify step (4 working days) from Mon 10:00: Fri 27/11 10:00.
      const lltp = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.10' });
      expect(lltp.dueAt).toBe('2026-12-07T09:00:00+07:00');
      const verify = await act(t, lltp.id, { type: 'FORWARD' }, { at: '2026-11-23T10:00:00+07:00' });
      expect(verify.currentStep).toMatchObject({ id: 'verify', dueAt: '2026-11-27T10:00:00+07:00' });
      // HKD on version 2, 3 working days, still in its first step (due 15:00 today).
      t.clock.set('2026-11-23T09:00:00+07:00');
      const hkd = await receive(t, { procedureCode: HKD, agencyCode: 'H12.02' });
      expect(hkd).toMatchObject({ dueAt: '2026-11-26T09:00:00+07:00', currentStep: { id: 'receive', dueAt: '2026-11-23T15:00:00+07:00' } });
      // Birth registration due today 11:00: a holiday on Wednesday changes nothing.
      const ks = await receive(t, { procedureCode: '1.001100', agencyCode: 'H12.01.05' });
      expect(ks.dueAt).toBe('2026-11-23T11:00:00+07:00');
      const closedEventCounts = await Promise.all(
        (await t.http.get('/api/v1/dossiers').query({ status: 'result_ready' })).body.items.map(async (d: { id: string }) => [d.id, (await eventsOf(t, d.id)).length]),
      );
      expect(closedEventCounts.length).toBeGreaterThan(0);

      t.clock.set('2026-11-23T12:00:00+07:00');
      const holiday = await t.http.put('/api/v1/calendar/days/2026-11-25').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
      expectStatus(holiday, 200);
      expect(holiday.body).toMatchObject({ date: '2026-11-25', working: false, note: 'Nghỉ đột xuất', recomputedDossiers: 2 });

      expect(await getDossier(t, lltp.id)).toMatchObject({
        dueAt: '2026-12-08T09:00:00+07:00',
        currentStep: { id: 'verify', dueAt: '2026-11-30T10:00:00+07:00' },
      });
      expect(await getDossier(t, hkd.id)).toMatchObject({
        dueAt: '2026-11-27T09:00:00+07:00',
        currentStep: { id: 'receive', dueAt: '2026-11-23T15:00:00+07:00' },
      });
      expect((await getDossier(t, ks.id)).dueAt).toBe('2026-11-23T11:00:00+07:00');

      let events = await eventsOf(t, lltp.id);
      expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD', 'DEADLINE_RECOMPUTED']);
      expect(events[2]).toMatchObject({
        seq: 3,
        at: '2026-11-23T12:00:00+07:00',
        actor: { username: 'quan.tri' },
        fromStatus: 'processing',
        toStatus: 'processing',
        fromStep: 'verify',
        toStep: 'verify',
        stepDueAt: '2026-11-30T10:00:00+07:00',
        data: { reason: 'calendar_changed' },
      });
      const data = events[2].data as { previousDueAt: string; dueAt: string };
      expect(new Date(data.previousDueAt).getTime()).toBe(new Date('2026-12-07T09:00:00+07:00').getTime());
      expect(new Date(data.dueAt).getTime()).toBe(new Date('2026-12-08T09:00:00+07:00').getTime());
      expect((await eventsOf(t, hkd.id)).map((e) => e.type)).toEqual(['RECEIVE', 'DEADLINE_RECOMPUTED']);
      expect((await eventsOf(t, ks.id)).map((e) => e.type)).toEqual(['RECEIVE']);
      for (const [id, count] of closedEventCounts) expect((await eventsOf(t, id)).length).toBe(count);

      const week = await t.http.get('/api/v1/calendar/days').query({ from: '2026-11-23', to: '2026-11-29' });
      expect(week.body.items.map((d: { working: boolean }) => d.working)).toEqual([true, true, false, true, true, false, false]);
      expect(week.body.items[2]).toEqual({ date: '2026-11-25', working: false, note: 'Nghỉ đột xuất' });

      // A working Saturday (làm bù) on 28/11 gives the day back: LLTP due one working day earlier; the HKD deadline (Friday) is untouched.
      t.clock.set('2026-11-23T12:05:00+07:00');
      const saturday = await t.http.put('/api/v1/calendar/days/2026-11-28').set(ADMIN).send({ working: true, note: 'Làm bù' });
      expectStatus(saturday, 200);
      expect(saturday.body).toMatchObject({ date: '2026-11-28', working: true, note: 'Làm bù', recomputedDossiers: 1 });
      expect(await getDossier(t, lltp.id)).toMatchObject({
        dueAt: '2026-12-07T09:00:00+07:00',
        // Tue 24, Thu 26, Fri 27, Sat 28.
        currentStep: { id: 'verify', dueAt: '2026-11-28T10:00:00+07:00' },
      });
      expect((await getDossier(t, hkd.id)).dueAt).toBe('2026-11-27T09:00:00+07:00');
      events = await eventsOf(t, lltp.id);
      expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD', 'DEADLINE_RECOMPUTED', 'DEADLINE_RECOMPUTED']);
      expect(events[3]).toMatchObject({ seq: 4, at: '2026-11-23T12:05:00+07:00', stepDueAt: '2026-11-28T10:00:00+07:00' });
      expect((await eventsOf(t, hkd.id)).map((e) => e.type)).toEqual(['RECEIVE', 'DEADLINE_RECOMPUTED']);

      // A dossier received now uses the changed calendar too: Mon 14:00 + 3 working days (22.5 h) skips Wed 25/11:
      // Mon 14:00–17:00 (3 h), Tue (7.5 h), Thu (7.5 h), Fri 07:30–11:30 + 13:30–14:00 (4.5 h).
      const after = await receive(t, { procedureCode: HKD, agencyCode: 'H12.02', at: '2026-11-23T14:00:00+07:00' });
      expect(after.dueAt).toBe('2026-11-27T14:00:00+07:00');
      const sat = await receive(t, { procedureCode: HKD, agencyCode: 'H12.02', at: '2026-11-28T09:00:00+07:00' });
      // Received on the working Saturday: counts from then, Mon 30, Tue 1, Wed 2.
      expect(sat.dueAt).toBe('2026-12-02T09:00:00+07:00');
    });

    it('only an administrator may change the calendar; bad dates and bodies → 400', async () => {
      const forbidden = await t.http.put('/api/v1/calendar/days/2026-12-24').set(as('supervisor', 'giam.sat', 'H12')).send({ working: false, note: 'x' });
      expectStatus(forbidden, 403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
      const unchanged = await t.http.get('/api/v1/calendar/days').query({ from: '2026-12-24', to: '2026-12-24' });
      expect(unchanged.body.items).toEqual([{ date: '2026-12-24', working: true, note: null }]);

      for (const date of ['not-a-date', '2026-13-01', '2026-1-5', '2026-02-30', '2026-04-31']) {
        const res = await t.http.put(`/api/v1/calendar/days/${date}`).set(ADMIN).send({ working: false, note: 'x' });
        expect({ date, status: res.status }).toEqual({ date, status: 400 });
        expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
      }
      const noWorking = await t.http.put('/api/v1/calendar/days/2026-12-24').set(ADMIN).send({ note: 'x' });
      expectStatus(noWorking, 400);
      expect(problemFields(noWorking.body)).toContain('working');
      const wrongType = await t.http.put('/api/v1/calendar/days/2026-12-24').set(ADMIN).send({ working: 'no' });
      expect(problemFields(wrongType.body)).toContain('working');
      const extra = await t.http.put('/api/v1/calendar/days/2026-12-24').set(ADMIN).send({ working: false, foo: 1 });
      expect(problemFields(extra.body)).toContain('foo');

      const badRange = await t.http.get('/api/v1/calendar/days').query({ from: '2026-02-30x', to: '2026-03-01' });
      expectStatus(badRange, 400);
      expect(problemFields(badRange.body)).toContain('from');
      const reversed = await t.http.get('/api/v1/calendar/days').query({ from: '2026-03-02', to: '2026-03-01' });
      expectStatus(reversed, 400);
      expect(problemFields(reversed.body)).toContain('to');
      expect(reversed.body.details).toEqual([{ field: 'to', reason: 'must not be before from', code: 'end_before_start' }]);
      expect(wrongType.body.details).toContainEqual(expect.objectContaining({ field: 'working', code: 'not_a_boolean' }));
      expect(extra.body.details).toContainEqual(expect.objectContaining({ field: 'foo', code: 'unknown_field' }));
    });
  });

  it('GET /health → 200', async () => {
    const res = await t.http.get('/health');
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });
});
