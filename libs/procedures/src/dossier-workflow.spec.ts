import { DOSSIER_EVENT_TYPES, type DossierEventType } from '@app/common';
import {
  DossierEventNotAllowedError,
  DossierWorkflow,
  InvalidDossierSnapshotError,
  type DossierView,
  type DossierWorkflowEvent,
  type PersistedDossierSnapshot,
} from './dossier-workflow';
import type { ProcedureDefinition, SupplementPolicy } from './procedure-definition';

function procedure(stepIds: string[], supplementPolicy: SupplementPolicy = 'restart', version = 1): ProcedureDefinition & { version: number } {
  return {
    code: '1.001193',
    version,
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    level: 'district',
    processingTime: { value: 3, unit: 'working_days' },
    onlineProcessingTime: null,
    cutoff: null,
    supplementPolicy,
    steps: stepIds.map((id) => ({ id, name: id, role: 'specialist', allotted: { value: 1, unit: 'working_hours' } })),
    requiredDocuments: [],
    fee: 0,
  };
}

const FOUR_STEPS = ['receive', 'appraise', 'sign', 'deliver'];

/** Applies events in order, passing each persisted snapshot through JSON as the database would. */
function walk(workflow: DossierWorkflow, events: (DossierEventType | DossierWorkflowEvent)[], from = workflow.initial()): PersistedDossierSnapshot {
  return events.reduce<PersistedDossierSnapshot>((snapshot, event) => {
    const next = workflow.transition(snapshot, typeof event === 'string' ? { type: event } : event);
    return JSON.parse(JSON.stringify(next)) as PersistedDossierSnapshot;
  }, from);
}

const EXTEND = { type: 'EXTEND', beforeDue: true } as const;

interface Case {
  name: string;
  path: DossierEventType[];
  view: DossierView;
  allowed: DossierEventType[];
}

const FOUR_STEP_CASES: Case[] = [
  {
    name: 'first step',
    path: [],
    view: { status: 'processing', stepId: 'receive' },
    allowed: ['FORWARD', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'],
  },
  {
    name: 'second step',
    path: ['FORWARD'],
    view: { status: 'processing', stepId: 'appraise' },
    allowed: ['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'],
  },
  {
    name: 'third step',
    path: ['FORWARD', 'FORWARD'],
    view: { status: 'processing', stepId: 'sign' },
    allowed: ['FORWARD', 'RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'WITHDRAW'],
  },
  {
    name: 'last step',
    path: ['FORWARD', 'FORWARD', 'FORWARD'],
    view: { status: 'processing', stepId: 'deliver' },
    allowed: ['RETURN', 'ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'COMPLETE', 'WITHDRAW'],
  },
  {
    name: 'awaiting_supplement',
    path: ['FORWARD', 'REQUEST_SUPPLEMENT'],
    view: { status: 'awaiting_supplement', stepId: 'appraise' },
    allowed: ['SUPPLEMENT_RECEIVED', 'EXTEND', 'WITHDRAW'],
  },
  {
    name: 'suspended',
    path: ['FORWARD', 'FORWARD', 'SUSPEND'],
    view: { status: 'suspended', stepId: 'sign' },
    allowed: ['RESUME', 'EXTEND', 'WITHDRAW'],
  },
  {
    name: 'result_ready',
    path: ['FORWARD', 'FORWARD', 'FORWARD', 'COMPLETE'],
    view: { status: 'result_ready', stepId: null },
    allowed: ['DELIVER'],
  },
  {
    name: 'returned',
    path: ['FORWARD', 'FORWARD', 'FORWARD', 'COMPLETE', 'DELIVER'],
    view: { status: 'returned', stepId: null },
    allowed: [],
  },
  { name: 'withdrawn from processing', path: ['FORWARD', 'WITHDRAW'], view: { status: 'withdrawn', stepId: null }, allowed: [] },
  { name: 'withdrawn while awaiting', path: ['REQUEST_SUPPLEMENT', 'WITHDRAW'], view: { status: 'withdrawn', stepId: null }, allowed: [] },
  { name: 'withdrawn while suspended', path: ['SUSPEND', 'WITHDRAW'], view: { status: 'withdrawn', stepId: null }, allowed: [] },
];

const ONE_STEP_CASES: Case[] = [
  {
    name: 'the only step',
    path: [],
    view: { status: 'processing', stepId: 'appraise' },
    allowed: ['ASSIGN', 'REQUEST_SUPPLEMENT', 'SUSPEND', 'EXTEND', 'COMPLETE', 'WITHDRAW'],
  },
  { name: 'awaiting_supplement', path: ['REQUEST_SUPPLEMENT'], view: { status: 'awaiting_supplement', stepId: 'appraise' }, allowed: ['SUPPLEMENT_RECEIVED', 'EXTEND', 'WITHDRAW'] },
  { name: 'suspended', path: ['SUSPEND'], view: { status: 'suspended', stepId: 'appraise' }, allowed: ['RESUME', 'EXTEND', 'WITHDRAW'] },
  { name: 'result_ready', path: ['COMPLETE'], view: { status: 'result_ready', stepId: null }, allowed: ['DELIVER'] },
  { name: 'returned', path: ['COMPLETE', 'DELIVER'], view: { status: 'returned', stepId: null }, allowed: [] },
  { name: 'withdrawn', path: ['WITHDRAW'], view: { status: 'withdrawn', stepId: null }, allowed: [] },
];

/** Where each allowed event leads from a case's state, as a view. */
function expectedAfter(steps: string[], policy: SupplementPolicy, from: DossierView, event: DossierEventType): DossierView {
  const index = from.stepId === null ? -1 : steps.indexOf(from.stepId);
  switch (event) {
    case 'FORWARD':
      return { status: 'processing', stepId: steps[index + 1] };
    case 'RETURN':
      return { status: 'processing', stepId: steps[index - 1] };
    case 'ASSIGN':
    case 'EXTEND':
      return from;
    case 'REQUEST_SUPPLEMENT':
      return { status: 'awaiting_supplement', stepId: from.stepId };
    case 'SUSPEND':
      return { status: 'suspended', stepId: from.stepId };
    case 'SUPPLEMENT_RECEIVED':
      return { status: 'processing', stepId: policy === 'restart' ? steps[0] : from.stepId };
    case 'RESUME':
      return { status: 'processing', stepId: from.stepId };
    case 'COMPLETE':
      return { status: 'result_ready', stepId: null };
    case 'DELIVER':
      return { status: 'returned', stepId: null };
    case 'WITHDRAW':
      return { status: 'withdrawn', stepId: null };
  }
}

describe.each([
  ['4-step', FOUR_STEPS, FOUR_STEP_CASES],
  ['1-step', ['appraise'], ONE_STEP_CASES],
] as const)('DossierWorkflow, %s procedure', (_label, steps, cases) => {
  const workflow = new DossierWorkflow(procedure([...steps]));

  describe.each(cases)('in $name', ({ path, view, allowed }) => {
    const snapshot = walk(workflow, path);

    it('has the expected view and allowed events', () => {
      expect(workflow.view(snapshot)).toEqual(view);
      expect(workflow.allowedEvents(snapshot, { beforeDue: true })).toEqual(allowed);
    });

    it.each(DOSSIER_EVENT_TYPES.map((type) => [type, allowed.includes(type) ? 'allowed' : 'refused'] as const))('%s is %s', (type, verdict) => {
      const event = type === 'EXTEND' ? EXTEND : { type };
      expect(workflow.can(snapshot, event)).toBe(verdict === 'allowed');
      if (verdict === 'allowed') {
        expect(workflow.view(workflow.transition(snapshot, event))).toEqual(expectedAfter([...steps], 'restart', view, type));
      } else {
        expect(() => workflow.transition(snapshot, event)).toThrow(DossierEventNotAllowedError);
      }
    });
  });
});

describe('DossierWorkflow', () => {
  const restart = new DossierWorkflow(procedure(FOUR_STEPS, 'restart'));
  const pause = new DossierWorkflow(procedure(FOUR_STEPS, 'pause'));

  it('starts in processing at the first step', () => {
    expect(restart.view(restart.initial())).toEqual({ status: 'processing', stepId: 'receive' });
  });

  it('tells why an event is refused and what is allowed', () => {
    const suspended = walk(restart, ['FORWARD', 'SUSPEND']);
    let error: unknown;
    try {
      restart.transition(suspended, { type: 'FORWARD' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DossierEventNotAllowedError);
    expect(error).toMatchObject({ eventType: 'FORWARD', status: 'suspended', stepId: 'appraise', allowed: ['RESUME', 'WITHDRAW'] });
    expect((error as Error).message).toBe('FORWARD is not allowed in suspended (appraise); allowed: RESUME, WITHDRAW');
  });

  it('keeps the step through ASSIGN', () => {
    expect(restart.view(walk(restart, ['FORWARD', 'FORWARD', 'ASSIGN', 'ASSIGN']))).toEqual({ status: 'processing', stepId: 'sign' });
  });

  describe('history', () => {
    it('resumes a suspension at the step it was in, through JSON', () => {
      const resumed = walk(restart, ['FORWARD', 'FORWARD', 'SUSPEND', 'RESUME']);
      expect(restart.view(resumed)).toEqual({ status: 'processing', stepId: 'sign' });
    });

    it('remembers the latest step across repeated suspensions', () => {
      const snapshot = walk(restart, ['FORWARD', 'FORWARD', 'SUSPEND', 'RESUME', 'RETURN', 'SUSPEND']);
      expect(restart.view(snapshot)).toEqual({ status: 'suspended', stepId: 'appraise' });
      expect(restart.view(walk(restart, ['RESUME'], snapshot))).toEqual({ status: 'processing', stepId: 'appraise' });
    });

    it('restart policy: a received supplement goes back to the first step', () => {
      const snapshot = walk(restart, ['FORWARD', 'FORWARD', 'REQUEST_SUPPLEMENT']);
      expect(restart.view(snapshot)).toEqual({ status: 'awaiting_supplement', stepId: 'sign' });
      expect(restart.view(walk(restart, ['SUPPLEMENT_RECEIVED'], snapshot))).toEqual({ status: 'processing', stepId: 'receive' });
    });

    it('pause policy: a received supplement resumes at the step it was in', () => {
      const snapshot = walk(pause, ['FORWARD', 'FORWARD', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_RECEIVED']);
      expect(pause.view(snapshot)).toEqual({ status: 'processing', stepId: 'sign' });
    });

    it('survives a JSON round trip of the stored snapshot, history included', () => {
      const suspended = pause.transition(pause.transition(pause.transition(pause.initial(), { type: 'FORWARD' }), { type: 'FORWARD' }), {
        type: 'SUSPEND',
      });
      const stored = JSON.parse(JSON.stringify(suspended)) as PersistedDossierSnapshot;
      expect(stored).toEqual(JSON.parse(JSON.stringify(suspended)));
      expect(stored.historyValue).toEqual({ 'dossier.processing.hist': [{ id: 'dossier.processing.sign' }] });
      expect(pause.view(pause.transition(stored, { type: 'RESUME' }))).toEqual({ status: 'processing', stepId: 'sign' });
    });

    it('round-trips through a fresh workflow of the same version, as after a restart', () => {
      const stored = JSON.stringify(walk(pause, ['FORWARD', 'FORWARD', 'FORWARD', 'REQUEST_SUPPLEMENT']));
      const again = new DossierWorkflow(procedure(FOUR_STEPS, 'pause'));
      expect(again.view(again.transition(JSON.parse(stored), { type: 'SUPPLEMENT_RECEIVED' }))).toEqual({ status: 'processing', stepId: 'deliver' });
    });
  });

  describe('EXTEND', () => {
    it('needs beforeDue: true', () => {
      const start = restart.initial();
      expect(restart.can(start, { type: 'EXTEND' })).toBe(false);
      expect(restart.can(start, { type: 'EXTEND', beforeDue: false })).toBe(false);
      expect(restart.can(start, EXTEND)).toBe(true);
      expect(restart.allowedEvents(start, { beforeDue: false })).not.toContain('EXTEND');
      expect(() => restart.transition(start, { type: 'EXTEND', beforeDue: false })).toThrow(DossierEventNotAllowedError);
    });

    it('is allowed once per dossier, wherever it happened', () => {
      for (const [before, after] of [
        [[], ['SUSPEND']],
        [['SUSPEND'], ['RESUME', 'REQUEST_SUPPLEMENT']],
        [['REQUEST_SUPPLEMENT'], ['SUPPLEMENT_RECEIVED', 'FORWARD']],
      ] as DossierEventType[][][]) {
        const extended = walk(restart, [...before, EXTEND]);
        expect(extended.context).toEqual({ extended: true });
        const later = walk(restart, after, extended);
        expect(restart.can(later, EXTEND)).toBe(false);
        expect(restart.allowedEvents(later, { beforeDue: true })).not.toContain('EXTEND');
      }
    });

    it('keeps the state and step', () => {
      expect(restart.view(walk(restart, ['FORWARD', EXTEND]))).toEqual({ status: 'processing', stepId: 'appraise' });
      expect(restart.view(walk(restart, ['FORWARD', 'SUSPEND', EXTEND, 'RESUME']))).toEqual({ status: 'processing', stepId: 'appraise' });
    });
  });

  it('allows COMPLETE only at the last step', () => {
    const completable = FOUR_STEPS.map((_, index) => restart.can(walk(restart, Array<DossierEventType>(index).fill('FORWARD')), { type: 'COMPLETE' }));
    expect(completable).toEqual([false, false, false, true]);
  });

  it('keeps dossiers of different versions apart', () => {
    const v1 = new DossierWorkflow(procedure(FOUR_STEPS, 'restart', 1));
    const v2 = new DossierWorkflow(procedure(['receive', 'review'], 'restart', 2));
    const atSign = walk(v1, ['FORWARD', 'FORWARD']);
    expect(() => v2.view(atSign)).toThrow(InvalidDossierSnapshotError);
  });

  it('refuses history that names a step this version lacks', () => {
    const v1 = new DossierWorkflow(procedure(FOUR_STEPS, 'pause', 1));
    const v2 = new DossierWorkflow(procedure(['receive', 'review'], 'pause', 2));
    const suspendedAtSign = walk(v1, ['FORWARD', 'FORWARD', 'SUSPEND']);
    expect(() => v2.transition(suspendedAtSign, { type: 'RESUME' })).toThrow(InvalidDossierSnapshotError);
  });

  const valid = { status: 'active', value: { processing: 'receive' }, context: { extended: false }, children: {}, historyValue: {} };
  it.each([
    null,
    [],
    {},
    { ...valid, value: 'nowhere' },
    { ...valid, value: 'processing' },
    { ...valid, value: { processing: 'hist' } },
    { ...valid, value: { processing: 'receive', suspended: 'x' } },
    { ...valid, context: {} },
    { ...valid, historyValue: { 'dossier.elsewhere': [{ id: 'dossier.processing.receive' }] } },
    { ...valid, historyValue: { 'dossier.processing.hist': [{ id: 'dossier.processing.gone' }] } },
  ])(
    'refuses the stored snapshot %p',
    (stored) => {
      expect(() => restart.view(stored as unknown as PersistedDossierSnapshot)).toThrow(InvalidDossierSnapshotError);
    },
  );

  it('does not change the snapshot it is given', () => {
    const start = restart.initial();
    const copy = JSON.parse(JSON.stringify(start));
    restart.transition(start, { type: 'FORWARD' });
    expect(JSON.parse(JSON.stringify(start))).toEqual(copy);
  });
});
