import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_OFFICE_HOURS } from '@app/calendar';
import { Agency } from '@app/dossiers';
import { ActorGuard } from './actor.guard';

@ApiTags('agencies')
@UseGuards(ActorGuard)
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async list() {
    const rows = await this.dataSource.getRepository(Agency).find({ order: { code: 'ASC' } });
    return {
      items: rows.map((a) => ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode, officeHours: a.officeHours ?? DEFAULT_OFFICE_HOURS })),
    };
  }
}
