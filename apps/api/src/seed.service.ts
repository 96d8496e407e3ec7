import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HOLIDAYS_2026 } from '@app/calendar';
import { ProcedureVersion, ProceduresService, SEED_PROCEDURES } from '@app/procedures';
import { Agency, CalendarDay, SEED_AGENCIES } from '@app/agencies';

/** Reference data at every start, demo data for the default one (create-api.ts). */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
  ) {}

  /** National reference data every deployment needs; an administrator's own change of a date wins. */
  async seedReferenceData(): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CalendarDay)
      .values(HOLIDAYS_2026.map((h) => ({ date: h.date, working: h.working, note: h.note ?? null })))
      .orIgnore()
      .execute();
  }

  /** Demo agencies and the six example procedures, only for the default (embedded) start. */
  async seedDemo(): Promise<void> {
    await this.dataSource.getRepository(Agency).createQueryBuilder().insert().values(SEED_AGENCIES).orIgnore().execute();
    for (const definition of SEED_PROCEDURES) {
      const exists = await this.dataSource.getRepository(ProcedureVersion).existsBy({ code: definition.code });
      if (!exists) await this.procedures.publish(definition);
    }
    this.logger.log(`Demo data ready: ${SEED_AGENCIES.length} agencies, ${SEED_PROCEDURES.length} procedures`);
  }
}
