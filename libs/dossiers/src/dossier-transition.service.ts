import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { type DeadlineJobData, type DeadlineKind, DeadlineScheduler, type DossierTimers } from '@app/deadlines';
import { type Duration, type WorkingCalendar, toLocalDate } from '@app/calendar';
import { isForeignKeyViolation, isUniqueViolation } from '@app/database';
import { type PublishedProcedure, ProceduresService } from '@app/procedures';
import { type Actor, SYSTEM_ACTOR } from './actor';
import { AgencyCalendarService } from './agency-calendar.service';
import { Dossier, type DossierStatus } from './dossier.entity';
import { DossierEvent, type EventData } from './dossier-event.entity';
import { concurrentChange, dossierNotFound, eventNotAllowed, forbidden, idempotencyKeyReused, invalidField } from './dossier-errors';
import type { EventInput, IntakeInput } from './dossier-input';
import { classifyOutcome, OPEN_STATUSES } from './dossier-outcome';
import { mayAct, rolesAllowedFor } from './dossier-permissions';
import { FLAG_EVENTS, FLAG_FIELDS, movedTimers, pendingTimers, timerColumns } from './dossier-timers';
import { canonicalJson, entityFromRow, sqlColumns } from './entity-sql';

const SUSPEND_REASONS = ['financial_obligation', 'other'];
const RESULT_TYPES = ['approved', 'refused'];

type Patch = Partial<Dossier>;
interface EventRecord {
  note?: string | null;
  data?: EventData;
  stepOnTime?: boolean | null;
}

/**
 * The one transition path (architecture.md): every change to a dossier, intake included, is
 * one transaction that locks the row, asks the pinned machine, computes deadlines, writes the row and one event.
 */
@Injectable()
export class DossierTransitionService {
  private readonly logger = new Logger(DossierTransitionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly calendars: AgencyCalendarService,
    private readonly scheduler: DeadlineScheduler,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async intake(input: IntakeInput, actor: Actor): Promise<{ dossier: Dossier; replayed: boolean }> {
    const now = this.clock.now();
    if (input.receivedAt && !actor.roles.includes('admin')) throw forbidden('Only an administrator may back-date receivedAt');
    if (input.receivedAt && input.receivedAt.getTime() > now.getTime()) throw invalidField('receivedAt', 'must not be in the future');
    const agencyCode = input.agencyCode ?? actor.agencyCode;
    if (!agencyCode) throw invalidField('agencyCode', 'is required when the caller has no agency');
    if (input.agencyCode && input.agencyCode !== actor.agencyCode && !actor.roles.includes('admin')) {
      throw forbidden('Only an administrator may receive a dossier for another agency');
    }
    try {
      const result = await this.dataSource.transaction((m) => this.intakeIn(m, { ...input, agencyCode }, actor, now));
      if (!result.replayed) await this.armAfterCommit([pendingTimers(result.dossier)]);
      return result;
    } catch (e) {
      // A concurrent retry with the same key committed first: answer with its dossier.
      if (input.idempotencyKey && isUniqueViolation(e, 'dossier_idempotency_key')) {
        const first = await this.dataSource.getRepository(Dossier).findOneBy({ idempotencyKey: input.idempotencyKey });
        if (first) return { dossier: replayable(first, { ...input, agencyCode }), replayed: true };
      }
      throw e;
    }
  }

  async apply(id: string, input: EventInput, actor: Actor): Promise<Dossier> {
    const now = this.clock.now();
    if (input.occurredAt && !actor.roles.includes('admin')) throw forbidden('Only an administrator may back-date occurredAt');
    if (input.occurredAt && input.occurredAt.getTime() > now.getTime()) throw invalidField('occurredAt', 'must not be in the future');
    let before: DossierTimers | null = null;
    const after = await this.dataSource.transaction(async (m) => {
      const dossier = await lockDossier(m, id);
      // An officer acts only on their own agency's dossiers; others do not learn that it exists.
      if (!dossier || (!actor.roles.includes('admin') && actor.agencyCode !== dossier.agencyCode)) throw dossierNotFound(id);
      before = pendingTimers(dossier);
      if (input.expectedVersion !== undefined && input.expectedVersion !== dossier.version) throw concurrentChange(dossier.version);
      // Read once the row is ours: a change that committed while this one waited for it is earlier, and never dated
      // before the last transition (another API host's clock may run a little ahead); only a back-dated event can be.
      const at = input.occurredAt ?? new Date(Math.max(this.clock.now().getTime(), dossier.lastTransitionAt.getTime()));
      if (at.getTime() < dossier.lastTransitionAt.getTime()) {
        throw invalidField('occurredAt', `must not be earlier than the dossier's last transition (${dossier.lastTransitionAt.toISOString()})`);
      }
      const procedure = await this.procedures.compile(dossier.procedureCode, dossier.procedureVersion, m);
      const step = stepOf(procedure.definition, dossier.stepId);
      if (!mayAct(actor, input.type, step)) {
        throw forbidden(`${input.type} at this point is for the role(s): ${rolesAllowedFor(input.type, step).join(', ')}`);
      }
      const event = { type: input.type, beforeDue: at.getTime() < dossier.dueAt.getTime() };
      if (!procedure.workflow.can(dossier.snapshot, event)) {
        throw eventNotAllowed(input.type, dossier.status, procedure.workflow.allowedEvents(dossier.snapshot, event));
      }
      const snapshot = procedure.workflow.transition(dossier.snapshot, event);
      const view = procedure.workflow.view(snapshot);
      const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
      const { patch, record } = effects(dossier, input, at, view, procedure.definition, calendar);
      return this.write(m, dossier, { ...patch, snapshot, status: view.status, lastTransitionAt: at }, { type: input.type, at, actor, ...record }, calendar);
    });
    const next = pendingTimers(after);
    await this.armAfterCommit([next], before ? [movedTimers(before, next, this.armedUntil())] : []);
    return after;
  }

  /**
   * A timer fired: set the flag and log the event, once.
   * 'stale' when the deadline moved, the flag is set or the clock is stopped; 'early' when it is not yet due.
   */
  async flag(job: DeadlineJobData): Promise<'flagged' | 'stale' | 'early'> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const dossier = await lockDossier(m, job.dossierId);
      const deadline = dossier ? pendingTimers(dossier)[job.kind] : null;
      if (!dossier || !deadline || deadline.getTime() !== job.at) return 'stale';
      if (deadline.getTime() > now.getTime()) return 'early';
      await this.writeFlag(m, dossier, job.kind, deadline, now);
      return 'flagged';
    });
  }

  /**
   * The reconciliation found these dossiers' deadlines of one kind passed without a flag (a lost job): flag them in one
   * transaction. Rows locked elsewhere are skipped, not waited for: their job, another worker's sweep or an officer has
   * them, and the next sweep sees what is still unflagged. Returns how many were flagged.
   */
  async flagPassed(kind: DeadlineKind, dossierIds: string[]): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const rows: Record<string, unknown>[] = await m.query('SELECT * FROM dossier WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED', [dossierIds]);
      let flagged = 0;
      for (const row of rows) {
        const dossier = entityFromRow(m, Dossier, row);
        const deadline = pendingTimers(dossier)[kind];
        if (!deadline || deadline.getTime() > now.getTime()) continue;
        await this.writeFlag(m, dossier, kind, deadline, now);
        flagged++;
      }
      return flagged;
    });
  }

  /**
   * After a calendar change (every agency) or an agency's new office hours (that agency): recompute the open dossiers'
   * deadlines from their basis, in batches, each changed dossier with a DEADLINE_RECOMPUTED event. Returns how many changed.
   */
  async recomputeOpenDeadlines(actor: Actor, { reason, agencyCode = null, batchSize = 500 }: RecomputeScope): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    const moved: { before: DossierTimers; after: DossierTimers }[] = [];
    for (;;) {
      const ids: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM dossier WHERE status = ANY($4) AND id > $1 AND ($3::text IS NULL OR agency_code = $3) ORDER BY id LIMIT $2`,
        [after, batchSize, agencyCode, OPEN_STATUSES],
      );
      if (ids.length === 0) return changed;
      after = ids[ids.length - 1].id;
      changed += await this.dataSource.transaction(async (m) => {
        const rows = await m
          .getRepository(Dossier)
          .createQueryBuilder('d')
          .setLock('pessimistic_write')
          .where('d.id IN (:...ids)', { ids: ids.map((r) => r.id) })
          // Still open once locked (it may have finished since the scan); locked in id order, as every multi-row locker does.
          .andWhere('d.status IN (:...open)', { open: OPEN_STATUSES })
          .orderBy('d.id')
          .getMany();
        let n = 0;
        for (const d of rows) {
          const { definition } = await this.procedures.compile(d.procedureCode, d.procedureVersion, m);
          const calendar = await this.calendars.forAgency(d.agencyCode, m);
          const { dueAt, stepDueAt } = deadlinesOf(d, definition, calendar);
          // The due-soon time counts from the extended appointment, so it can move while dueAt and stepDueAt stay.
          const { dueSoonAt } = timerColumns({ ...d, dueAt, stepDueAt }, false, calendar, this.config.timers.dueSoonWorkingDays, this.clock.now());
          if (sameTime(dueAt, d.dueAt) && sameTime(stepDueAt, d.stepDueAt) && sameTime(dueSoonAt, d.dueSoonAt)) continue;
          const data = { previousDueAt: d.dueAt.toISOString(), dueAt: dueAt.toISOString(), reason };
          const before = pendingTimers(d);
          await this.write(m, d, { dueAt, stepDueAt }, { type: 'DEADLINE_RECOMPUTED', at: this.clock.now(), actor, data }, calendar, { system: true });
          moved.push({ before, after: pendingTimers(d) });
          n++;
        }
        return n;
      });
      await this.armAfterCommit(moved.map((x) => x.after), moved.map((x) => movedTimers(x.before, x.after, this.armedUntil())));
      moved.length = 0;
    }
  }

  private async intakeIn(m: EntityManager, input: IntakeInput & { agencyCode: string }, actor: Actor, now: Date) {
    if (input.idempotencyKey) {
      const first = await m.getRepository(Dossier).findOneBy({ idempotencyKey: input.idempotencyKey });
      if (first) return { dossier: replayable(first, input), replayed: true };
    }
    const version = await this.procedures.latestVersion(input.procedureCode, m);
    if (version === null) throw invalidField('procedureCode', `no procedure with code ${input.procedureCode}`);
    // The agency's calendar (cached) is also the check that the agency exists.
    const calendar = await this.calendars.forAgency(input.agencyCode, m).catch((e: unknown) => {
      throw e instanceof NotFoundException ? noSuchAgency(input.agencyCode) : e;
    });
    const procedure = await this.procedures.compile(input.procedureCode, version, m);
    const definition = procedure.definition;
    const receivedAt = input.receivedAt ?? now;
    // Received after hours or after the cut-off counts from the next opening.
    const clockStartedAt = calendar.start(receivedAt, definition.cutoff);
    const snapshot = procedure.workflow.initial();
    const view = procedure.workflow.view(snapshot);
    const step = stepOf(definition, view.stepId);
    const dossier = m.getRepository(Dossier).create({
      // Chosen here so that the dossier and its first event are one statement.
      id: randomUUID(),
      procedureCode: definition.code,
      procedureVersion: definition.version,
      agencyCode: input.agencyCode,
      channel: input.channel,
      applicant: input.applicant,
      documents: input.documents ?? [],
      status: view.status,
      suspendReason: null,
      snapshot,
      stepId: view.stepId,
      stepStartedAt: clockStartedAt,
      stepDueAt: step ? calendar.add(clockStartedAt, step.allotted) : null,
      stepPausedMinutes: 0,
      assigneeId: null,
      receivedAt,
      clockStartedAt,
      pausedMinutes: 0,
      pausedAt: null,
      dueAt: calendar.add(clockStartedAt, processingTime(definition, input.channel)),
      extendedDueAt: null,
      supplementCount: 0,
      finishedAt: null,
      returnedAt: null,
      withdrawnAt: null,
      resultType: null,
      outcome: null,
      lastTransitionAt: receivedAt,
      eventCount: 1,
      version: 1,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    Object.assign(dossier, { dueSoonFlaggedAt: null, overdueFlaggedAt: null, stepOverdueFlaggedAt: null });
    Object.assign(dossier, timerColumns(dossier, true, calendar, this.config.timers.dueSoonWorkingDays, now));
    const received: Partial<DossierEvent> = {
      dossierId: dossier.id,
      seq: 1,
      type: 'RECEIVE',
      at: receivedAt,
      actorId: actor.id,
      actorUsername: actor.username,
      fromStatus: null,
      toStatus: dossier.status,
      fromStep: null,
      toStep: dossier.stepId,
      stepDueAt: dossier.stepDueAt,
      stepOnTime: null,
      note: null,
      data: { channel: input.channel, dueAt: dossier.dueAt.toISOString() },
    };
    Object.assign(dossier, await this.insertReceived(m, dossier, received, receivedAt));
    return { dossier, replayed: false };
  }

  /**
   * Inserts the dossier under the next code `{agency}-{yymmdd}-{sequence}` together with its RECEIVE event, in one
   * statement: the sequence row stays locked until commit (so a failed intake leaves no gap), and every intake of the
   * agency that day waits for it, so it is taken last and held for one statement and the commit only.
   */
  private async insertReceived(m: EntityManager, dossier: Dossier, event: Partial<DossierEvent>, receivedAt: Date) {
    const day = toLocalDate(receivedAt);
    const params: unknown[] = [dossier.agencyCode, day, `${dossier.agencyCode}-${day.slice(2).replaceAll('-', '')}-`];
    const d = sqlColumns(m, Dossier, dossier, params);
    const e = sqlColumns(m, DossierEvent, event, params);
    const inserted: Promise<Pick<Dossier, 'code' | 'createdAt' | 'updatedAt'>[]> = m.query(
      `WITH seq AS (
         INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
         RETURNING $3::text || lpad(last_value::text, greatest(4, length(last_value::text)), '0') AS code
       ), received AS (
         INSERT INTO dossier_event (${e.names.join(', ')}) VALUES (${e.placeholders.join(', ')})
       )
       INSERT INTO dossier (code, ${d.names.join(', ')}) VALUES ((SELECT code FROM seq), ${d.placeholders.join(', ')})
       RETURNING code, created_at AS "createdAt", updated_at AS "updatedAt"`,
      params,
    );
    // Should the agency have gone since its calendar was cached, the foreign key says so.
    const [row] = await inserted.catch((e: unknown) => {
      throw isForeignKeyViolation(e, 'dossier_agency_fk') ? noSuchAgency(dossier.agencyCode) : e;
    });
    return row;
  }

  /** Writes the row and appends its event; system writes (timer flags, recomputation) leave the version alone. */
  private async write(
    m: EntityManager,
    dossier: Dossier,
    patch: Patch,
    event: EventRecord & { type: string; at: Date; actor: Actor },
    calendar: WorkingCalendar,
    opts: { system?: boolean } = {},
  ): Promise<Dossier> {
    const from = { status: dossier.status, stepId: dossier.stepId };
    const version = opts.system ? dossier.version : dossier.version + 1;
    const next = Object.assign(dossier, patch, { version, eventCount: dossier.eventCount + 1 });
    const stepChanged = from.stepId !== next.stepId || 'stepStartedAt' in patch;
    const timers = timerColumns(next, stepChanged, calendar, this.config.timers.dueSoonWorkingDays, this.clock.now());
    Object.assign(next, timers);
    const params: unknown[] = [next.id];
    const set = sqlColumns(m, Dossier, { ...patch, ...timers, version, eventCount: next.eventCount }, params);
    const e = sqlColumns(
      m,
      DossierEvent,
      {
        dossierId: next.id,
        seq: next.eventCount,
        type: event.type,
        at: event.at,
        actorId: event.actor.id,
        actorUsername: event.actor.username,
        fromStatus: from.status,
        toStatus: next.status,
        fromStep: from.stepId,
        toStep: next.stepId,
        stepDueAt: next.stepDueAt,
        stepOnTime: event.stepOnTime ?? null,
        note: event.note ?? null,
        data: event.data ?? {},
      },
      params,
    );
    // The row and its event in one statement: one round trip fewer while the row is locked.
    await m.query(
      `WITH changed AS (
         UPDATE dossier SET ${set.names.map((n, i) => `${n} = ${set.placeholders[i]}`).join(', ')}, updated_at = now() WHERE id = $1
       )
       INSERT INTO dossier_event (${e.names.join(', ')}) VALUES (${e.placeholders.join(', ')})`,
      params,
    );
    return next;
  }

  private async writeFlag(m: EntityManager, dossier: Dossier, kind: DeadlineKind, deadline: Date, now: Date): Promise<void> {
    const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
    const event = { type: FLAG_EVENTS[kind], at: now, actor: SYSTEM_ACTOR, data: { deadline: deadline.toISOString() } };
    await this.write(m, dossier, { [FLAG_FIELDS[kind]]: now }, event, calendar, { system: true });
  }

  /** The latest deadline that may have a job: arming (here and in the reconciliation) stops at the horizon. */
  private armedUntil(): number {
    return this.clock.now().getTime() + this.config.timers.horizonMs;
  }

  /** The transaction has committed; a failure here loses nothing, the reconciliation re-arms from the database. */
  private async armAfterCommit(next: DossierTimers[], previous: DossierTimers[] = []): Promise<void> {
    try {
      await this.scheduler.arm(next, previous);
    } catch (e) {
      this.logger.warn(`arming timers failed (the reconciliation will re-arm them): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** The dossier row, locked until commit (SELECT … FOR UPDATE), or null. */
async function lockDossier(m: EntityManager, id: string): Promise<Dossier | null> {
  const [row]: Record<string, unknown>[] = await m.query('SELECT * FROM dossier WHERE id = $1 FOR UPDATE', [id]);
  return row ? entityFromRow(m, Dossier, row) : null;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

const noSuchAgency = (code: string) => invalidField('agencyCode', `no agency with code ${code}`);

function processingTime(definition: PublishedProcedure, channel: string): Duration {
  return channel === 'online' && definition.onlineProcessingTime ? definition.onlineProcessingTime : definition.processingTime;
}

function stepOf(definition: PublishedProcedure, stepId: string | null) {
  return stepId ? (definition.steps.find((s) => s.id === stepId) ?? null) : null;
}

export interface RecomputeScope {
  reason: 'calendar_changed' | 'office_hours_changed';
  /** Only this agency's dossiers (its office hours changed); every agency when absent. */
  agencyCode?: string | null;
  batchSize?: number;
}

/** The deadlines of a dossier from their basis, so a calendar change can recompute them the same way. */
export function deadlinesOf(
  d: Pick<Dossier, 'clockStartedAt' | 'pausedMinutes' | 'channel' | 'stepId' | 'stepStartedAt' | 'stepPausedMinutes'>,
  definition: PublishedProcedure,
  calendar: WorkingCalendar,
): { dueAt: Date; stepDueAt: Date | null } {
  const dueAt = calendar.addWorkingMinutes(calendar.add(d.clockStartedAt, processingTime(definition, d.channel)), d.pausedMinutes);
  const step = stepOf(definition, d.stepId);
  const stepDueAt =
    step && d.stepStartedAt ? calendar.addWorkingMinutes(calendar.add(d.stepStartedAt, step.allotted), d.stepPausedMinutes) : null;
  return { dueAt, stepDueAt };
}

/** What an allowed event changes besides the machine state: deadlines, timestamps, counters. */
function effects(
  d: Dossier,
  input: EventInput,
  at: Date,
  view: { status: DossierStatus; stepId: string | null },
  definition: PublishedProcedure,
  calendar: WorkingCalendar,
): { patch: Patch; record: EventRecord } {
  const note = input.note?.trim() || null;
  const stepOnTime = d.stepDueAt ? at.getTime() <= d.stepDueAt.getTime() : null;
  const enterStep = (stepId: string | null): Patch => {
    const step = stepOf(definition, stepId);
    return {
      stepId,
      stepStartedAt: step ? at : null,
      stepDueAt: step ? calendar.add(at, step.allotted) : null,
      stepPausedMinutes: 0,
      assigneeId: null,
    };
  };
  const resumeAfterWait = (): Patch => {
    // Whole minutes: the column is an integer and real clocks carry seconds.
    const waited = d.pausedAt ? Math.round(calendar.between(d.pausedAt, at)) : 0;
    const resumed = { ...d, pausedMinutes: d.pausedMinutes + waited, stepPausedMinutes: d.stepPausedMinutes + waited };
    const { dueAt, stepDueAt } = deadlinesOf(resumed, definition, calendar);
    return {
      pausedAt: null,
      suspendReason: null,
      pausedMinutes: resumed.pausedMinutes,
      stepPausedMinutes: resumed.stepPausedMinutes,
      dueAt,
      stepDueAt,
      extendedDueAt: d.extendedDueAt ? calendar.addWorkingMinutes(d.extendedDueAt, waited) : null,
    };
  };

  switch (input.type) {
    case 'FORWARD':
    case 'RETURN': {
      if (input.type === 'RETURN' && !note) throw invalidField('note', 'is required to return a dossier to the previous step');
      return { patch: enterStep(view.stepId), record: { note, stepOnTime } };
    }
    case 'ASSIGN': {
      if (!input.assigneeId) throw invalidField('assigneeId', 'is required to assign the dossier');
      return { patch: { assigneeId: input.assigneeId }, record: { note, data: { assigneeId: input.assigneeId } } };
    }
    case 'REQUEST_SUPPLEMENT': {
      if (!note) throw invalidField('note', 'is required to request a supplement');
      if (!input.missingItems?.length) throw invalidField('missingItems', 'must list at least one missing item');
      return {
        patch: { pausedAt: at, supplementCount: d.supplementCount + 1 },
        record: { note, data: { missingItems: input.missingItems } },
      };
    }
    case 'SUPPLEMENT_RECEIVED': {
      if (definition.supplementPolicy === 'restart') {
        // The clock restarts: the full processing time from the supplement's arrival, from the first step.
        const clockStartedAt = calendar.start(at, definition.cutoff);
        const basis = { channel: d.channel, clockStartedAt, pausedMinutes: 0, stepId: view.stepId, stepStartedAt: clockStartedAt, stepPausedMinutes: 0 };
        const { dueAt, stepDueAt } = deadlinesOf(basis, definition, calendar);
        return {
          patch: { ...basis, stepDueAt, dueAt, pausedAt: null, assigneeId: null },
          record: { note, data: { policy: 'restart', previousDueAt: d.dueAt.toISOString(), dueAt: dueAt.toISOString() } },
        };
      }
      const patch = resumeAfterWait();
      return { patch, record: { note, data: { policy: 'pause', previousDueAt: d.dueAt.toISOString(), dueAt: patch.dueAt!.toISOString() } } };
    }
    case 'SUSPEND': {
      if (!input.reason || !SUSPEND_REASONS.includes(input.reason)) {
        throw invalidField('reason', `must be one of ${SUSPEND_REASONS.join(', ')}`);
      }
      return {
        patch: { pausedAt: at, suspendReason: input.reason as Dossier['suspendReason'] },
        record: { note, data: { reason: input.reason } },
      };
    }
    case 'RESUME': {
      const patch = resumeAfterWait();
      return { patch, record: { note, data: { previousDueAt: d.dueAt.toISOString(), dueAt: patch.dueAt!.toISOString() } } };
    }
    case 'EXTEND': {
      if (!input.extendedDueAt) throw invalidField('extendedDueAt', 'is required: the new appointment date');
      if (input.extendedDueAt.getTime() <= d.dueAt.getTime()) throw invalidField('extendedDueAt', 'must be later than the current dueAt');
      const reason = input.reason?.trim() || note;
      if (!reason) throw invalidField('reason', 'is required: why the agency is late (the apology)');
      return {
        patch: { extendedDueAt: input.extendedDueAt },
        record: { note: note ?? reason, data: { reason, extendedDueAt: input.extendedDueAt.toISOString() } },
      };
    }
    case 'COMPLETE': {
      if (!input.resultType || !RESULT_TYPES.includes(input.resultType)) {
        throw invalidField('resultType', `must be one of ${RESULT_TYPES.join(', ')}`);
      }
      const outcome = classifyOutcome(at, d.dueAt);
      return {
        patch: { ...enterStep(null), finishedAt: at, resultType: input.resultType, outcome },
        record: { note, stepOnTime, data: { resultType: input.resultType, outcome } },
      };
    }
    case 'DELIVER':
      return { patch: { returnedAt: at }, record: { note } };
    case 'WITHDRAW':
      return { patch: { ...enterStep(null), withdrawnAt: at, pausedAt: null }, record: { note } };
  }
}

/** A retry replays the first answer only when it asks for the same intake (same agency, procedure, channel, applicant, documents). */
function replayable(first: Dossier, input: IntakeInput & { agencyCode: string }): Dossier {
  const same =
    first.agencyCode === input.agencyCode &&
    first.procedureCode === input.procedureCode &&
    first.channel === input.channel &&
    canonicalJson(first.applicant) === canonicalJson(input.applicant) &&
    canonicalJson(first.documents ?? []) === canonicalJson(input.documents ?? []) &&
    (!input.receivedAt || input.receivedAt.getTime() === first.receivedAt.getTime());
  if (!same) throw idempotencyKeyReused();
  return first;
}
