import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { ADMIN, act, applicant, as, assigneesOf, eventsOf, expectFieldError, expectStatus, getDossier, receive, send } from './support/dossier-api';

/**
 * domain.md "Supplement, suspension, extension", "Classifying a finished dossier" and api.md back-dating rules.
 * Office hours 07:30–11:30, 13:30–17:00 (450 working minutes a day), Mon–Fri; 2026-11-23 is a Monday, no holiday in Nov–Dec 2026.
 */

const HKD = '1.001193'; // 3 working days, restart; receive 4 h → appraise 12 h → review 4 h → record 1.5 h → deliver 1 h
const LAND = '1.000800'; // 10 working days, supplementPolicy 'pause'; receive 4 h → appraise 4 d → update 2 d → sign 2 d → deliver 1 d

describe('dossier deadlines: supplement, suspension, extension, withdrawal, back-dating', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('supplement', () => {
    it('restart: dueAt = arrival + the full processing time, back to the first step', async () => {
      const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
      await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-23T10:00:00+07:00' });
      const waiting = await act(
        t,
        d.id,
        { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ', missingItems: ['Bản sao CCCD chủ hộ'] },
        { at: '2026-11-23T11:00:00+07:00' },
      );
      expect(waiting).toMatchObject({ status: 'awaiting_supplement', nationalStatusCode: 5, supplementCount: 1 });

      // Arrives Wed 14:00: + 3 working days = Mon 30/11 14:00; the receive step again: 14:00–17:00 + Thu 07:30–08:30.
      const back = await act(t, d.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-25T14:00:00+07:00', headers: as('reception', 'mot.cua', 'H12.01') });
      expect(back).toMatchObject({
        status: 'processing',
        nationalStatusCode: 4,
        supplementCount: 1,
        receivedAt: '2026-11-23T09:00:00+07:00',
        dueAt: '2026-11-30T14:00:00+07:00',
        currentStep: { id: 'receive', assigneeId: null, startedAt: '2026-11-25T14:00:00+07:00', dueAt: '2026-11-26T08:30:00+07:00' },
      });
      const events = await eventsOf(t, d.id);
      expect(events[events.length - 1]).toMatchObject({
        type: 'SUPPLEMENT_RECEIVED',
        at: '2026-11-25T14:00:00+07:00',
        fromStatus: 'awaiting_supplement',
        toStatus: 'processing',
        fromStep: 'appraise',
        toStep: 'receive',
        stepDueAt: '2026-11-26T08:30:00+07:00',
        data: { policy: 'restart' },
      });
      const data = events[events.length - 1].data as { previousDueAt: string; dueAt: string };
      expect(new Date(data.previousDueAt).getTime()).toBe(new Date('2026-11-26T09:00:00+07:00').getTime());
      expect(new Date(data.dueAt).getTime()).toBe(new Date('2026-11-30T14:00:00+07:00').getTime());

      // A second supplement arriving after hours restarts from the next opening: Fri 07:30 + 3 working days = Tue 1/12 17:00.
      await act(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu biên bản họp', missingItems: ['Biên bản họp gia đình'] }, { at: '2026-11-26T10:00:00+07:00' });
      const again = await act(t, d.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-26T18:00:00+07:00' });
      expect(again).toMatchObject({
        supplementCount: 2,
        dueAt: '2026-12-01T17:00:00+07:00',
        currentStep: { id: 'receive', startedAt: '2026-11-27T07:30:00+07:00', dueAt: '2026-11-27T11:30:00+07:00' },
      });
    });

    it('pause (1.000800): dueAt moves later by exactly the working time waited; resumes at the same step', async () => {
      const d = await receive(t, { procedureCode: LAND, agencyCode: 'H12.02', at: '2026-11-23T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-07T09:00:00+07:00');
      const appraise = await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-23T10:00:00+07:00' });
      expect(appraise.currentStep).toMatchObject({ id: 'appraise', startedAt: '2026-11-23T10:00:00+07:00', dueAt: '2026-11-27T10:00:00+07:00' });

      await act(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'Nộp bổ sung hợp đồng', missingItems: ['Hợp đồng chuyển nhượng'] }, { at: '2026-11-24T10:00:00+07:00' });
      // Waited Tue 10:00 → Thu 10:00 = 2 working days = 900 working minutes.
      const back = await act(t, d.id, { type: 'SUPPLEMENT_RECEIVED' }, { at: '2026-11-26T10:00:00+07:00' });
      expect(back).toMatchObject({
        status: 'processing',
        supplementCount: 1,
        dueAt: '2026-12-09T09:00:00+07:00',
        currentStep: { id: 'appraise', startedAt: '2026-11-23T10:00:00+07:00', dueAt: '2026-12-01T10:00:00+07:00' },
      });
      const events = await eventsOf(t, d.id);
      expect(events[events.length - 1]).toMatchObject({
        type: 'SUPPLEMENT_RECEIVED',
        fromStep: 'appraise',
        toStep: 'appraise',
        stepDueAt: '2026-12-01T10:00:00+07:00',
        data: { policy: 'pause' },
      });
    });
  });

  describe('suspension', () => {
    it('financial_obligation → national code 6; RESUME adds the paused working time to dueAt and the step deadline', async () => {
      const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T08:00:00+07:00' });
      expect(d).toMatchObject({ dueAt: '2026-11-26T08:00:00+07:00', currentStep: { id: 'receive', dueAt: '2026-11-23T14:00:00+07:00' } });

      const suspended = await act(t, d.id, { type: 'SUSPEND', reason: 'financial_obligation', note: 'Chờ nộp lệ phí' }, { at: '2026-11-23T09:00:00+07:00' });
      expect(suspended).toMatchObject({
        status: 'suspended',
        nationalStatusCode: 6,
        suspendReason: 'financial_obligation',
        dueAt: '2026-11-26T08:00:00+07:00',
      });

      // Mon 09:00 → Tue 09:00 = 450 working minutes = one working day.
      const resumed = await act(t, d.id, { type: 'RESUME' }, { at: '2026-11-24T09:00:00+07:00' });
      expect(resumed).toMatchObject({
        status: 'processing',
        nationalStatusCode: 4,
        suspendReason: null,
        dueAt: '2026-11-27T08:00:00+07:00',
        currentStep: { id: 'receive', startedAt: '2026-11-23T08:00:00+07:00', dueAt: '2026-11-24T14:00:00+07:00' },
      });
      const events = await eventsOf(t, d.id);
      expect(events.slice(1).map((e) => [e.type, e.fromStatus, e.toStatus, e.fromStep, e.toStep, e.stepDueAt])).toEqual([
        ['SUSPEND', 'processing', 'suspended', 'receive', 'receive', '2026-11-23T14:00:00+07:00'],
        ['RESUME', 'suspended', 'processing', 'receive', 'receive', '2026-11-24T14:00:00+07:00'],
      ]);
      expect(events[1]).toMatchObject({ note: 'Chờ nộp lệ phí', data: { reason: 'financial_obligation' } });
    });

    it('reason other → national code 8; a suspension over a weekend counts only working time', async () => {
      const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-26T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-12-01T09:00:00+07:00');
      const appraise = await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-26T10:00:00+07:00' });
      // 12 h: Thu 10:00–11:30, 13:30–17:00 (5 h) + Fri 07:30–11:30, 13:30–16:30 (7 h).
      expect(appraise.currentStep).toMatchObject({ id: 'appraise', dueAt: '2026-11-27T16:30:00+07:00' });

      const suspended = await act(t, d.id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-27T15:00:00+07:00' });
      expect(suspended).toMatchObject({ status: 'suspended', nationalStatusCode: 8, suspendReason: 'other' });

      // Fri 15:00 → Mon 10:00: 120 + 150 = 270 working minutes (the weekend does not count).
      const resumed = await act(t, d.id, { type: 'RESUME' }, { at: '2026-11-30T10:00:00+07:00' });
      expect(resumed).toMatchObject({
        status: 'processing',
        // Tue 09:00 + 270 min: 09:00–11:30 (150) + 13:30–15:30 (120).
        dueAt: '2026-12-01T15:30:00+07:00',
        // Fri 16:30 + 270 min: 16:30–17:00 (30) + Mon 07:30–11:30 (240), ending at the morning close.
        currentStep: { id: 'appraise', dueAt: '2026-11-30T11:30:00+07:00' },
      });
    });
  });

  describe('extension (apology)', () => {
    it('requires a reason and an extendedDueAt later than dueAt; statistics keep using dueAt', async () => {
      const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T09:00:00+07:00' });
      expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
      // More than the lead time (EXTENSION_LEAD_WORKING_DAYS, 1 working day) before dueAt: the apology may still be sent.
      t.clock.set('2026-11-25T08:00:00+07:00');

      expectFieldError(await send(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-11-30T09:00:00+07:00' }), 'reason');
      expectFieldError(await send(t, d.id, { type: 'EXTEND', reason: 'Chờ xác minh' }), 'extendedDueAt');
      expectFieldError(await send(t, d.id, { type: 'EXTEND', reason: 'Chờ xác minh', extendedDueAt: '2026-11-26T09:00:00+07:00' }), 'extendedDueAt');
      expectFieldError(await send(t, d.id, { type: 'EXTEND', reason: 'Chờ xác minh', extendedDueAt: '2026-11-25T17:00:00+07:00' }), 'extendedDueAt');
      expectFieldError(await send(t, d.id, { type: 'EXTEND', reason: 'Chờ xác minh', extendedDueAt: '2026-11-30T09:00:00' }), 'extendedDueAt');
      expect((await getDossier(t, d.id)).version).toBe(1);

      const extended = await act(t, d.id, { type: 'EXTEND', reason: 'Chờ ý kiến cơ quan thuế', extendedDueAt: '2026-11-30T09:00:00+07:00' });
      expect(extended).toMatchObject({ extendedDueAt: '2026-11-30T09:00:00+07:00', dueAt: '2026-11-26T09:00:00+07:00', status: 'processing' });
      const events = await eventsOf(t, d.id);
      expect(events[1]).toMatchObject({ type: 'EXTEND', data: { reason: 'Chờ ý kiến cơ quan thuế' } });

      for (const at of ['2026-11-25T10:10:00+07:00', '2026-11-25T10:20:00+07:00', '2026-11-25T10:30:00+07:00', '2026-11-25T10:40:00+07:00']) {
        await act(t, d.id, { type: 'FORWARD' }, { at });
      }
      // Past dueAt but before extendedDueAt: overdue all the same.
      t.clock.set('2026-11-26T10:00:00+07:00');
      expect(await getDossier(t, d.id)).toMatchObject({ overdue: true, extendedDueAt: '2026-11-30T09:00:00+07:00' });
      const done = await act(t, d.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-11-27T10:00:00+07:00' });
      expect(done).toMatchObject({ status: 'result_ready', finishedAt: '2026-11-27T10:00:00+07:00', outcome: 'overdue' });
    });
  });

  describe('withdrawal', () => {
    const cases: [string, (id: string) => Promise<unknown>][] = [
      ['processing', async () => undefined],
      [
        'awaiting_supplement',
        (id) => act(t, id, { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung', missingItems: ['Giấy đề nghị'] }, { at: '2026-11-23T10:00:00+07:00' }),
      ],
      ['suspended', (id) => act(t, id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-23T10:00:00+07:00' })],
    ];
    it.each(cases)('from %s → withdrawn, national code 7, no further event allowed', async (from, prepare) => {
      const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.02', at: '2026-11-23T09:00:00+07:00' });
      await prepare(d.id);
      expect((await getDossier(t, d.id)).status).toBe(from);
      const w = await act(t, d.id, { type: 'WITHDRAW', note: 'Công dân xin rút' }, { at: '2026-11-23T11:00:00+07:00', headers: as('reception', 'mot.cua', 'H12.02') });
      expect(w).toMatchObject({
        status: 'withdrawn',
        nationalStatusCode: 7,
        withdrawnAt: '2026-11-23T11:00:00+07:00',
        currentStep: null,
        finishedAt: null,
        outcome: null,
        allowedEvents: [],
      });
      for (const body of [{ type: 'FORWARD' }, { type: 'RESUME' }, { type: 'SUPPLEMENT_RECEIVED' }, { type: 'WITHDRAW' }]) {
        const res = await send(t, d.id, body);
        expectStatus(res, 409);
        expect(res.body).toMatchObject({ statusCode: 409, error: 'event_not_allowed', details: { allowed: [] } });
      }
      const events = await eventsOf(t, d.id);
      expect(events[events.length - 1]).toMatchObject({ type: 'WITHDRAW', fromStatus: from, toStatus: 'withdrawn', toStep: null, note: 'Công dân xin rút' });
    });
  });

  describe('back-dating (imports)', () => {
    const body = (receivedAt: string, agencyCode = 'H12.02.03') => ({ procedureCode: HKD, agencyCode, channel: 'direct', applicant: applicant(), receivedAt });

    beforeAll(() => t.clock.set('2026-11-23T09:00:00+07:00'));

    it('receivedAt from a non-admin → 403; in the future → 400', async () => {
      const forbidden = await t.http.post('/api/v1/dossiers').set(as('reception', 'mot.cua', 'H12.02.03')).send(body('2026-11-02T10:00:00+07:00'));
      expectStatus(forbidden, 403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'forbidden', message: expect.any(String) });

      expectFieldError(await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-23T09:00:01+07:00')), 'receivedAt');
      expectFieldError(await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-24T09:00:00+07:00')), 'receivedAt');
    });

    it('admin back-dating works; the dossier code uses the back-dated LOCAL date', async () => {
      const res = await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-02T10:00:00+07:00'));
      expectStatus(res, 201);
      expect(res.body).toMatchObject({
        code: 'H12.02.03-261102-0001',
        receivedAt: '2026-11-02T10:00:00+07:00',
        dueAt: '2026-11-05T10:00:00+07:00',
        // Now (23/11) is long past its due date.
        overdue: true,
      });
      const events = await eventsOf(t, res.body.id);
      expect(events[0]).toMatchObject({ type: 'RECEIVE', at: '2026-11-02T10:00:00+07:00', actor: { username: 'quan.tri' } });

      // 06:00 on 3/11 local is still 2/11 in UTC: the code must carry 261103.
      const early = await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-03T06:00:00+07:00'));
      expectStatus(early, 201);
      expect(early.body.code).toBe('H12.02.03-261103-0001');
      // Given in UTC: 23:30Z on 3/11 is 06:30 on 4/11 local.
      const utc = await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-03T23:30:00Z'));
      expectStatus(utc, 201);
      expect(utc.body).toMatchObject({ code: 'H12.02.03-261104-0001', receivedAt: '2026-11-04T06:30:00+07:00' });
    });

    it('occurredAt: admin only, never in the future, not earlier than the last transition', async () => {
      const res = await t.http.post('/api/v1/dossiers').set(ADMIN).send(body('2026-11-09T10:00:00+07:00'));
      expectStatus(res, 201);
      const id = res.body.id as string;

      const forbidden = await send(t, id, { type: 'FORWARD', occurredAt: '2026-11-10T08:00:00+07:00' }, { headers: as('specialist', 'chuyen.vien', 'H12.02.03') });
      expectStatus(forbidden, 403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
      expectFieldError(await send(t, id, { type: 'FORWARD', occurredAt: '2026-11-23T09:30:00+07:00' }, { headers: ADMIN }), 'occurredAt');
      // Before the intake itself.
      expectFieldError(await send(t, id, { type: 'FORWARD', occurredAt: '2026-11-09T09:00:00+07:00' }, { headers: ADMIN }), 'occurredAt');

      const forwarded = await act(t, id, { type: 'FORWARD', occurredAt: '2026-11-10T08:00:00+07:00' }, { headers: ADMIN });
      // appraise, 12 working hours from Tue 10/11 08:00: 7 h that day, then Wed 07:30–11:30 (4 h) + 13:30–14:30 (1 h).
      expect(forwarded.currentStep).toMatchObject({ id: 'appraise', startedAt: '2026-11-10T08:00:00+07:00', dueAt: '2026-11-11T14:30:00+07:00' });
      expectFieldError(await send(t, id, { type: 'FORWARD', occurredAt: '2026-11-09T11:00:00+07:00' }, { headers: ADMIN }), 'occurredAt');
      expectFieldError(await send(t, id, { type: 'FORWARD', occurredAt: '2026-11-10T07:59:59+07:00' }, { headers: ADMIN }), 'occurredAt');
      // The same instant as the last transition is fine.
      // To the specialist of H12.02.03 the refused request above signed in as.
      const [specialist] = await assigneesOf(t, id);
      expect(specialist.username).toBe('chuyen.vien');
      await act(t, id, { type: 'ASSIGN', assigneeId: specialist.id, occurredAt: '2026-11-10T08:00:00+07:00' }, { headers: ADMIN });

      const events = await eventsOf(t, id);
      expect(events.map((e) => [e.seq, e.type, e.at])).toEqual([
        [1, 'RECEIVE', '2026-11-09T10:00:00+07:00'],
        [2, 'FORWARD', '2026-11-10T08:00:00+07:00'],
        [3, 'ASSIGN', '2026-11-10T08:00:00+07:00'],
      ]);
    });
  });
});
