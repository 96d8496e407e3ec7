import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidField, notFound } from '@app/common';
import { AgencyCalendarService } from './agency-calendar.service';
import { CalendarDay } from './calendar-day.entity';

const MAX_RANGE_DAYS = 366 * 2;

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: AgencyCalendarService,
  ) {}

  async days(from: string, to: string, agencyCode?: string) {
    if (to < from) throw invalidField('to', 'must not be before from', 'end_before_start');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) throw invalidField('to', `the range may span at most ${MAX_RANGE_DAYS} days`, 'range_too_long', { max: MAX_RANGE_DAYS });
    const calendar = agencyCode ? await this.calendars.forAgency(agencyCode) : await this.calendars.defaultCalendar();
    return { items: calendar.days(from, to) };
  }

  /** Sets one date's exception; the caller recomputes the open dossiers' deadlines. */
  async setDay(date: string, working: boolean, note: string | null) {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(CalendarDay).upsert({ date, working, note }, ['date']);
      await this.calendars.announceChange(m);
    });
    this.calendars.invalidate();
    return { date, working, note };
  }

  /** Drops one date's exception, so the Monday–Friday rule applies again; the caller recomputes the open dossiers' deadlines. */
  async clearDay(date: string) {
    const removed = await this.dataSource.transaction(async (m) => {
      const result = await m.getRepository(CalendarDay).delete({ date });
      if (result.affected) await this.calendars.announceChange(m);
      return !!result.affected;
    });
    if (!removed) throw notFound(`calendar exception on ${date}`);
    this.calendars.invalidate();
    const [day] = (await this.calendars.defaultCalendar()).days(date, date);
    return day;
  }
}
