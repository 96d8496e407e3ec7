import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AgencyInput, AgencyCalendarService, AgencyService, CalendarService, DeadlineRecomputeRepository } from '@app/agencies';
import type { AuditContext } from '@app/audit';
import type { Actor } from '@app/auth';
import type { WorkingCalendar } from '@app/calendar';
import { OPEN_STATUSES, type RecomputeReason, type RecomputeStatus } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { type DeadlineRecomputer, DeadlineScheduler, type DossierTimers, movedTimers, pendingTimers, type RecomputeProgress } from '@app/deadlines';
import { ProceduresService } from '@app/procedures';
import { deadlinesOf, timerColumns } from './dossier-deadlines';
import type { Dossier } from './dossier.entity';
import { DossierWriteRepository } from './dossier-write.repository';

const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const BATCH = 500;

/** What a calendar or office-hours answer says about the recomputation it requested. */
export interface RecomputeView {
  id: string;
  status: RecomputeStatus;
  recomputedDossiers: number;
}

export interface RecomputeScope {
  reason: RecomputeReason;
  /** Only this agency's dossiers; every agency's when absent. */
  agencyCode?: string | null;
}

interface Step extends Omit<RecomputeProgress, 'id'> {
  /** Dossiers whose deadlines this step moved. */
  moved: number;
}

/**
 * A changed working calendar or office hours move the open dossiers' deadlines. The change commits together with a
 * deadline_recompute row; the batches then work through the open dossiers in id order, each committing its dossiers with
 * the row's progress, so whoever runs it next (the request itself, a queue job, the reconciliation after a crash) resumes
 * where the last batch ended.
 */
@Injectable()
export class DeadlineRecomputeService implements DeadlineRecomputer {
  private readonly logger = new Logger(DeadlineRecomputeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly calendars: AgencyCalendarService,
    private readonly calendarDays: CalendarService,
    private readonly agencies: AgencyService,
    private readonly scheduler: DeadlineScheduler,
    private readonly rows: DossierWriteRepository,
    private readonly recomputes: DeadlineRecomputeRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async setCalendarDay(date: string, working: boolean, note: string | null, context: AuditContext & { actor: Actor }) {
    const { day, recompute } = await this.calendarDays.setDay(date, working, note, context);
    return withRecompute(day, await this.runInline(recompute.id));
  }

  async clearCalendarDay(date: string, context: AuditContext & { actor: Actor }) {
    const { day, recompute } = await this.calendarDays.clearDay(date, context);
    return withRecompute(day, await this.runInline(recompute.id));
  }

  /** New office hours move the open dossiers' deadlines of that agency, as a calendar change moves everyone's. */
  async updateAgency(code: string, input: AgencyInput, context: AuditContext & { actor: Actor }) {
    const { agency, recompute } = await this.agencies.update(code, input, context, context.actor);
    if (!recompute) return { ...agency, recomputedDossiers: 0, recompute: null };
    return withRecompute(agency, await this.runInline(recompute.id));
  }

  /**
   * Runs a just-requested recomputation in the request for at most RECOMPUTE_INLINE_SECONDS (waiting for a batch another
   * process runs, not skipping it); what remains goes to the queue. The change is committed whatever happens here.
   */
  private async runInline(id: string): Promise<RecomputeView> {
    const budget = this.config.timers.recomputeInlineMs;
    try {
      const { status, recomputedDossiers } = budget > 0 ? await this.drive(id, false, performance.now() + budget) : { status: 'pending', recomputedDossiers: 0 };
      if (status === 'done') return { id, status, recomputedDossiers };
    } catch (e) {
      this.logger.warn(`recomputation ${id} stopped in the request (the queue finishes it): ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.scheduler.startRecompute(id);
    const row = await this.recomputes.find(id);
    return { id, status: row?.doneAt ? 'done' : 'pending', recomputedDossiers: row?.recomputedDossiers ?? 0 };
  }

  /**
   * Requests a recomputation (one that nothing else changed with, e.g. after a migration added calendar days) and runs it
   * to the end; returns how many dossiers' deadlines moved.
   */
  async recomputeOpenDeadlines(actor: Actor, { reason, agencyCode = null }: RecomputeScope): Promise<number> {
    const at = this.clock.now();
    const r = await this.dataSource.transaction((m) => this.recomputes.request(m, { reason, agencyCode, calendarDate: null, actor, at }, true));
    this.calendars.invalidate();
    return (await this.drive(r.id, false, Infinity)).moved;
  }

  /** The queue job's and the reconciliation's way in: skips the recomputation while another process runs a batch of it. */
  async resume(id: string): Promise<RecomputeProgress> {
    // Another process made the change: its NOTIFY may not have reached this process's cached calendars yet.
    this.calendars.invalidate();
    const { status, recomputedDossiers } = await this.drive(id, true, Infinity);
    return { id, status, recomputedDossiers };
  }

  async resumeUnfinished(): Promise<number> {
    let moved = 0;
    const ids = await this.recomputes.unfinished();
    if (ids.length) this.calendars.invalidate();
    for (const id of ids) moved += (await this.drive(id, true, Infinity)).moved;
    return moved;
  }

  /** Batch after batch until done, busy elsewhere, or past `until` (performance.now()). */
  private async drive(id: string, skipLocked: boolean, until: number): Promise<Step> {
    let moved = 0;
    for (;;) {
      const step = await this.batch(id, skipLocked);
      moved += step.moved;
      if (step.status !== 'pending' || performance.now() >= until) return { ...step, moved };
    }
  }

  /**
   * One transaction: the recomputation's row locked, the next open dossiers after its progress read, those whose
   * deadlines differ locked and rewritten each with a DEADLINE_RECOMPUTED event, and the progress advanced past them.
   */
  private async batch(id: string, skipLocked: boolean): Promise<Step> {
    const moved: { before: DossierTimers; after: DossierTimers }[] = [];
    const step = await this.dataSource.transaction(async (m): Promise<Step | null> => {
      const r = await this.recomputes.lockUnfinished(m, id, skipLocked);
      if (!r) return null;
      const dossiers = await this.rows.openAfter(m, r.lastDossierId ?? FIRST_ID, r.agencyCode, BATCH);
      // Read without a lock first: a pass that moves nothing (a repeated request) locks no dossier.
      const stale: string[] = [];
      for (const d of dossiers) if (await this.recomputed(m, d)) stale.push(d.id);
      const actor: Actor = { id: r.actorId, username: r.actorUsername, roles: [], agencyCode: null };
      // Still open once locked: it may have finished since the read.
      for (const d of stale.length ? await this.rows.lockInStatus(m, stale, OPEN_STATUSES) : []) {
        const next = await this.recomputed(m, d);
        if (!next) continue;
        const data = { previousDueAt: d.dueAt.toISOString(), dueAt: next.dueAt.toISOString(), reason: r.reason };
        const before = pendingTimers(d);
        await this.rows.write(m, d, { dueAt: next.dueAt, stepDueAt: next.stepDueAt }, { type: 'DEADLINE_RECOMPUTED', at: this.clock.now(), actor, data }, next.calendar, { system: true });
        moved.push({ before, after: pendingTimers(d) });
      }
      const done = dossiers.length < BATCH;
      await this.recomputes.advance(m, id, dossiers.at(-1)?.id ?? null, moved.length, done ? this.clock.now() : null);
      return { status: done ? 'done' : 'pending', recomputedDossiers: r.recomputedDossiers + moved.length, moved: moved.length };
    });
    if (moved.length) await this.scheduler.armAfterCommit(moved.map((x) => x.after), moved.map((x) => movedTimers(x.before, x.after, this.scheduler.armedUntil())));
    if (step) return step;
    const row = await this.recomputes.find(id);
    return { status: row && !row.doneAt ? 'busy' : 'done', recomputedDossiers: row?.recomputedDossiers ?? 0, moved: 0 };
  }

  /** The dossier's deadlines from their basis on today's calendar, or null when the row already holds them. */
  private async recomputed(m: EntityManager, d: Dossier): Promise<{ dueAt: Date; stepDueAt: Date | null; calendar: WorkingCalendar } | null> {
    const { definition } = await this.procedures.compile(d.procedureCode, d.procedureVersion, m);
    const calendar = await this.calendars.forAgency(d.agencyCode, m);
    // The step's deadline on the calendar of the agency holding it (liên thông).
    const stepCalendar = d.stepAgencyCode && d.stepAgencyCode !== d.agencyCode ? await this.calendars.forAgency(d.stepAgencyCode, m) : calendar;
    const { dueAt, stepDueAt } = deadlinesOf(d, definition, calendar, stepCalendar);
    // The due-soon time counts from the extended appointment, so it can move while dueAt and stepDueAt stay.
    const { dueSoonAt } = timerColumns({ ...d, dueAt, stepDueAt }, false, calendar, this.config.timers.dueSoonWorkingDays, this.clock.now());
    if (sameTime(dueAt, d.dueAt) && sameTime(stepDueAt, d.stepDueAt) && sameTime(dueSoonAt, d.dueSoonAt)) return null;
    return { dueAt, stepDueAt, calendar };
  }
}

/** The answer keeps `recomputedDossiers` (api.md) beside the recomputation it describes. */
function withRecompute<T extends object>(subject: T, recompute: RecomputeView) {
  return { ...subject, recomputedDossiers: recompute.recomputedDossiers, recompute };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
