import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AgencyInput, AgencyCalendarService, AgencyService, CalendarService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { OPEN_STATUSES } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { DeadlineScheduler, type DossierTimers, movedTimers, pendingTimers } from '@app/deadlines';
import { ProceduresService } from '@app/procedures';
import { deadlinesOf, timerColumns } from './dossier-deadlines';
import { DossierWriteRepository } from './dossier-write.repository';

export interface RecomputeScope {
  reason: 'calendar_changed' | 'office_hours_changed';
  /** Only this agency's dossiers (its office hours changed); every agency when absent. */
  agencyCode?: string | null;
  batchSize?: number;
}

/** A changed working calendar or office hours move the open dossiers' deadlines: the change, then the recomputation. */
@Injectable()
export class DeadlineRecomputeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly calendars: AgencyCalendarService,
    private readonly calendarDays: CalendarService,
    private readonly agencies: AgencyService,
    private readonly scheduler: DeadlineScheduler,
    private readonly rows: DossierWriteRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async setCalendarDay(date: string, working: boolean, note: string | null, actor: Actor) {
    const day = await this.calendarDays.setDay(date, working, note);
    return { ...day, recomputedDossiers: await this.recomputeOpenDeadlines(actor, { reason: 'calendar_changed' }) };
  }

  async clearCalendarDay(date: string, actor: Actor) {
    const day = await this.calendarDays.clearDay(date);
    return { ...day, recomputedDossiers: await this.recomputeOpenDeadlines(actor, { reason: 'calendar_changed' }) };
  }

  /** New office hours move the open dossiers' deadlines of that agency, as a calendar change moves everyone's. */
  async updateAgency(code: string, input: AgencyInput, actor: Actor) {
    const { agency, hoursChanged } = await this.agencies.update(code, input);
    const recomputedDossiers = hoursChanged ? await this.recomputeOpenDeadlines(actor, { reason: 'office_hours_changed', agencyCode: code }) : 0;
    return { ...agency, recomputedDossiers };
  }

  /**
   * Recomputes the open dossiers' deadlines from their basis, in batches, each changed dossier with a DEADLINE_RECOMPUTED
   * event. Returns how many changed.
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
        // Still open once locked: it may have finished since the scan.
        const rows = await this.rows.lockInStatus(m, ids.map((r) => r.id), OPEN_STATUSES);
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
          await this.rows.write(m, d, { dueAt, stepDueAt }, { type: 'DEADLINE_RECOMPUTED', at: this.clock.now(), actor, data }, calendar, { system: true });
          moved.push({ before, after: pendingTimers(d) });
          n++;
        }
        return n;
      });
      await this.scheduler.armAfterCommit(moved.map((x) => x.after), moved.map((x) => movedTimers(x.before, x.after, this.scheduler.armedUntil())));
      moved.length = 0;
    }
  }
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
