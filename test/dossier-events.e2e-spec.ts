import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { type Dossier, accountId, act, eventsOf, expectFieldError, expectStatus, getDossier, receive, send } from './support/dossier-api';

/**
 * domain.md "Events on a dossier": each event where the machine allows it (200) and where it does not
 * (409 `event_not_allowed` with `details.allowed` = the dossier's allowedEvents), plus the required fields.
 * Procedure 1.001193 (5 steps: receive → appraise → review → record → deliver, 3 working days).
 */

// Sent where the state refuses them (409 before any field is looked at); the ASSIGN and EXTEND that succeed below use real values.
const ALL_EVENTS: Record<string, Record<string, unknown>> = {
  FORWARD: { type: 'FORWARD' },
  RETURN: { type: 'RETURN', note: 'Thiếu chữ ký' },
  ASSIGN: { type: 'ASSIGN', assigneeId: '00000000-0000-4000-8000-000000000001' },
  REQUEST_SUPPLEMENT: { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung giấy tờ', missingItems: ['Bản sao CCCD'] },
  SUPPLEMENT_RECEIVED: { type: 'SUPPLEMENT_RECEIVED' },
  SUSPEND: { type: 'SUSPEND', reason: 'other' },
  RESUME: { type: 'RESUME' },
  EXTEND: { type: 'EXTEND', extendedDueAt: '2026-11-30T09:00:00+07:00', reason: 'Cần xác minh thêm' },
  COMPLETE: { type: 'COMPLETE', resultType: 'approved' },
  DELIVER: { type: 'DELIVER' },
  WITHDRAW: { type: 'WITHDRAW', note: 'Công dân rút hồ sơ' },
};

const FIRST_STEP = ['FORWARD', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'];
const MIDDLE_STEP = ['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'];
const LAST_STEP = ['RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'COMPLETE', 'WITHDRAW'];

describe('dossier events: allowed and refused', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const newDossier = (at = '2026-11-23T09:00:00+07:00') => receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at });

  /** 409 with the allowed list equal to what the dossier itself advertises, and nothing written. */
  async function expectRefused(id: string, body: Record<string, unknown>, at?: string): Promise<string[]> {
    if (at) t.clock.set(at);
    const before = await getDossier(t, id);
    const res = await send(t, id, body);
    expectStatus(res, 409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'event_not_allowed',
      message: expect.any(String),
      details: { allowed: before.allowedEvents },
    });
    expect(before.allowedEvents).not.toContain(body.type);
    const after = await getDossier(t, id);
    expect(after).toEqual(before);
    return res.body.details.allowed as string[];
  }

  it('walks forward and back through the steps; refuses RETURN at the first step and COMPLETE before the last', async () => {
    const d = await newDossier();
    expect(d.allowedEvents).toEqual(FIRST_STEP);

    expect(await expectRefused(d.id, ALL_EVENTS.RETURN)).toEqual(FIRST_STEP);
    await expectRefused(d.id, ALL_EVENTS.COMPLETE);
    await expectRefused(d.id, ALL_EVENTS.DELIVER);
    await expectRefused(d.id, ALL_EVENTS.RESUME);
    await expectRefused(d.id, ALL_EVENTS.SUPPLEMENT_RECEIVED);

    // ASSIGN: to an officer of the step (the demo desk officer of H12.01).
    const desk = await accountId(t, 'reception');
    let v = await act(t, d.id, { type: 'ASSIGN', assigneeId: desk }, { at: '2026-11-23T09:10:00+07:00' });
    expect(v.currentStep).toMatchObject({ id: 'receive', assigneeId: desk });
    expect(v.status).toBe('processing');
    expectFieldError(await send(t, d.id, { type: 'ASSIGN' }), 'assigneeId');

    v = await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T09:20:00+07:00' });
    expect(v.currentStep).toMatchObject({ id: 'appraise', assigneeId: null });
    expect(v.allowedEvents).toEqual(MIDDLE_STEP);

    // RETURN requires a note.
    expectFieldError(await send(t, d.id, { type: 'RETURN' }), 'note');
    expectFieldError(await send(t, d.id, { type: 'RETURN', note: '   ' }), 'note');
    v = await act(t, d.id, { type: 'RETURN', note: 'Thiếu bản sao giấy tờ pháp lý' }, { at: '2026-11-23T09:30:00+07:00' });
    expect(v.currentStep).toMatchObject({ id: 'receive', startedAt: '2026-11-23T09:30:00+07:00' });
    expect(v.allowedEvents).toEqual(FIRST_STEP);

    v = await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T09:40:00+07:00' });
    v = await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T10:00:00+07:00' });
    expect(v.currentStep?.id).toBe('review');
    await expectRefused(d.id, ALL_EVENTS.COMPLETE);
    v = await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T10:10:00+07:00' });
    v = await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T10:20:00+07:00' });
    expect(v.currentStep?.id).toBe('deliver');
    expect(v.allowedEvents).toEqual(LAST_STEP);
    expect(await expectRefused(d.id, ALL_EVENTS.FORWARD)).toEqual(LAST_STEP);

    // COMPLETE requires a result type.
    expectFieldError(await send(t, d.id, { type: 'COMPLETE' }), 'resultType');
    v = await act(t, d.id, ALL_EVENTS.COMPLETE, { at: '2026-11-23T10:30:00+07:00' });
    expect(v).toMatchObject({ status: 'result_ready', allowedEvents: ['DELIVER'], currentStep: null });
    expect(await expectRefused(d.id, ALL_EVENTS.FORWARD)).toEqual(['DELIVER']);
    await expectRefused(d.id, ALL_EVENTS.WITHDRAW);
    await expectRefused(d.id, ALL_EVENTS.COMPLETE);

    v = await act(t, d.id, ALL_EVENTS.DELIVER, { at: '2026-11-23T10:40:00+07:00' });
    expect(v).toMatchObject({ status: 'returned', allowedEvents: [] });
    for (const body of Object.values(ALL_EVENTS)) expect(await expectRefused(d.id, body)).toEqual([]);

    // Refused events left no trace in the history.
    const events = await eventsOf(t, d.id);
    expect(events.map((e) => e.type)).toEqual([
      'RECEIVE',
      'ASSIGN',
      'FORWARD',
      'RETURN',
      'FORWARD',
      'FORWARD',
      'FORWARD',
      'FORWARD',
      'COMPLETE',
      'DELIVER',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events[1]).toMatchObject({ fromStep: 'receive', toStep: 'receive', data: { assigneeId: desk } });
    expect(events[3]).toMatchObject({ fromStep: 'appraise', toStep: 'receive', note: 'Thiếu bản sao giấy tờ pháp lý' });
  });

  it('REQUEST_SUPPLEMENT needs a note and missing items; while awaiting only SUPPLEMENT_RECEIVED, EXTEND and WITHDRAW', async () => {
    const d = await newDossier();
    await act(t, d.id, ALL_EVENTS.FORWARD, { at: '2026-11-23T09:30:00+07:00' });
    expectFieldError(await send(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung' }), 'missingItems');
    expectFieldError(await send(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'Bổ sung', missingItems: [] }), 'missingItems');
    expectFieldError(await send(t, d.id, { type: 'REQUEST_SUPPLEMENT', missingItems: ['Bản sao CCCD'] }), 'note');

    const v = await act(t, d.id, ALL_EVENTS.REQUEST_SUPPLEMENT, { at: '2026-11-23T10:00:00+07:00' });
    expect(v).toMatchObject({ status: 'awaiting_supplement', nationalStatusCode: 5, supplementCount: 1 });
    expect(v.allowedEvents).toEqual(['SUPPLEMENT_RECEIVED', 'EXTEND', 'WITHDRAW']);
    for (const type of ['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'RESUME', 'COMPLETE', 'DELIVER']) {
      await expectRefused(d.id, ALL_EVENTS[type]);
    }
    const back = await act(t, d.id, ALL_EVENTS.SUPPLEMENT_RECEIVED, { at: '2026-11-24T09:00:00+07:00' });
    expect(back.status).toBe('processing');
    const events = await eventsOf(t, d.id);
    expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_RECEIVED']);
    expect(events[2]).toMatchObject({ fromStatus: 'processing', toStatus: 'awaiting_supplement', note: 'Bổ sung giấy tờ', data: { missingItems: ['Bản sao CCCD'] } });
  });

  it('SUSPEND needs a known reason; while suspended only RESUME, EXTEND and WITHDRAW (FORWARD refused)', async () => {
    const d = await newDossier();
    expectFieldError(await send(t, d.id, { type: 'SUSPEND' }), 'reason');
    expectFieldError(await send(t, d.id, { type: 'SUSPEND', reason: 'holiday' }), 'reason');

    const v = await act(t, d.id, { type: 'SUSPEND', reason: 'financial_obligation' }, { at: '2026-11-23T10:00:00+07:00' });
    expect(v).toMatchObject({ status: 'suspended', nationalStatusCode: 6, suspendReason: 'financial_obligation' });
    expect(v.allowedEvents).toEqual(['RESUME', 'EXTEND', 'WITHDRAW']);
    expect(await expectRefused(d.id, ALL_EVENTS.FORWARD)).toEqual(['RESUME', 'EXTEND', 'WITHDRAW']);
    for (const type of ['RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_RECEIVED', 'SUSPEND', 'COMPLETE', 'DELIVER']) {
      await expectRefused(d.id, ALL_EVENTS[type]);
    }
    const back = await act(t, d.id, ALL_EVENTS.RESUME, { at: '2026-11-23T11:00:00+07:00' });
    expect(back).toMatchObject({ status: 'processing', suspendReason: null, currentStep: { id: 'receive' } });
    expect(back.allowedEvents).toEqual(FIRST_STEP);
  });

  it('EXTEND is allowed once: a second EXTEND is refused', async () => {
    const d = await newDossier();
    const v = await act(
      t,
      d.id,
      { type: 'EXTEND', extendedDueAt: '2026-11-30T09:00:00+07:00', reason: 'Chờ ý kiến cơ quan thuế' },
      // At least one working day (EXTENSION_LEAD_WORKING_DAYS) before dueAt.
      { at: '2026-11-25T08:00:00+07:00' },
    );
    expect(v).toMatchObject({ extendedDueAt: '2026-11-30T09:00:00+07:00', dueAt: '2026-11-26T09:00:00+07:00', status: 'processing' });
    expect(v.allowedEvents).not.toContain('EXTEND');
    expect(v.allowedEvents).toEqual(['FORWARD', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'WITHDRAW']);
    await expectRefused(d.id, { type: 'EXTEND', extendedDueAt: '2026-12-01T09:00:00+07:00', reason: 'Lần hai' });
    const events = await eventsOf(t, d.id);
    expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'EXTEND']);
  });

  it('EXTEND after dueAt has passed is refused (the apology must come before the due date)', async () => {
    const d = await newDossier();
    t.clock.set('2026-11-26T09:30:00+07:00');
    const late: Dossier = await getDossier(t, d.id);
    expect(late).toMatchObject({ overdue: true, dueAt: '2026-11-26T09:00:00+07:00' });
    expect(late.allowedEvents).toEqual(['FORWARD', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'WITHDRAW']);
    await expectRefused(d.id, { type: 'EXTEND', extendedDueAt: '2026-11-30T09:00:00+07:00', reason: 'Quá hạn rồi mới xin lỗi' });
  });

  it('after WITHDRAW no event is allowed', async () => {
    const d = await newDossier();
    const v = await act(t, d.id, ALL_EVENTS.WITHDRAW, { at: '2026-11-23T09:30:00+07:00' });
    expect(v).toMatchObject({ status: 'withdrawn', nationalStatusCode: 7, allowedEvents: [], currentStep: null });
    for (const body of Object.values(ALL_EVENTS)) expect(await expectRefused(d.id, body)).toEqual([]);
  });

  it('rejects an unknown event type, unknown fields and unknown dossiers', async () => {
    const d = await newDossier();
    expectFieldError(await send(t, d.id, { type: 'APPROVE' }), 'type');
    expectFieldError(await send(t, d.id, {}), 'type');
    expectFieldError(await send(t, d.id, { type: 'FORWARD', foo: 1 }), 'foo');
    expectFieldError(await send(t, d.id, { type: 'ASSIGN', assigneeId: 'has spaces' }), 'assigneeId');
    expectFieldError(await send(t, d.id, { type: 'COMPLETE', resultType: 'maybe' }), 'resultType');
    expectFieldError(await send(t, d.id, { type: 'REQUEST_SUPPLEMENT', note: 'x', missingItems: 'Bản sao CCCD' }), 'missingItems');

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await send(t, id, ALL_EVENTS.FORWARD);
      expectStatus(res, 404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found', message: expect.any(String) });
    }
    // None of the rejected requests changed the dossier.
    expect((await getDossier(t, d.id)).version).toBe(1);
  });
});
