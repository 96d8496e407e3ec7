import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidField, notFound } from '@app/common';
import { type AuditContext, AuditService, changedFields } from '@app/audit';
import { Clock } from '@app/config';
import { AgencyCalendarService } from './agency-calendar.service';
import { CalendarDay } from './calendar-day.entity';
import { DeadlineRecomputeRepository, type RecomputeRequest } from './deadline-recompute.repository';

/** Who changes the calendar: the recomputation's events and the audit log name them. */
type Requester = AuditContext & { actor: RecomputeRequest['actor'] };

const MAX_RANGE_DAYS = 366 * 2;

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: AgencyCalendarService,
    private readonly recomputes: DeadlineRecomputeRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async days(from: string, to: string, agencyCode?: string) {
    if (to < from) throw invalidField('to', 'must not be before from', 'end_before_start');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) throw invalidField('to', `the range may span at most ${MAX_RANGE_DAYS} days`, 'range_too_long', { max: MAX_RANGE_DAYS });
    const calendar = agencyCode ? await this.calendars.forAgency(agencyCode) : await this.calendars.defaultCalendar();
    return { items: calendar.days(from, to) };
  }

  /**
   * Sets one date's exception and, in the same transaction, requests the recomputation of every open dossier's deadlines,
   * which the caller runs. The same day again resumes a recomputation a crash left unfinished, or checks them all anew.
   */
  async setDay(date: string, working: boolean, note: string | null, requester: Requester) {
    const recompute = await this.dataSource.transaction(async (m) => {
      const [before]: { working: boolean; note: string | null }[] = await m.query('SELECT working, note FROM calendar_day WHERE date = $1 FOR UPDATE', [date]);
      await m.getRepository(CalendarDay).upsert({ date, working, note }, ['date']);
      await this.calendars.announceChange(m);
      const change = before ? changedFields(before, { working, note }) : { before: null, after: { working, note } };
      await this.audit.record({ action: 'calendar.day_set', target: { type: 'calendar_day', id: date }, ...change, context: requester }, m);
      return this.recomputes.request(m, this.recomputeOf(date, requester), before?.working !== working);
    });
    this.calendars.invalidate();
    return { day: { date, working, note }, recompute };
  }

  /** Drops one date's exception, so the Monday–Friday rule applies again; requested with it, as setDay, the recomputation. */
  async clearDay(date: string, requester: Requester) {
    const recompute = await this.dataSource.transaction(async (m) => {
      // TypeORM answers a DELETE … RETURNING with [rows, affected].
      const [[before]]: [{ working: boolean; note: string | null }[], number] = await m.query('DELETE FROM calendar_day WHERE date = $1 RETURNING working, note', [date]);
      if (!before) return null;
      await this.calendars.announceChange(m);
      await this.audit.record({ action: 'calendar.day_cleared', target: { type: 'calendar_day', id: date }, before, after: null, context: requester }, m);
      return this.recomputes.request(m, this.recomputeOf(date, requester), true);
    });
    if (!recompute) throw notFound(`calendar exception on ${date}`);
    this.calendars.invalidate();
    const [day] = (await this.calendars.defaultCalendar()).days(date, date);
    return { day, recompute };
  }

  private recomputeOf(date: string, requester: Requester): RecomputeRequest {
    return { reason: 'calendar_changed', agencyCode: null, calendarDate: date, actor: requester.actor, at: this.clock.now() };
  }
}
