import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isUuid } from '@app/database';
import type { Actor } from '@app/auth';
import { invalidField } from '@app/common';
import { DossierQueryService, DossierTransitionService, dossierNotFound } from '@app/dossiers';
import { ACTING_ROLES, ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { CreateDossierDto, DossierEventDto, ListDossiersQuery } from './dossiers.dto';
import { parseTime } from './parse-time';

const uuid = (id: string) => {
  if (!isUuid(id)) throw dossierNotFound(id);
  return id;
};

@ApiTags('dossiers')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly transitions: DossierTransitionService,
    private readonly queries: DossierQueryService,
  ) {}

  @Post()
  @Roles('admin', 'reception')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried intake with the same key returns the first result' })
  async intake(
    @Body() body: CreateDossierDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const key = idempotencyKey?.trim() || undefined;
    if (key && key.length > 200) throw invalidField('Idempotency-Key', 'must be at most 200 characters');
    const { dossier, replayed } = await this.transitions.intake(
      { ...body, receivedAt: parseTime('receivedAt', body.receivedAt), idempotencyKey: key },
      actor,
    );
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return this.queries.view(dossier, actor);
  }

  @Get()
  list(@Query() query: ListDossiersQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get('by-code/:code')
  byCode(@Param('code') code: string, @CurrentActor() actor: Actor) {
    return this.queries.getByCode(code, actor);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(uuid(id), actor);
  }

  /** Which role may send which event at which step is decided with the dossier in hand (the transition path). */
  @Post(':id/events')
  @Roles(...ACTING_ROLES)
  @HttpCode(200)
  async event(@Param('id') id: string, @Body() body: DossierEventDto, @CurrentActor() actor: Actor) {
    const dossier = await this.transitions.apply(
      uuid(id),
      {
        ...body,
        extendedDueAt: parseTime('extendedDueAt', body.extendedDueAt),
        occurredAt: parseTime('occurredAt', body.occurredAt),
        expectedVersion: body.expectedVersion ?? undefined, // null passed @IsOptional(): no expectation, not a lost race
      },
      actor,
    );
    return this.queries.view(dossier, actor);
  }

  @Get(':id/events')
  events(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.events(uuid(id), actor);
  }
}
