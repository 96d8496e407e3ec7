import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_OFFICE_HOURS } from '@app/calendar';
import { Agency } from './agency.entity';

@Injectable()
export class AgencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list() {
    const rows = await this.dataSource.getRepository(Agency).find({ order: { code: 'ASC' } });
    return {
      items: rows.map((a) => ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode, officeHours: a.officeHours ?? DEFAULT_OFFICE_HOURS })),
    };
  }
}
