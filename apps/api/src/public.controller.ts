import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DossierQueryService } from '@app/dossiers';
import { Public } from './auth.decorators';

/** What a citizen may see of a dossier by its code: status and dates, never the applicant. Rate-limited per address. */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('api/v1/public')
export class PublicController {
  constructor(private readonly queries: DossierQueryService) {}

  @Get('dossiers/:code')
  lookup(@Param('code') code: string) {
    return this.queries.publicLookup(code);
  }
}
