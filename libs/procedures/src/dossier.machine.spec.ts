import { createActor } from 'xstate';
import { createDossierMachine, DOSSIER_MACHINE_ID, HISTORY_STATE_KEY } from './dossier.machine';

const def = { code: '1.001193', version: 3, steps: [{ id: 'receive' }, { id: 'appraise' }, { id: 'sign' }], supplementPolicy: 'pause' } as const;

describe('createDossierMachine', () => {
  it('builds processing with one child per step, in order, plus a shallow history child', () => {
    const machine = createDossierMachine(def);
    const processing = machine.root.states.processing;
    expect(machine.id).toBe(DOSSIER_MACHINE_ID);
    expect(Object.keys(processing.states)).toEqual(['receive', 'appraise', 'sign', HISTORY_STATE_KEY]);
    expect(processing.states[HISTORY_STATE_KEY]).toMatchObject({ type: 'history', history: 'shallow' });
    expect(Object.keys(machine.root.states)).toEqual(['processing', 'awaiting_supplement', 'suspended', 'result_ready', 'returned', 'withdrawn']);
    expect(machine.root.states.returned.type).toBe('final');
    expect(machine.root.states.withdrawn.type).toBe('final');
  });

  it('runs in an actor: forward, suspend, resume at the same step, extend once, complete, deliver', () => {
    const actor = createActor(createDossierMachine(def)).start();
    actor.send({ type: 'FORWARD' });
    actor.send({ type: 'SUSPEND' });
    expect(actor.getSnapshot().value).toBe('suspended');
    actor.send({ type: 'EXTEND', beforeDue: true });
    actor.send({ type: 'RESUME' });
    expect(actor.getSnapshot().value).toEqual({ processing: 'appraise' });
    expect(actor.getSnapshot().context).toEqual({ extended: true });
    expect(actor.getSnapshot().can({ type: 'EXTEND', beforeDue: true })).toBe(false);
    actor.send({ type: 'FORWARD' });
    actor.send({ type: 'COMPLETE' });
    actor.send({ type: 'DELIVER' });
    expect(actor.getSnapshot().value).toBe('returned');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('has no delayed transitions', () => {
    const machine = createDossierMachine(def);
    const nodes = [machine.root, ...Object.values(machine.root.states), ...Object.values(machine.root.states.processing.states)];
    expect(nodes.flatMap((node) => node.after)).toEqual([]);
  });

  it.each([
    [[], 'A dossier machine needs at least one step'],
    [[{ id: 'a' }, { id: 'a' }], "Duplicate step id 'a'"],
    [[{ id: HISTORY_STATE_KEY }], `Unusable step id '${HISTORY_STATE_KEY}'`],
    [[{ id: 'a.b' }], "Unusable step id 'a.b'"],
    [[{ id: '#a' }], "Unusable step id '#a'"],
  ])('refuses steps %p', (steps, message) => {
    expect(() => createDossierMachine({ ...def, steps })).toThrow(message);
  });
});
