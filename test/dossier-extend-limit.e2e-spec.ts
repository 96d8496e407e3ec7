import { act, eventsOf, expectStatus, getDossier, receive, send } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * EXTEND sets a real new appointment: at most the procedure's processing time (times EXTEND_MAX_FACTOR) past the
 * current dueAt, in the procedure's own unit on the agency's calendar. Beyond it, 400 `extension_too_long` with the latest allowed.
 * And it is sent in time: at least EXTENSION_LEAD_WORKING_DAYS working days before dueAt, else 400 `extension_too_late`.
 */
describe('EXTEND: an upper bound', () => {
  describe('default factor 1', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('2026-12-07T09:00:00+07:00');
    });
    afterAll(async () => {
      await t?.close();
    });

    // December 2026 has no holiday before Christmas week: the dates below are plain Monday–Friday arithmetic.
    it('1.001193 (3 working days): at most 3 working days past dueAt, the weekend skipped', async () => {
      const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-12-07T09:00:00+07:00' });
      // Thursday 09:00; three working days on is Tuesday 09:00.
      expect(d.dueAt).toBe('2026-12-10T09:00:00+07:00');
      for (const extendedDueAt of ['2026-12-15T09:01:00+07:00', '2026-12-15T02:00:01Z', '2999-01-01T09:00:00+07:00']) {
        const res = await send(t, d.id, { type: 'EXTEND', extendedDueAt, reason: 'Cần xác minh thêm' }, { at: '2026-12-08T10:00:00+07:00' });
        expectStatus(res, 400);
        expect(res.body.details).toEqual([
          { field: 'extendedDueAt', code: 'extension_too_long', params: { max: '2026-12-15T09:00:00+07:00' }, reason: expect.stringContaining('2026-12-15T09:00:00+07:00') },
        ]);
      }
      expect((await getDossier(t, d.id)).extendedDueAt).toBeNull();
      // The latest allowed time itself is accepted.
      const v = await act(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-15T09:00:00+07:00', reason: 'Cần xác minh thêm' });
      expect(v).toMatchObject({ extendedDueAt: '2026-12-15T09:00:00+07:00', dueAt: '2026-12-10T09:00:00+07:00' });
      expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE', 'EXTEND']);
    });

    it('an online dossier counts with the online processing time (1.000600: 8 working days online, 10 direct)', async () => {
      const online = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.01', channel: 'online', at: '2026-11-30T09:00:00+07:00' });
      const direct = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.01', channel: 'direct', at: '2026-11-30T09:00:00+07:00' });
      const maxOf = async (id: string) => {
        const res = await send(t, id, { type: 'EXTEND', extendedDueAt: '2027-06-30T17:00:00+07:00', reason: 'Chờ xác minh' });
        expectStatus(res, 400);
        return res.body.details[0].params.max as string;
      };
      // dueAt + 8 and + 10 working days, both from a 09:00 appointment.
      expect(online.dueAt).toBe('2026-12-10T09:00:00+07:00');
      expect(await maxOf(online.id)).toBe('2026-12-22T09:00:00+07:00');
      expect(direct.dueAt).toBe('2026-12-14T09:00:00+07:00');
      expect(await maxOf(direct.id)).toBe('2026-12-28T09:00:00+07:00');
    });
  });

  describe('lead time: at least EXTENSION_LEAD_WORKING_DAYS (default 1) working days before dueAt', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('2026-12-07T09:00:00+07:00');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses an apology sent less than one working day before dueAt (400 extension_too_late), accepts one exactly at the limit', async () => {
      const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-12-07T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-10T09:00:00+07:00');
      const body = { type: 'EXTEND', extendedDueAt: '2026-12-14T09:00:00+07:00', reason: 'Cần xác minh thêm' };
      const tooLate = await send(t, d.id, body, { at: '2026-12-09T09:01:00+07:00' });
      expectStatus(tooLate, 400);
      expect(tooLate.body.details).toEqual([
        { field: 'extendedDueAt', code: 'extension_too_late', params: { latest: '2026-12-09T09:00:00+07:00' }, reason: expect.stringContaining('2026-12-09T09:00:00+07:00') },
      ]);
      expect(await getDossier(t, d.id)).toMatchObject({ version: 1, extendedDueAt: null });
      // Exactly one working day before dueAt: accepted.
      const v = await act(t, d.id, body, { at: '2026-12-09T09:00:00+07:00' });
      expect(v).toMatchObject({ extendedDueAt: '2026-12-14T09:00:00+07:00', dueAt: '2026-12-10T09:00:00+07:00' });
      expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE', 'EXTEND']);
    });

    it("counts the lead in working days of the agency's calendar: due Monday 09:00, the last moment is Friday 09:00", async () => {
      const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-12-09T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-14T09:00:00+07:00');
      const body = { type: 'EXTEND', extendedDueAt: '2026-12-16T09:00:00+07:00', reason: 'Cần xác minh thêm' };
      // Friday 09:01 is more than 24 hours before Monday 09:00, but less than one working day.
      for (const at of ['2026-12-11T09:01:00+07:00', '2026-12-12T10:00:00+07:00', '2026-12-14T08:00:00+07:00']) {
        const res = await send(t, d.id, body, { at });
        expectStatus(res, 400);
        expect(res.body.details[0]).toMatchObject({ field: 'extendedDueAt', code: 'extension_too_late', params: { latest: '2026-12-11T09:00:00+07:00' } });
      }
      const v = await act(t, d.id, body, { at: '2026-12-11T09:00:00+07:00' });
      expect(v.extendedDueAt).toBe('2026-12-16T09:00:00+07:00');
    });
  });

  describe('EXTENSION_LEAD_WORKING_DAYS=0', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ now: '2026-12-07T09:00:00+07:00', env: { EXTENSION_LEAD_WORKING_DAYS: '0' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('allows an apology until dueAt', async () => {
      const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-12-07T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-10T09:00:00+07:00');
      const v = await act(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-14T09:00:00+07:00', reason: 'Cần xác minh thêm' }, { at: '2026-12-10T08:59:00+07:00' });
      expect(v).toMatchObject({ extendedDueAt: '2026-12-14T09:00:00+07:00', dueAt: '2026-12-10T09:00:00+07:00' });
    });

    // A 2-working-hour procedure can never be extended a working day ahead: its upper bound is checked without a lead time.
    it('1.001100 (2 working hours): at most 2 working hours more, over the lunch break', async () => {
      const d = await receive(t, { procedureCode: '1.001100', agencyCode: 'H12.01', at: '2026-12-07T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-07T11:00:00+07:00');
      // 11:00 + 2 working hours: 30 minutes to 11:30, then 13:30 + 1.5 h.
      const tooLate = await send(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-07T15:01:00+07:00', reason: 'Chờ xác minh' }, { at: '2026-12-07T10:00:00+07:00' });
      expectStatus(tooLate, 400);
      expect(tooLate.body.details[0]).toMatchObject({ field: 'extendedDueAt', code: 'extension_too_long', params: { max: '2026-12-07T15:00:00+07:00' } });
      await act(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-07T15:00:00+07:00', reason: 'Chờ xác minh' });
    });
  });

  describe('EXTEND_MAX_FACTOR=2', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ now: '2026-12-07T09:00:00+07:00', env: { EXTEND_MAX_FACTOR: '2' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('allows twice the processing time past dueAt', async () => {
      const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
      expect(d.dueAt).toBe('2026-12-10T09:00:00+07:00');
      const res = await send(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-18T09:01:00+07:00', reason: 'Cần xác minh thêm' }, { at: '2026-12-08T10:00:00+07:00' });
      expectStatus(res, 400);
      expect(res.body.details[0].params).toEqual({ max: '2026-12-18T09:00:00+07:00' });
      const v = await act(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-18T09:00:00+07:00', reason: 'Cần xác minh thêm' });
      expect(v.extendedDueAt).toBe('2026-12-18T09:00:00+07:00');
    });
  });
});
