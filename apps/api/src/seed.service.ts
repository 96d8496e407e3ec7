import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NATIONAL_CALENDAR_DAYS } from '@app/calendar';
import { ProcedurePublishingService, ProcedureVersion, SEED_PROCEDURES } from '@app/procedures';
import { Agency, CalendarDay, SEED_AGENCIES } from '@app/agencies';
import { SYSTEM_ACTOR } from '@app/auth';

/** Reference data at every start, demo data for the default one (create-api.ts). */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publishing: ProcedurePublishingService,
  ) {}

  /** National reference data every deployment needs; an administrator's own change of a date wins. */
  async seedReferenceData(): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CalendarDay)
      .values(NATIONAL_CALENDAR_DAYS.map((h) => ({ date: h.date, working: h.working, note: h.note })))
      .orIgnore()
      .execute();
  }

  /** Demo agencies and the six example procedures, only for the default (embedded) start. */
  async seedDemo(): Promise<void> {
    await this.dataSource.getRepository(Agency).createQueryBuilder().insert().values(SEED_AGENCIES).orIgnore().execute();
    for (const definition of SEED_PROCEDURES) {
      const exists = await this.dataSource.getRepository(ProcedureVersion).existsBy({ code: definition.code });
      // The audit log names the system as the publisher of the demo versions.
      if (!exists) await this.publishing.publish(definition, { actor: SYSTEM_ACTOR, ip: null, userAgent: null });
    }
    this.logger.log(`Demo data ready: ${SEED_AGENCIES.length} agencies, ${SEED_PROCEDURES.length} procedures`);
  }
}
