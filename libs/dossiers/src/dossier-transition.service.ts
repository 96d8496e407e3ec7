import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AgencyCalendarService, AgencyService } from '@app/agencies';
import { type Actor, SYSTEM_ACTOR } from '@app/auth';
import { canonicalJson, type DeadlineKind, type DossierForm, type FileKind, forbidden, invalidField } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { isUniqueViolation } from '@app/database';
import { DEADLINE_TABLE, type DeadlineFlagger, type DeadlineJobData, DeadlineScheduler, type DossierTimers, movedTimers, pendingTimers } from '@app/deadlines';
import { ProceduresService } from '@app/procedures';
import { AssigneeRepository } from './assignee.repository';
import { handoverOf, processingTime, stepAgencyAt, stepAgencyOf, stepOf, timerColumns } from './dossier-deadlines';
import type { AttachInput, AttachedFile } from './dossier-input';
import { Dossier } from './dossier.entity';
import { actingAgencyFor, type AttachContext, DOSSIER_EVENTS, type DossierHolders, mayAct, mayAttach, rolesAllowedFor } from './dossier-event.catalogue';
import { DossierFile } from './dossier-file.entity';
import type { DossierEvent } from './dossier-event.entity';
import { assigneeNotEligible, concurrentChange, dossierNotFound, eventNotAllowed, idempotencyKeyReused, storageUnavailable } from './dossier-errors';
import { dossierFileSql } from './dossier-file.repository';
import type { EventInput, IntakeInput } from './dossier-input';
import { DossierWriteRepository, noSuchAgency } from './dossier-write.repository';

/**
 * The one transition path (architecture.md): every change to a dossier, intake included, is
 * one transaction that locks the row, asks the pinned machine, computes deadlines, writes the row and one event.
 */
@Injectable()
export class DossierTransitionService implements DeadlineFlagger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly calendars: AgencyCalendarService,
    private readonly agencies: AgencyService,
    private readonly scheduler: DeadlineScheduler,
    private readonly rows: DossierWriteRepository,
    private readonly assignees: AssigneeRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * `agencyCode` is the resolving agency (default the caller's); the receiving desk is the caller's agency (an
   * administrator's default: the resolving agency). A reception officer may name any agency its desk receives for
   * (liên thông, the agency's `receivesFor`); only an administrator names another desk or any agency.
   */
  async intake(input: IntakeInput, actor: Actor): Promise<{ dossier: Dossier; replayed: boolean }> {
    const now = this.clock.now();
    const admin = actor.roles.includes('admin');
    if (input.receivedAt && !admin) throw forbidden('Only an administrator may back-date receivedAt');
    if (input.receivedAt && input.receivedAt.getTime() > now.getTime()) throw invalidField('receivedAt', 'must not be in the future', 'in_the_future');
    const agencyCode = input.agencyCode ?? actor.agencyCode;
    if (!agencyCode) throw invalidField('agencyCode', 'is required when the caller has no agency', 'required');
    if (input.receivingAgencyCode && input.receivingAgencyCode !== actor.agencyCode && !admin) {
      throw forbidden('Only an administrator may record a dossier as received at another desk');
    }
    // An administrator is no desk (imports, corrections): unless named, the resolving agency received it.
    const receivingAgencyCode = input.receivingAgencyCode ?? (admin ? agencyCode : (actor.agencyCode ?? agencyCode));
    if (!admin && agencyCode !== actor.agencyCode && !(actor.agencyCode && (await this.agencies.servedBy(actor.agencyCode)).includes(agencyCode))) {
      throw forbidden(`Your agency's desk does not receive dossiers for agency ${agencyCode} (see the agency's receivesFor)`);
    }
    if (receivingAgencyCode !== agencyCode && !(await this.agencies.exists(receivingAgencyCode))) {
      throw invalidField('receivingAgencyCode', `no agency with code ${receivingAgencyCode}`, 'no_such_reference', { kind: 'agency' });
    }
    const request = { ...input, agencyCode, receivingAgencyCode };
    try {
      const result = await this.dataSource.transaction((m) => this.intakeIn(m, request, actor, now));
      if (!result.replayed) await this.scheduler.armAfterCommit([pendingTimers(result.dossier)]);
      return result;
    } catch (e) {
      // A concurrent retry with the same key committed first: answer with its dossier.
      if (input.idempotencyKey && isUniqueViolation(e, 'dossier_idempotency_key')) {
        const first = await this.dataSource.getRepository(Dossier).findOneBy({ receivingAgencyCode, idempotencyKey: input.idempotencyKey });
        if (first) return { dossier: replayable(first, request), replayed: true };
      }
      throw e;
    }
  }

  /**
   * Sends an event. With an idempotency key, a retry of the same request (same dossier, key and body) sends nothing and
   * answers the dossier as it is now, with `replayed`; the same key with another body is a 422.
   */
  async apply(id: string, input: EventInput, actor: Actor): Promise<{ dossier: Dossier; replayed: boolean }> {
    const now = this.clock.now();
    if (input.occurredAt && !actor.roles.includes('admin')) throw forbidden('Only an administrator may back-date occurredAt');
    if (input.occurredAt && input.occurredAt.getTime() > now.getTime()) throw invalidField('occurredAt', 'must not be in the future', 'in_the_future');
    const keyed = input.idempotencyKey ? { idempotencyKey: input.idempotencyKey, requestDigest: requestDigest(input) } : null;
    let before: DossierTimers | null = null;
    const result = await this.dataSource.transaction(async (m) => {
      const dossier = await this.rows.lock(m, id);
      // An officer acts only on dossiers their own agency is part of (dossier_agency); others do not learn that it exists.
      if (!dossier || (!actor.roles.includes('admin') && !(actor.agencyCode && (await this.rows.involves(m, id, actor.agencyCode))))) throw dossierNotFound(id);
      // Read with the row locked: a concurrent request with the same key has committed its event or not started it.
      if (keyed) {
        const digest = await this.rows.keyedEventDigest(m, id, keyed.idempotencyKey);
        if (digest !== null) {
          if (digest !== keyed.requestDigest) throw idempotencyKeyReused('event');
          return { dossier, replayed: true };
        }
      }
      before = pendingTimers(dossier);
      if (input.expectedVersion !== undefined && input.expectedVersion !== dossier.version) throw concurrentChange(dossier.version);
      // Read once the row is ours: a change that committed while this one waited for it is earlier, and never dated
      // before the last transition (another API host's clock may run a little ahead); only a back-dated event can be.
      const at = input.occurredAt ?? new Date(Math.max(this.clock.now().getTime(), dossier.lastTransitionAt.getTime()));
      if (at.getTime() < dossier.lastTransitionAt.getTime()) {
        throw invalidField('occurredAt', `must not be earlier than the dossier's last transition (${dossier.lastTransitionAt.toISOString()})`, 'too_early', {
          min: dossier.lastTransitionAt.toISOString(),
        });
      }
      const procedure = await this.procedures.compile(dossier.procedureCode, dossier.procedureVersion, m);
      const step = stepOf(procedure.definition, dossier.stepId);
      const holders: DossierHolders = { step: dossier.stepAgencyCode, receiving: dossier.receivingAgencyCode, resolving: dossier.agencyCode };
      if (!mayAct(actor, input.type, step, holders)) {
        const at = actingAgencyFor(input.type, holders);
        throw forbidden(`${input.type} at this point is for the role(s): ${rolesAllowedFor(input.type, step).join(', ')}${at ? ` of agency ${at}` : ''}`);
      }
      const event = { type: input.type, beforeDue: at.getTime() < dossier.dueAt.getTime() };
      if (!procedure.workflow.can(dossier.snapshot, event)) {
        throw eventNotAllowed(input.type, dossier.status, procedure.workflow.allowedEvents(dossier.snapshot, event));
      }
      if (input.type === 'ASSIGN' && input.assigneeId !== undefined) {
        const eligible = step && (await this.assignees.isEligible(m, input.assigneeId, stepAgencyOf(dossier, step), step.role));
        if (!eligible) throw assigneeNotEligible(step?.role ?? 'none');
      }
      const snapshot = procedure.workflow.transition(dossier.snapshot, event);
      const view = procedure.workflow.view(snapshot);
      const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
      // The step after the event and the agency holding it: a different agency is a handover (liên thông).
      const fromAgency = dossier.stepAgencyCode;
      const toAgency = stepAgencyAt(dossier, procedure.definition, view.stepId);
      const stepCalendar = toAgency && toAgency !== dossier.agencyCode ? await this.calendars.forAgency(toAgency, m) : calendar;
      const note = input.note?.trim() || null;
      const stepOnTime = dossier.stepDueAt ? at.getTime() <= dossier.stepDueAt.getTime() : null;
      const { extendMaxFactor, extensionLeadWorkingDays } = this.config.dossiers;
      const { patch, record } = DOSSIER_EVENTS[input.type].effect({
        dossier, input, at, view, definition: procedure.definition, calendar, stepCalendar, note, stepOnTime, extendMaxFactor, extensionLeadWorkingDays,
      });
      const handover = handoverOf(fromAgency, toAgency);
      const written = await this.rows.write(
        m,
        dossier,
        { ...patch, snapshot, status: view.status, lastTransitionAt: at, stepAgencyCode: toAgency },
        { type: input.type, at, actor, ...record, ...keyed, ...handover },
        calendar,
      );
      if (handover.toAgency) await this.rows.addAgencies(m, written.id, [handover.toAgency]);
      return { dossier: written, replayed: false };
    });
    if (result.replayed) return result;
    const next = pendingTimers(result.dossier);
    await this.scheduler.armAfterCommit([next], before ? [movedTimers(before, next, this.scheduler.armedUntil())] : []);
    return result;
  }

  /**
   * A timer fired: set the flag and log the event, once.
   * 'stale' when the deadline moved, the flag is set or the clock is stopped; 'early' when it is not yet due.
   */
  async flag(job: DeadlineJobData): Promise<'flagged' | 'stale' | 'early'> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const dossier = await this.rows.lock(m, job.dossierId);
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
      let flagged = 0;
      for (const dossier of await this.rows.lockAvailable(m, dossierIds)) {
        const deadline = pendingTimers(dossier)[kind];
        if (!deadline || deadline.getTime() > now.getTime()) continue;
        await this.writeFlag(m, dossier, kind, deadline, now);
        flagged++;
      }
      return flagged;
    });
  }

  /**
   * Whether the caller may attach this file to the dossier now (403; 400 for an unknown documentCode or supersedes), read
   * before any byte is streamed; answers how many bytes the dossier may still take (DOSSIER_FILES_MAX_BYTES, 413 at none).
   * The caller has checked that the dossier is visible to them (404 otherwise).
   */
  async checkAttach(id: string, input: AttachInput, actor: Actor): Promise<{ remainingBytes: number }> {
    const m = this.dataSource.manager;
    const dossier = await m.getRepository(Dossier).findOneBy({ id });
    if (!dossier) throw dossierNotFound(id);
    return this.attachChecks(m, dossier, input, actor, 0);
  }

  /**
   * FILE_ATTACHED through the one path: with the row locked, the same checks again (the dossier may have moved while the
   * bytes flowed), then the file row and its event in one transaction. The bytes are already stored under their hash: a
   * refusal here leaves an unreferenced object, which the orphan sweep removes.
   */
  /** `stillStored` confirms the bytes under the object's lock, which the orphan sweep takes before it deletes them. */
  async attachFile(id: string, file: AttachedFile, actor: Actor, stillStored: () => Promise<boolean>): Promise<DossierFile> {
    return this.dataSource.transaction(async (m) => {
      const dossier = await this.rows.lock(m, id);
      if (!dossier) throw dossierNotFound(id);
      await this.attachChecks(m, dossier, file, actor, file.size);
      await dossierFileSql.lockObject(m, file.sha256);
      if (!(await stillStored())) throw storageUnavailable();
      const at = new Date(Math.max(this.clock.now().getTime(), dossier.lastTransitionAt.getTime()));
      const row = m.getRepository(DossierFile).create({
        id: randomUUID(),
        dossierId: id,
        kind: file.kind,
        documentCode: file.documentCode ?? null,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        uploadedAt: at,
        uploadedById: actor.id,
        uploadedByUsername: actor.username,
        supersedes: file.supersedes ?? null,
        form: null,
        issuedForSeq: null,
        eventSeq: dossier.eventCount + 1,
      });
      const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
      const data = { fileId: row.id, kind: row.kind, documentCode: row.documentCode, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, supersedes: row.supersedes };
      // No machine event and no version change (an officer's pending FORWARD stays valid): the row only counts one event more.
      const written = await this.rows.write(m, dossier, {}, { type: 'FILE_ATTACHED', at, actor, data }, calendar, { system: true });
      row.eventSeq = written.eventCount;
      // (The entity refers to itself: typing its insert as a deep partial does not terminate.)
      await m.getRepository(DossierFile).insert(row as never);
      return row;
    });
  }

  /**
   * Files the form an event issued (kind `form`, by the system), once per event: a second filing of the same event returns
   * null. No rights to check (nobody uploads it), no quota (the applicant's papers are not crowded out by the office's).
   */
  async fileIssuedForm(
    id: string,
    file: { form: DossierForm; issuedForSeq: number; fileName: string; size: number; sha256: string },
    stillStored: () => Promise<boolean>,
  ): Promise<DossierFile | null> {
    return this.dataSource.transaction(async (m) => {
      const dossier = await this.rows.lock(m, id);
      if (!dossier) throw dossierNotFound(id);
      if (await m.getRepository(DossierFile).existsBy({ dossierId: id, issuedForSeq: file.issuedForSeq })) return null;
      await dossierFileSql.lockObject(m, file.sha256);
      if (!(await stillStored())) throw storageUnavailable();
      const at = new Date(Math.max(this.clock.now().getTime(), dossier.lastTransitionAt.getTime()));
      const row = m.getRepository(DossierFile).create({
        id: randomUUID(),
        dossierId: id,
        kind: 'form',
        documentCode: null,
        fileName: file.fileName,
        contentType: 'application/pdf',
        size: file.size,
        sha256: file.sha256,
        uploadedAt: at,
        uploadedById: SYSTEM_ACTOR.id,
        uploadedByUsername: SYSTEM_ACTOR.username,
        supersedes: null,
        form: file.form,
        issuedForSeq: file.issuedForSeq,
        eventSeq: dossier.eventCount + 1,
      });
      const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
      const data = { fileId: row.id, kind: row.kind, form: row.form, issuedForSeq: row.issuedForSeq, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256 };
      const written = await this.rows.write(m, dossier, {}, { type: 'FILE_ATTACHED', at, actor: SYSTEM_ACTOR, data }, calendar, { system: true });
      row.eventSeq = written.eventCount;
      await m.getRepository(DossierFile).insert(row as never);
      return row;
    });
  }

  private async attachChecks(m: EntityManager, dossier: Dossier, input: AttachInput, actor: Actor, size: number): Promise<{ remainingBytes: number }> {
    const procedure = await this.procedures.compile(dossier.procedureCode, dossier.procedureVersion, m);
    const step = stepOf(procedure.definition, dossier.stepId);
    const holders: DossierHolders = { step: dossier.stepAgencyCode, receiving: dossier.receivingAgencyCode, resolving: dossier.agencyCode };
    const at = this.clock.now();
    let completedBy: AttachContext['completedBy'] = null;
    if (dossier.status === 'result_ready') {
      const [last]: { step: string | null }[] = await m.query(
        "SELECT from_step AS step FROM dossier_event WHERE dossier_id = $1 AND type = 'COMPLETE' ORDER BY seq DESC LIMIT 1",
        [dossier.id],
      );
      const completing = last ? stepOf(procedure.definition, last.step) : null;
      if (completing) completedBy = { role: completing.role, agencyCode: stepAgencyAt(dossier, procedure.definition, completing.id) };
    }
    const context: AttachContext = {
      status: dossier.status,
      step,
      holders,
      canComplete: procedure.workflow.can(dossier.snapshot, { type: 'COMPLETE', beforeDue: at.getTime() < dossier.dueAt.getTime() }),
      completedBy,
    };
    if (!mayAttach(actor, input.kind, context)) throw forbidden(attachRule(input.kind));
    if (input.documentCode !== undefined && input.documentCode !== null) {
      const codes = procedure.definition.requiredDocuments.map((d) => d.code);
      if (!codes.includes(input.documentCode)) {
        throw invalidField('documentCode', `must be one of the procedure's required documents: ${codes.join(', ') || 'none'}`, 'no_such_reference', { kind: 'document' });
      }
    }
    if (input.supersedes) {
      const [old]: unknown[] = await m.query('SELECT 1 FROM dossier_file WHERE id = $1 AND dossier_id = $2', [input.supersedes, dossier.id]);
      if (!old) throw invalidField('supersedes', 'must be a file of this dossier', 'no_such_reference', { kind: 'file' });
    }
    const [{ used }]: { used: string }[] = await m.query('SELECT coalesce(sum(size), 0) AS used FROM dossier_file WHERE dossier_id = $1', [dossier.id]);
    const remainingBytes = this.config.files.dossierMaxBytes - Number(used);
    if (remainingBytes <= 0 || size > remainingBytes) throw dossierFilesFull(this.config.files.dossierMaxBytes);
    return { remainingBytes };
  }

  private async intakeIn(m: EntityManager, input: IntakeInput & { agencyCode: string; receivingAgencyCode: string }, actor: Actor, now: Date) {
    if (input.idempotencyKey) {
      const first = await m.getRepository(Dossier).findOneBy({ receivingAgencyCode: input.receivingAgencyCode, idempotencyKey: input.idempotencyKey });
      if (first) return { dossier: replayable(first, input), replayed: true };
    }
    const version = await this.procedures.latestVersion(input.procedureCode, m);
    if (version === null) throw invalidField('procedureCode', `no procedure with code ${input.procedureCode}`, 'no_such_reference', { kind: 'procedure' });
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
    const stepAgencyCode = step ? stepAgencyOf(input, step) : null;
    // The first step's deadline on the calendar of the agency holding it (a named one must still exist).
    const stepCalendar =
      stepAgencyCode && stepAgencyCode !== input.agencyCode
        ? await this.calendars.forAgency(stepAgencyCode, m).catch((e: unknown) => {
            throw e instanceof NotFoundException ? noSuchAgency(stepAgencyCode) : e;
          })
        : calendar;
    const dossier = m.getRepository(Dossier).create({
      // Chosen here so that the dossier and its first event are one statement.
      id: randomUUID(),
      procedureCode: definition.code,
      procedureVersion: definition.version,
      agencyCode: input.agencyCode,
      receivingAgencyCode: input.receivingAgencyCode,
      stepAgencyCode,
      channel: input.channel,
      applicant: input.applicant,
      documents: input.documents ?? [],
      status: view.status,
      suspendReason: null,
      snapshot,
      stepId: view.stepId,
      stepStartedAt: clockStartedAt,
      stepDueAt: step ? stepCalendar.add(clockStartedAt, step.allotted) : null,
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
      lookupKey: randomBytes(16).toString('hex'),
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
      // The desk hands the dossier to the agency holding its first step when that is another (liên thông).
      ...handoverOf(input.receivingAgencyCode, stepAgencyCode),
      note: null,
      data: { channel: input.channel, dueAt: dossier.dueAt.toISOString() },
    };
    Object.assign(dossier, await this.rows.insertReceived(m, dossier, received, receivedAt));
    await this.rows.addAgencies(m, dossier.id, [input.agencyCode, input.receivingAgencyCode, ...(stepAgencyCode ? [stepAgencyCode] : [])]);
    return { dossier, replayed: false };
  }

  private async writeFlag(m: EntityManager, dossier: Dossier, kind: DeadlineKind, deadline: Date, now: Date): Promise<void> {
    const calendar = await this.calendars.forAgency(dossier.agencyCode, m);
    const event = { type: DEADLINE_TABLE[kind].event, at: now, actor: SYSTEM_ACTOR, data: { deadline: deadline.toISOString() } };
    await this.rows.write(m, dossier, { [DEADLINE_TABLE[kind].flagField]: now }, event, calendar, { system: true });
  }
}

const ATTACH_RULES: Record<FileKind, string> = {
  component: "A component is attached while the dossier is open, by the current step's officers or the receiving desk",
  result: 'A result is attached by whoever may COMPLETE the dossier now, or by the completing step’s officers until it is delivered',
  form: 'An issued form is filed by the system at its event',
};

function attachRule(kind: FileKind): string {
  return ATTACH_RULES[kind];
}

/** 413: the dossier's files together would pass DOSSIER_FILES_MAX_BYTES. */
export function dossierFilesFull(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException({ error: 'payload_too_large', message: `The dossier's files together may not exceed ${limit} bytes (DOSSIER_FILES_MAX_BYTES)`, details: { limit, scope: 'dossier' } });
}

/** What a keyed event asked for, as a digest: a retry sends the same body; the version it expected is a condition, not the request. */
function requestDigest(input: EventInput): string {
  const { idempotencyKey: _key, expectedVersion: _version, ...request } = input;
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** A retry replays the first answer only when it asks for the same intake (same agencies, procedure, channel, applicant, documents). */
function replayable(first: Dossier, input: IntakeInput & { agencyCode: string; receivingAgencyCode: string }): Dossier {
  const same =
    first.agencyCode === input.agencyCode &&
    first.receivingAgencyCode === input.receivingAgencyCode &&
    first.procedureCode === input.procedureCode &&
    first.channel === input.channel &&
    canonicalJson(first.applicant) === canonicalJson(input.applicant) &&
    canonicalJson(first.documents ?? []) === canonicalJson(input.documents ?? []) &&
    (!input.receivedAt || input.receivedAt.getTime() === first.receivedAt.getTime());
  if (!same) throw idempotencyKeyReused();
  return first;
}
