import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { type Dossier, act, as, eventsOf, expectStatus, getDossier, receive } from './support/dossier-api';

/**
 * domain.md "Events", "Deadlines", "Classifying a finished dossier": every seeded procedure walked from intake
 * to the hand-over, with every deadline computed by hand from the default office hours (07:30–11:30, 13:30–17:00, Mon–Fri).
 * November 2026 has no public holiday; 2026-11-23 is a Monday.
 */

const OFFICERS: Record<string, string> = {
  reception: 'le.tiep.nhan',
  specialist: 'tran.chuyen.vien',
  leader: 'pham.lanh.dao',
  clerk: 'vo.van.thu',
};
const by = (role: string, agency: string) => as(role, OFFICERS[role], agency);

interface Move {
  at: string;
  /** The step entered by this FORWARD and its deadline (step start + the step's allotment). */
  toStep: string;
  stepDueAt: string;
  /** Whether the step being left was finished by its deadline. */
  stepOnTime: boolean;
  /** The agency holding the entered step when not the dossier's own (liên thông). */
  heldBy?: string;
}

interface Scenario {
  title: string;
  procedureCode: string;
  agencyCode: string;
  channel: 'direct' | 'online' | 'postal';
  receivedAt: string;
  /** When the clock starts (the next opening, or after the cut-off the next day's opening). */
  clockStartedAt: string;
  dueAt: string;
  firstStep: { id: string; dueAt: string };
  moves: Move[];
  complete: { at: string; stepOnTime: boolean };
  outcome: 'early' | 'on_time' | 'overdue';
  deliverAt: string;
}

const SCENARIOS: Scenario[] = [
  {
    title: '1.001100 Đăng ký khai sinh (2 working hours, cut-off 15:00): on time, one step late',
    procedureCode: '1.001100',
    agencyCode: 'H12.01.05',
    channel: 'direct',
    receivedAt: '2026-11-23T08:00:00+07:00',
    clockStartedAt: '2026-11-23T08:00:00+07:00',
    dueAt: '2026-11-23T10:00:00+07:00',
    firstStep: { id: 'receive', dueAt: '2026-11-23T08:30:00+07:00' },
    moves: [
      { at: '2026-11-23T08:20:00+07:00', toStep: 'appraise', stepDueAt: '2026-11-23T08:50:00+07:00', stepOnTime: true },
      { at: '2026-11-23T08:40:00+07:00', toStep: 'sign', stepDueAt: '2026-11-23T09:10:00+07:00', stepOnTime: true },
      // sign was due 09:10: left at 09:30, late.
      { at: '2026-11-23T09:30:00+07:00', toStep: 'deliver', stepDueAt: '2026-11-23T10:00:00+07:00', stepOnTime: false },
    ],
    complete: { at: '2026-11-23T09:45:00+07:00', stepOnTime: true },
    outcome: 'on_time',
    deliverAt: '2026-11-23T10:30:00+07:00',
  },
  {
    title: '1.000900 Chứng thực bản sao (cut-off 15:00): received 15:30 counts from the next opening; finished the same evening = early',
    procedureCode: '1.000900',
    agencyCode: 'H12.01.05',
    channel: 'direct',
    receivedAt: '2026-11-23T15:30:00+07:00',
    clockStartedAt: '2026-11-24T07:30:00+07:00',
    dueAt: '2026-11-24T09:30:00+07:00',
    firstStep: { id: 'receive', dueAt: '2026-11-24T08:00:00+07:00' },
    moves: [
      { at: '2026-11-23T15:40:00+07:00', toStep: 'sign', stepDueAt: '2026-11-23T16:40:00+07:00', stepOnTime: true },
      { at: '2026-11-23T16:00:00+07:00', toStep: 'record', stepDueAt: '2026-11-23T16:30:00+07:00', stepOnTime: true },
    ],
    // Exactly at the step deadline is still on time; Monday is before Tuesday's due date: early.
    complete: { at: '2026-11-23T16:30:00+07:00', stepOnTime: true },
    outcome: 'early',
    deliverAt: '2026-11-23T16:45:00+07:00',
  },
  {
    title: '1.001193 Đăng ký hộ kinh doanh (3 working days): Mon 09:00 → Thu 09:00; finished Thu 10:00 = overdue',
    procedureCode: '1.001193',
    agencyCode: 'H12.01',
    channel: 'direct',
    receivedAt: '2026-11-23T09:00:00+07:00',
    clockStartedAt: '2026-11-23T09:00:00+07:00',
    dueAt: '2026-11-26T09:00:00+07:00',
    // 4 working hours: 09:00–11:30 (2.5 h) + 13:30–15:00 (1.5 h).
    firstStep: { id: 'receive', dueAt: '2026-11-23T15:00:00+07:00' },
    moves: [
      // 12 working hours: Mon 14:00–17:00 (3 h) + Tue (7.5 h) + Wed 07:30–09:00 (1.5 h).
      { at: '2026-11-23T14:00:00+07:00', toStep: 'appraise', stepDueAt: '2026-11-25T09:00:00+07:00', stepOnTime: true },
      // 4 h: 10:00–11:30 + 13:30–16:00; appraise was due 09:00.
      { at: '2026-11-25T10:00:00+07:00', toStep: 'review', stepDueAt: '2026-11-25T16:00:00+07:00', stepOnTime: false },
      { at: '2026-11-25T15:00:00+07:00', toStep: 'record', stepDueAt: '2026-11-25T16:30:00+07:00', stepOnTime: true },
      // 1 h: 16:30–17:00 + Thu 07:30–08:00.
      { at: '2026-11-25T16:30:00+07:00', toStep: 'deliver', stepDueAt: '2026-11-26T08:00:00+07:00', stepOnTime: true },
    ],
    complete: { at: '2026-11-26T10:00:00+07:00', stepOnTime: false },
    outcome: 'overdue',
    deliverAt: '2026-11-26T10:30:00+07:00',
  },
  {
    title: '1.000600 Lý lịch tư pháp online (8 working days): received on a Sunday, finished exactly at dueAt = on time',
    procedureCode: '1.000600',
    agencyCode: 'H12.10',
    channel: 'online',
    receivedAt: '2026-11-22T10:00:00+07:00',
    clockStartedAt: '2026-11-23T07:30:00+07:00',
    // Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Mon 30, Tue 1, Wed 2: the 8th working day's close.
    dueAt: '2026-12-02T17:00:00+07:00',
    firstStep: { id: 'receive', dueAt: '2026-11-23T17:00:00+07:00' },
    moves: [
      { at: '2026-11-23T16:00:00+07:00', toStep: 'verify', stepDueAt: '2026-11-27T16:00:00+07:00', stepOnTime: true },
      { at: '2026-11-27T11:00:00+07:00', toStep: 'draft', stepDueAt: '2026-11-30T11:00:00+07:00', stepOnTime: true },
      { at: '2026-11-30T14:00:00+07:00', toStep: 'sign', stepDueAt: '2026-12-01T14:00:00+07:00', stepOnTime: false },
      { at: '2026-12-01T10:00:00+07:00', toStep: 'record', stepDueAt: '2026-12-02T10:00:00+07:00', stepOnTime: true },
    ],
    complete: { at: '2026-12-02T17:00:00+07:00', stepOnTime: false },
    outcome: 'on_time',
    deliverAt: '2026-12-03T08:00:00+07:00',
  },
  {
    title: '1.000700 Giấy phép xây dựng (15 working days, 6 steps): early',
    procedureCode: '1.000700',
    agencyCode: 'H12.01',
    channel: 'postal',
    receivedAt: '2026-11-23T08:00:00+07:00',
    clockStartedAt: '2026-11-23T08:00:00+07:00',
    dueAt: '2026-12-14T08:00:00+07:00',
    firstStep: { id: 'receive', dueAt: '2026-11-24T08:00:00+07:00' },
    moves: [
      { at: '2026-11-23T10:00:00+07:00', toStep: 'appraise', stepDueAt: '2026-12-03T10:00:00+07:00', stepOnTime: true },
      { at: '2026-12-02T10:00:00+07:00', toStep: 'review', stepDueAt: '2026-12-04T10:00:00+07:00', stepOnTime: true },
      { at: '2026-12-03T10:00:00+07:00', toStep: 'sign', stepDueAt: '2026-12-07T10:00:00+07:00', stepOnTime: true },
      { at: '2026-12-04T10:00:00+07:00', toStep: 'record', stepDueAt: '2026-12-07T10:00:00+07:00', stepOnTime: true },
      { at: '2026-12-07T09:00:00+07:00', toStep: 'deliver', stepDueAt: '2026-12-08T09:00:00+07:00', stepOnTime: true },
    ],
    complete: { at: '2026-12-08T09:00:00+07:00', stepOnTime: true },
    outcome: 'early',
    deliverAt: '2026-12-08T10:00:00+07:00',
  },
  {
    title: '1.000800 Đăng ký biến động đất đai (10 working days): received in the lunch break counts from 13:30',
    procedureCode: '1.000800',
    agencyCode: 'H12.02',
    channel: 'direct',
    receivedAt: '2026-11-24T11:45:00+07:00',
    clockStartedAt: '2026-11-24T13:30:00+07:00',
    // One working day from 13:30 is 13:30–17:00 + 07:30–11:30 and ends at the morning close (11:30), not at 13:30:
    // a duration that runs out exactly at a closing time ends then. Ten of them: Tue 8/12 11:30.
    dueAt: '2026-12-08T11:30:00+07:00',
    // 4 h: 13:30–17:00 (3.5 h) + Wed 07:30–08:00.
    firstStep: { id: 'receive', dueAt: '2026-11-25T08:00:00+07:00' },
    moves: [
      { at: '2026-11-25T08:00:00+07:00', toStep: 'appraise', stepDueAt: '2026-12-01T08:00:00+07:00', stepOnTime: true },
      // The tax office's step (3.5 h): 15:00–17:00 + Tue 07:30–09:00.
      { at: '2026-11-30T15:00:00+07:00', toStep: 'tax', stepDueAt: '2026-12-01T09:00:00+07:00', stepOnTime: true, heldBy: 'H12.30' },
      // 2 working days from Tue 08:30: 6.5 h on Tue, 7.5 h on Wed, Thu 07:30–08:30.
      { at: '2026-12-01T08:30:00+07:00', toStep: 'update', stepDueAt: '2026-12-03T08:30:00+07:00', stepOnTime: true },
      { at: '2026-12-02T15:00:00+07:00', toStep: 'sign', stepDueAt: '2026-12-04T15:00:00+07:00', stepOnTime: true },
      { at: '2026-12-03T08:00:00+07:00', toStep: 'deliver', stepDueAt: '2026-12-04T08:00:00+07:00', stepOnTime: true },
    ],
    complete: { at: '2026-12-07T16:00:00+07:00', stepOnTime: false },
    outcome: 'early',
    deliverAt: '2026-12-08T08:00:00+07:00',
  },
];

const FIRST_STEP_ALLOWED = ['FORWARD', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'];
const MIDDLE_STEP_ALLOWED = ['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'];
const LAST_STEP_ALLOWED = ['RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'COMPLETE', 'WITHDRAW'];

interface ProcedureStep {
  id: string;
  name: string;
  role: string;
}

describe('dossier lifecycle for each seeded procedure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers all six seeded procedures', async () => {
    const res = await t.http.get('/api/v1/procedures');
    expectStatus(res, 200);
    const codes = (res.body.items as { code: string }[]).map((p) => p.code).sort();
    expect(SCENARIOS.map((s) => s.procedureCode).sort()).toEqual(codes);
  });

  it.each(SCENARIOS)('$title', async (s) => {
    const procedure = await t.http.get(`/api/v1/procedures/${s.procedureCode}`);
    expectStatus(procedure, 200);
    const steps = procedure.body.steps as ProcedureStep[];
    // The scenario walks every step of the procedure, in order.
    expect([s.firstStep.id, ...s.moves.map((m) => m.toStep)]).toEqual(steps.map((x) => x.id));
    const stepOf = (id: string): ProcedureStep => {
      const { name, role } = steps.find((x) => x.id === id) as ProcedureStep;
      return { id, name, role };
    };

    // Intake at the desk.
    const received = await receive(t, {
      procedureCode: s.procedureCode,
      agencyCode: s.agencyCode,
      channel: s.channel,
      at: s.receivedAt,
      headers: by('reception', s.agencyCode),
    });
    expect(received).toMatchObject({
      procedureCode: s.procedureCode,
      procedureVersion: 1,
      agencyCode: s.agencyCode,
      channel: s.channel,
      status: 'processing',
      nationalStatusCode: 2,
      receivedAt: s.receivedAt,
      dueAt: s.dueAt,
      extendedDueAt: null,
      supplementCount: 0,
      finishedAt: null,
      returnedAt: null,
      resultType: null,
      outcome: null,
      version: 1,
      allowedEvents: FIRST_STEP_ALLOWED,
      currentStep: { ...stepOf(s.firstStep.id), assigneeId: null, startedAt: s.clockStartedAt, dueAt: s.firstStep.dueAt },
    });
    const yymmdd = s.receivedAt.slice(2, 10).replaceAll('-', '');
    expect(received.code).toMatch(new RegExp(`^${s.agencyCode.replaceAll('.', '\\.')}-${yymmdd}-\\d{4}$`));

    // Forward through every step, each by an officer of the step's role.
    let current = s.firstStep.id;
    let dossier: Dossier = received;
    const heldBy = (step: string) => s.moves.find((m) => m.toStep === step)?.heldBy ?? s.agencyCode;
    for (const [i, move] of s.moves.entries()) {
      dossier = await act(t, received.id, { type: 'FORWARD' }, { at: move.at, headers: by(stepOf(current).role, heldBy(current)) });
      expect(dossier).toMatchObject({
        status: 'processing',
        nationalStatusCode: 4,
        dueAt: s.dueAt,
        version: i + 2,
        currentStep: { ...stepOf(move.toStep), agencyCode: heldBy(move.toStep), assigneeId: null, startedAt: move.at, dueAt: move.stepDueAt },
      });
      // allowedEvents follow the viewer's roles: an administrator sees every event the state allows, the next step's
      // officer all but the desk's WITHDRAW, the officer who forwarded only what their roles may still send.
      const allowed = i === s.moves.length - 1 ? LAST_STEP_ALLOWED : MIDDLE_STEP_ALLOWED;
      const nextRole = stepOf(move.toStep).role;
      expect((await getDossier(t, received.id)).allowedEvents).toEqual(allowed);
      expect((await getDossier(t, received.id, by(nextRole, heldBy(move.toStep)))).allowedEvents).toEqual(allowed.filter((e) => e !== 'WITHDRAW' || nextRole === 'reception'));
      expect(allowed).toEqual(expect.arrayContaining(dossier.allowedEvents));
      current = move.toStep;
    }

    // The last step completes the dossier; the result is handed over at the desk.
    dossier = await act(t, received.id, { type: 'COMPLETE', resultType: 'approved' }, { at: s.complete.at, headers: by(stepOf(current).role, s.agencyCode) });
    expect(dossier).toMatchObject({
      status: 'result_ready',
      nationalStatusCode: 9,
      currentStep: null,
      finishedAt: s.complete.at,
      resultType: 'approved',
      outcome: s.outcome,
    });
    // The result is handed over at the desk: only the reception desk may send DELIVER.
    expect((await getDossier(t, received.id, by('reception', s.agencyCode))).allowedEvents).toEqual(['DELIVER']);
    dossier = await act(t, received.id, { type: 'DELIVER' }, { at: s.deliverAt, headers: by('reception', s.agencyCode) });

    const final = await getDossier(t, received.id);
    expect(final).toEqual(dossier);
    expect(final).toMatchObject({
      status: 'returned',
      nationalStatusCode: 10,
      currentStep: null,
      receivedAt: s.receivedAt,
      dueAt: s.dueAt,
      finishedAt: s.complete.at,
      returnedAt: s.deliverAt,
      resultType: 'approved',
      outcome: s.outcome,
      overdue: false,
      dueSoon: false,
      version: s.moves.length + 3,
      allowedEvents: [],
    });

    // The process control sheet: every transition in order.
    const events = await eventsOf(t, received.id);
    const lastStep = s.moves[s.moves.length - 1].toStep;
    const expected = [
      {
        type: 'RECEIVE',
        at: s.receivedAt,
        actor: OFFICERS.reception,
        fromStatus: null,
        toStatus: 'processing',
        fromStep: null,
        toStep: s.firstStep.id,
        stepDueAt: s.firstStep.dueAt,
        stepOnTime: null,
      },
      ...s.moves.map((m, i) => {
        const from = i === 0 ? s.firstStep.id : s.moves[i - 1].toStep;
        return {
          type: 'FORWARD',
          at: m.at,
          actor: OFFICERS[stepOf(from).role],
          fromStatus: 'processing',
          toStatus: 'processing',
          fromStep: from,
          toStep: m.toStep,
          stepDueAt: m.stepDueAt,
          stepOnTime: m.stepOnTime,
        };
      }),
      {
        type: 'COMPLETE',
        at: s.complete.at,
        actor: OFFICERS[stepOf(lastStep).role],
        fromStatus: 'processing',
        toStatus: 'result_ready',
        fromStep: lastStep,
        toStep: null,
        stepDueAt: null,
        stepOnTime: s.complete.stepOnTime,
      },
      {
        type: 'DELIVER',
        at: s.deliverAt,
        actor: OFFICERS.reception,
        fromStatus: 'result_ready',
        toStatus: 'returned',
        fromStep: null,
        toStep: null,
        stepDueAt: null,
        stepOnTime: null,
      },
    ];
    expect(events.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    expect(
      events.map((e) => ({
        type: e.type,
        at: e.at,
        actor: e.actor.username,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        fromStep: e.fromStep,
        toStep: e.toStep,
        stepDueAt: e.stepDueAt,
        stepOnTime: e.stepOnTime,
      })),
    ).toEqual(expected);
    expect(events[0].actor.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('dueAt on intake (working-minute arithmetic, cut-off, after hours, holidays)', () => {
    const cases: [string, { procedureCode: string; agencyCode: string; channel?: 'direct' | 'online'; at: string }, string][] = [
      ['same-day procedure received exactly at the 15:00 cut-off ends at the 17:00 close', { procedureCode: '1.001100', agencyCode: 'H12.02.03', at: '2026-11-23T15:00:00+07:00' }, '2026-11-23T17:00:00+07:00'],
      ['same-day procedure received 15:30, after the cut-off, counts from the next opening', { procedureCode: '1.001100', agencyCode: 'H12.02.03', at: '2026-11-23T15:30:00+07:00' }, '2026-11-24T09:30:00+07:00'],
      ['after the cut-off on a Friday counts from Monday 07:30', { procedureCode: '1.001100', agencyCode: 'H12.02.03', at: '2026-11-27T16:00:00+07:00' }, '2026-11-30T09:30:00+07:00'],
      ['received on a Sunday counts from Monday 07:30 (10 working days, direct)', { procedureCode: '1.000600', agencyCode: 'H12.10', channel: 'direct', at: '2026-11-22T10:00:00+07:00' }, '2026-12-04T17:00:00+07:00'],
      ['the online channel uses the shorter online time', { procedureCode: '1.000600', agencyCode: 'H12.10', channel: 'online', at: '2026-11-24T10:00:00+07:00' }, '2026-12-04T10:00:00+07:00'],
      ['received on a Friday evening counts from Monday 07:30', { procedureCode: '1.001193', agencyCode: 'H12.02', at: '2026-11-20T19:00:00+07:00' }, '2026-11-25T17:00:00+07:00'],
      ['received on a public holiday (Quốc khánh, 2/9) counts from the next working day', { procedureCode: '1.001193', agencyCode: 'H12.02', at: '2026-09-02T09:00:00+07:00' }, '2026-09-07T17:00:00+07:00'],
      ['the Tết break (14/2–22/2/2026) is skipped', { procedureCode: '1.001193', agencyCode: 'H12.02', at: '2026-02-13T14:00:00+07:00' }, '2026-02-25T14:00:00+07:00'],
    ];
    it.each(cases)('%s', async (_title, o, dueAt) => {
      const d = await receive(t, o);
      expect(d.receivedAt).toBe(o.at);
      expect(d.dueAt).toBe(dueAt);
      const events = await eventsOf(t, d.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ seq: 1, type: 'RECEIVE', at: o.at, toStatus: 'processing' });
    });
  });

  it('a refused result is also a finished, classified dossier', async () => {
    const d = await receive(t, { procedureCode: '1.000900', agencyCode: 'H12.02.03', at: '2026-11-25T08:00:00+07:00' });
    expect(d.dueAt).toBe('2026-11-25T10:00:00+07:00');
    await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-25T08:10:00+07:00' });
    await act(t, d.id, { type: 'FORWARD' }, { at: '2026-11-25T08:20:00+07:00' });
    const done = await act(t, d.id, { type: 'COMPLETE', resultType: 'refused', note: 'Bản chính bị tẩy xóa' }, { at: '2026-11-25T10:30:00+07:00' });
    expect(done).toMatchObject({ status: 'result_ready', resultType: 'refused', outcome: 'overdue', finishedAt: '2026-11-25T10:30:00+07:00' });
    const events = await eventsOf(t, d.id);
    expect(events[events.length - 1]).toMatchObject({ type: 'COMPLETE', note: 'Bản chính bị tẩy xóa', data: { resultType: 'refused', outcome: 'overdue' } });
  });
});
