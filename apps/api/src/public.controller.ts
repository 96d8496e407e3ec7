import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DossierQueryService } from '@app/dossiers';
import { ApiErrors } from './api-error.dto';
import { Public } from './auth.decorators';
import { PublicDossierDto } from './dossiers.responses';

/** What a citizen may see of a dossier by its code: status and dates, never the applicant. Rate-limited per address. */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('api/v1/public')
export class PublicController {
  constructor(private readonly queries: DossierQueryService) {}

  @Get('dossiers/:code')
  @ApiOperation({
    summary: 'Look up a dossier by its code',
    description: "A dossier's status and dates by the code printed on the receipt; never the applicant's data. Rate-limited per client address.",
  })
  @ApiParam({ name: 'code', description: "The dossier's code, as printed on the receipt", example: 'H12.01-261123-0001' })
  @ApiOkResponse({ type: PublicDossierDto, description: "The dossier's status and dates" })
  @ApiErrors(400, 404, 429)
  lookup(@Param('code') code: string) {
    return this.queries.publicLookup(code);
  }
}
