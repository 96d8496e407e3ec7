import { Injectable, Logger, NotFoundException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { type CalendarException, WorkingCalendar } from '@app/calendar';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';

const CHANNEL = 'calendar_changed';

/**
 * Working calendars per agency, kept in memory: every process of the product caches them,
 * and a change anywhere is announced with NOTIFY so every process drops its copy.
 */
@Injectable()
export class AgencyCalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AgencyCalendarService.name);
  private exceptions: Promise<CalendarException[]> | null = null;
  private readonly calendars = new Map<string, Promise<WorkingCalendar>>();
  private listener: Client | null = null;
  private closing = false;
  private readonly listeners: (() => void)[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** The calendar with the default office hours (for agency-independent questions). */
  async defaultCalendar(): Promise<WorkingCalendar> {
    return new WorkingCalendar({ exceptions: await this.loadExceptions(this.dataSource.manager) });
  }

  async forAgency(agencyCode: string, manager: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    let calendar = this.calendars.get(agencyCode);
    if (!calendar) {
      calendar = this.build(agencyCode, manager);
      this.calendars.set(agencyCode, calendar);
      calendar.catch(() => this.calendars.delete(agencyCode));
    }
    return calendar;
  }

  /** Announces a change of calendar days, agencies or office hours to every process, when the caller's transaction commits. */
  async announceChange(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify('${CHANNEL}', '')`);
    this.invalidate();
  }

  invalidate(): void {
    this.exceptions = null;
    this.calendars.clear();
    for (const listener of this.listeners) listener();
  }

  /** Other caches of reference data (the agency tree) drop themselves with the calendars. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Reads on the caller's connection: a caller inside a transaction must never wait for a second pool connection. */
  private async build(agencyCode: string, manager: EntityManager): Promise<WorkingCalendar> {
    const agency = await manager.getRepository(Agency).findOneBy({ code: agencyCode });
    if (!agency) throw new NotFoundException(`No agency with code ${agencyCode}`);
    return new WorkingCalendar({ officeHours: agency.officeHours ?? undefined, exceptions: await this.loadExceptions(manager) });
  }

  private loadExceptions(manager: EntityManager): Promise<CalendarException[]> {
    if (!this.exceptions) {
      const loading = manager.getRepository(CalendarDay).find();
      this.exceptions = loading;
      loading.catch(() => (this.exceptions = null));
    }
    return this.exceptions;
  }

  private listenLater(): void {
    if (this.closing) return;
    setTimeout(() => void this.listen().catch(() => this.listenLater()), 1000).unref();
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url });
    client.on('notification', () => this.invalidate());
    client.on('error', (e: Error) => {
      // A lost listener could miss a change: forget the cache and listen again.
      this.logger.warn(`calendar listener lost: ${e.message}`);
      this.invalidate();
      this.listener = null;
      void client.end().catch(() => undefined);
      this.listenLater();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }
}
