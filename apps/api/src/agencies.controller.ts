import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AgencyService } from '@app/dossiers';
import { ActorGuard } from './actor.guard';

@ApiTags('agencies')
@UseGuards(ActorGuard)
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyService) {}

  @Get()
  list() {
    return this.agencies.list();
  }
}
