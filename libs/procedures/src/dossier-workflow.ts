import { createActor, initialTransition, transition, type Snapshot, type SnapshotFrom, type StateValue } from 'xstate';
import {
  createDossierMachine,
  HISTORY_STATE_KEY,
  type DossierMachine,
  type DossierMachineEvent,
} from './dossier.machine';
import { DOSSIER_EVENT_TYPES, DOSSIER_STATUSES, type DossierEventType, type DossierStatus } from '@app/common';
import type { ProcedureDefinition } from './procedure-definition';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** XState's persisted snapshot (state value, context, history) as stored in jsonb; opaque outside this class. */
export type PersistedDossierSnapshot = { [key: string]: JsonValue | undefined };

/** An event as the dossier service passes it; fields other than `beforeDue` do not concern the machine. */
export interface DossierWorkflowEvent {
  type: DossierEventType;
  /** EXTEND only: whether the apology is sent before the current due date. */
  beforeDue?: boolean;
}

export interface DossierView {
  status: DossierStatus;
  /** The current step; while awaiting a supplement or suspended, the step it paused in; else null. */
  stepId: string | null;
}

/** Thrown by `transition` for an event the current state does not allow; the API answers 409 with `allowed`. */
export class DossierEventNotAllowedError extends Error {
  constructor(
    readonly eventType: DossierEventType,
    readonly status: DossierStatus,
    readonly stepId: string | null,
    readonly allowed: DossierEventType[],
  ) {
    super(`${eventType} is not allowed in ${stepId ? `${status} (${stepId})` : status}; allowed: ${allowed.join(', ') || 'none'}`);
    this.name = 'DossierEventNotAllowedError';
  }
}

/** Thrown when a stored snapshot does not belong to this procedure version's machine. */
export class InvalidDossierSnapshotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidDossierSnapshotError';
  }
}

type DossierMachineSnapshot = SnapshotFrom<DossierMachine>;

/** One compiled procedure version, with the pure helpers the dossier service needs around persisted snapshots. */
export class DossierWorkflow {
  readonly code: string;
  readonly version: number;
  readonly machine: DossierMachine;
  readonly stepIds: readonly string[];
  private readonly historyNodeId: string;
  private readonly stepNodeIds: ReadonlySet<string>;
  /** One request asks the same persisted snapshot several questions (can, transition, view, allowed events): restore it once. */
  private readonly restored = new WeakMap<PersistedDossierSnapshot, DossierMachineSnapshot>();
  private initialSnapshot: DossierMachineSnapshot | null = null;

  constructor(def: ProcedureDefinition & { version: number }) {
    this.code = def.code;
    this.version = def.version;
    this.stepIds = def.steps.map((step) => step.id);
    this.machine = createDossierMachine({
      code: def.code,
      version: def.version,
      steps: def.steps,
      supplementPolicy: def.supplementPolicy,
    });
    const processing = this.machine.root.states.processing;
    this.historyNodeId = processing.states[HISTORY_STATE_KEY].id;
    this.stepNodeIds = new Set(this.stepIds.map((id) => processing.states[id].id));
  }

  /** A new dossier: processing, in the first step. */
  initial(): PersistedDossierSnapshot {
    // The initial transition is pure and the same for every dossier of this version: computed once.
    this.initialSnapshot ??= initialTransition(this.machine)[0];
    return this.persist(this.initialSnapshot);
  }

  can(persisted: PersistedDossierSnapshot, event: DossierWorkflowEvent): boolean {
    return this.restore(persisted).can(toMachineEvent(event));
  }

  /** The next persisted snapshot; throws DossierEventNotAllowedError if the event is not allowed now. */
  transition(persisted: PersistedDossierSnapshot, event: DossierWorkflowEvent): PersistedDossierSnapshot {
    const snapshot = this.restore(persisted);
    const machineEvent = toMachineEvent(event);
    if (!snapshot.can(machineEvent)) {
      const { status, stepId } = this.viewOf(snapshot);
      throw new DossierEventNotAllowedError(event.type, status, stepId, this.allowedIn(snapshot, event.beforeDue ?? false));
    }
    const [next] = transition(this.machine, snapshot, machineEvent);
    return this.persist(next);
  }

  /** The events allowed now, in DOSSIER_EVENT_TYPES order; `probe.beforeDue` decides whether EXTEND counts. */
  allowedEvents(persisted: PersistedDossierSnapshot, probe: { beforeDue: boolean }): DossierEventType[] {
    return this.allowedIn(this.restore(persisted), probe.beforeDue);
  }

  view(persisted: PersistedDossierSnapshot): DossierView {
    return this.viewOf(this.restore(persisted));
  }

  private allowedIn(snapshot: DossierMachineSnapshot, beforeDue: boolean): DossierEventType[] {
    return DOSSIER_EVENT_TYPES.filter((type) => snapshot.can(toMachineEvent({ type, beforeDue })));
  }

  private viewOf(snapshot: DossierMachineSnapshot): DossierView {
    const { status, child } = splitStateValue(snapshot.value);
    if (status === 'processing') return { status, stepId: child };
    if (status === 'awaiting_supplement' || status === 'suspended') {
      return { status, stepId: snapshot.historyValue[this.historyNodeId]?.[0]?.key ?? null };
    }
    return { status, stepId: null };
  }

  /** createActor revives the persisted history references; the actor is never started, so nothing runs. */
  private restore(persisted: PersistedDossierSnapshot): DossierMachineSnapshot {
    const cached = this.restored.get(persisted);
    if (cached) return cached;
    // XState restores an unknown state value silently, so a snapshot of another version would be misread.
    if (!isJsonObject(persisted) || !this.fits(persisted)) {
      throw new InvalidDossierSnapshotError(`Not a persisted dossier snapshot of procedure ${this.code} v${this.version}`);
    }
    let snapshot: DossierMachineSnapshot;
    try {
      snapshot = createActor(this.machine, { snapshot: persisted as unknown as Snapshot<unknown> }).getSnapshot();
    } catch (cause) {
      throw new InvalidDossierSnapshotError(`The snapshot does not fit procedure ${this.code} v${this.version}`, { cause });
    }
    this.restored.set(persisted, snapshot);
    return snapshot;
  }

  /** True when the stored value, history and context name only states and fields of this version's machine. */
  private fits(persisted: PersistedDossierSnapshot): boolean {
    const { value, historyValue, context } = persisted;
    const knownValue =
      typeof value === 'string'
        ? value !== 'processing' && (DOSSIER_STATUSES as readonly string[]).includes(value)
        : isJsonObject(value) && Object.keys(value).length === 1 && typeof value.processing === 'string' && this.stepIds.includes(value.processing);
    const knownHistory =
      historyValue === undefined ||
      (isJsonObject(historyValue) &&
        Object.entries(historyValue).every(
          ([node, refs]) =>
            node === this.historyNodeId &&
            Array.isArray(refs) &&
            refs.every((ref) => isJsonObject(ref) && typeof ref.id === 'string' && this.stepNodeIds.has(ref.id)),
        ));
    return knownValue && knownHistory && isJsonObject(context) && typeof context.extended === 'boolean';
  }

  private persist(snapshot: DossierMachineSnapshot): PersistedDossierSnapshot {
    const persisted = this.machine.getPersistedSnapshot(snapshot) as unknown as PersistedDossierSnapshot;
    // The snapshot just computed is what restoring its persisted form gives: the next question needs no restore.
    this.restored.set(persisted, snapshot);
    return persisted;
  }
}

function isJsonObject(value: unknown): value is { [key: string]: JsonValue | undefined } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toMachineEvent(event: DossierWorkflowEvent): DossierMachineEvent {
  return event.type === 'EXTEND' ? { type: 'EXTEND', beforeDue: event.beforeDue === true } : { type: event.type };
}

function splitStateValue(value: StateValue): { status: DossierStatus; child: string | null } {
  if (typeof value === 'string') return { status: asStatus(value), child: null };
  const [status] = Object.keys(value);
  const child = value[status];
  return { status: asStatus(status), child: typeof child === 'string' ? child : null };
}

function asStatus(value: string | undefined): DossierStatus {
  if (!(DOSSIER_STATUSES as readonly (string | undefined)[]).includes(value)) {
    throw new InvalidDossierSnapshotError(`Unknown dossier state '${String(value)}'`);
  }
  return value as DossierStatus;
}
