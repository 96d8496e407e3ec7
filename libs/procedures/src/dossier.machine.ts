import { assign, setup } from 'xstate';

/** The machine's root id; fixed so persisted history references stay the same across procedure versions. */
export const DOSSIER_MACHINE_ID = 'dossier';

/** The shallow history child of `processing`; a step id may not take this name. */
export const HISTORY_STATE_KEY = 'hist';

/** The slice of a procedure definition the machine needs, kept plain so this file imports only xstate. */
export interface DossierMachineDefinition {
  code: string;
  version: number;
  steps: readonly { id: string }[];
  supplementPolicy: 'restart' | 'pause';
}

export interface DossierMachineContext {
  /** The apology with a new appointment date is allowed once per dossier. */
  extended: boolean;
}

export type DossierMachineEvent =
  | { type: 'FORWARD' }
  | { type: 'RETURN' }
  | { type: 'ASSIGN' }
  | { type: 'REQUEST_SUPPLEMENT' }
  | { type: 'SUPPLEMENT_RECEIVED' }
  | { type: 'SUSPEND' }
  | { type: 'RESUME' }
  | { type: 'EXTEND'; beforeDue: boolean }
  | { type: 'COMPLETE' }
  | { type: 'DELIVER' }
  | { type: 'WITHDRAW' };

const dossierSetup = setup({
  types: {} as { context: DossierMachineContext; events: DossierMachineEvent },
  guards: {
    // The apology must be sent before the due date and at most once (domain.md, glossary).
    canExtend: ({ context, event }) => !context.extended && event.type === 'EXTEND' && event.beforeDue === true,
  },
  actions: {
    markExtended: assign({ extended: true }),
  },
});

type DossierStepStateConfig = {
  on: {
    ASSIGN: { target: string };
    FORWARD?: { target: string };
    RETURN?: { target: string };
    COMPLETE?: { target: string };
  };
};

/** Compiles one procedure version into its dossier lifecycle machine. */
export function createDossierMachine(def: DossierMachineDefinition) {
  const stepIds = def.steps.map((step) => step.id);
  assertUsableStepIds(stepIds);
  const first = stepIds[0];
  const last = stepIds.length - 1;

  const stepStates: Record<string, DossierStepStateConfig> = {};
  stepIds.forEach((id, index) => {
    const on: DossierStepStateConfig['on'] = { ASSIGN: { target: id } };
    if (index < last) on.FORWARD = { target: stepIds[index + 1] };
    if (index > 0) on.RETURN = { target: stepIds[index - 1] };
    if (index === last) on.COMPLETE = { target: `#${DOSSIER_MACHINE_ID}.result_ready` };
    stepStates[id] = { on };
  });

  const extend = { guard: 'canExtend', actions: 'markExtended' } as const;
  const backToStep = `processing.${HISTORY_STATE_KEY}`;

  return dossierSetup.createMachine({
    id: DOSSIER_MACHINE_ID,
    description: `${def.code} v${def.version}`,
    context: { extended: false },
    initial: 'processing',
    states: {
      processing: {
        initial: first,
        states: {
          ...stepStates,
          [HISTORY_STATE_KEY]: { type: 'history', history: 'shallow' },
        },
        on: {
          REQUEST_SUPPLEMENT: { target: 'awaiting_supplement' },
          SUSPEND: { target: 'suspended' },
          EXTEND: extend,
          WITHDRAW: { target: 'withdrawn' },
        },
      },
      awaiting_supplement: {
        on: {
          SUPPLEMENT_RECEIVED: { target: def.supplementPolicy === 'pause' ? backToStep : `processing.${first}` },
          EXTEND: extend,
          WITHDRAW: { target: 'withdrawn' },
        },
      },
      suspended: {
        on: {
          RESUME: { target: backToStep },
          EXTEND: extend,
          WITHDRAW: { target: 'withdrawn' },
        },
      },
      result_ready: {
        on: { DELIVER: { target: 'returned' } },
      },
      returned: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
}

export type DossierMachine = ReturnType<typeof createDossierMachine>;

function assertUsableStepIds(stepIds: readonly string[]): asserts stepIds is [string, ...string[]] {
  if (stepIds.length === 0) throw new Error('A dossier machine needs at least one step');
  const seen = new Set<string>();
  for (const id of stepIds) {
    // Ids become state keys and '#'-less targets, so dots, '#' and the history key would be misread.
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id) || id === HISTORY_STATE_KEY) throw new Error(`Unusable step id '${id}'`);
    if (seen.has(id)) throw new Error(`Duplicate step id '${id}'`);
    seen.add(id);
  }
}
