import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from './actor';
import { AgencyCalendarService } from './agency-calendar.service';
import { CalendarDay } from './calendar-day.entity';
import { DossierTransitionService } from './dossier-transition.service';
import { invalidField, notFound } from './dossier-errors';

const MAX_RANGE_DAYS = 366 * 2;

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: AgencyCalendarService,
    private readonly transitions: DossierTransitionService,
  ) {}

  async days(from: string, to: string, agencyCode?: string) {
    if (to < from) throw invalidField('to', 'must not be before from');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) throw invalidField('to', `the range may span at most ${MAX_RANGE_DAYS} days`);
    const calendar = agencyCode ? await this.calendars.forAgency(agencyCode) : await this.calendars.defaultCalendar();
    return { items: calendar.days(from, to) };
  }

  /** Sets one date's exception and recomputes the deadlines of every open dossier. */
  async setDay(date: string, working: boolean, note: string | null, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(CalendarDay).upsert({ date, working, note }, ['date']);
      await this.calendars.announceChange(m);
    });
    this.calendars.invalidate();
    const recomputed = await this.transitions.recomputeOpenDeadlines(actor, { reason: 'calendar_changed' });
    return { date, working, note, recomputedDossiers: recomputed };
  }

  /** Drops one date's exception, so the Monday–Friday rule applies again, and recomputes the deadlines of every open dossier. */
  async clearDay(date: string, actor: Actor) {
    const removed = await this.dataSource.transaction(async (m) => {
      const result = await m.getRepository(CalendarDay).delete({ date });
      if (result.affected) await this.calendars.announceChange(m);
      return !!result.affected;
    });
    if (!removed) throw notFound(`calendar exception on ${date}`);
    this.calendars.invalidate();
    const recomputed = await this.transitions.recomputeOpenDeadlines(actor, { reason: 'calendar_changed' });
    const [day] = (await this.calendars.defaultCalendar()).days(date, date);
    return { ...day, recomputedDossiers: recomputed };
  }
}
