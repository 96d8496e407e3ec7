import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isUuid } from '@app/database';
import type { Actor } from '@app/auth';
import { invalidField } from '@app/common';
import { DossierQueryService, DossierTransitionService, dossierNotFound } from '@app/dossiers';
import { IssuedFormsQueue } from '@app/forms';
import { ApiErrors } from './api-error.dto';
import { ACTING_ROLES, ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { CreateDossierDto, DossierEventDto, ListDossiersQuery } from './dossiers.dto';
import { DossierAssigneeListDto, DossierDetailDto, DossierEventListDto, DossierPageDto } from './dossiers.responses';
import { parseTime } from './parse-time';

const uuid = (id: string) => {
  if (!isUuid(id)) throw dossierNotFound(id);
  return id;
};

/** Any other string answers 404, as an unknown id does. */
const IdParam = () => ApiParam({ name: 'id', format: 'uuid', description: "The dossier's id" });

// Same name as the @Headers() parameter, so the document has one optional header, not a second required one.
const IdempotencyKeyHeader = (description: string) =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description, schema: { type: 'string', maxLength: 200 } });

const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: '`true` when this answer replays an earlier request with the same Idempotency-Key; absent otherwise',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The header's key, trimmed; blank means none. */
function idempotencyKeyOf(header: string | undefined): string | undefined {
  const key = header?.trim() || undefined;
  if (key && key.length > 200) throw invalidField('Idempotency-Key', 'must be at most 200 characters', 'too_long', { max: 200 });
  return key;
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly transitions: DossierTransitionService,
    private readonly queries: DossierQueryService,
    private readonly issuedForms: IssuedFormsQueue,
  ) {}

  @Post()
  @Roles('admin', 'reception')
  @ApiOperation({
    summary: 'Receive a dossier',
    description:
      'Receives a dossier for the latest version of the procedure: gives it its code, pins the procedure version, starts the ' +
      'first step and computes the appointment (dueAt). `agencyCode` is the resolving agency: a reception officer may name any agency ' +
      'its desk receives for (liên thông; else 403). With an `Idempotency-Key` (the receiving desk’s own), a retry of the same intake answers the first dossier.',
  })
  @IdempotencyKeyHeader('A retried intake with the same key returns the first result; blank means none')
  @ApiCreatedResponse({ type: DossierDetailDto, description: 'The new dossier, or the first one for a retried Idempotency-Key', headers: REPLAYED_HEADER })
  @ApiErrors(400, 401, 403, 413, 415, 422)
  async intake(
    @Body() body: CreateDossierDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ) {
    const { dossier, replayed } = await this.transitions.intake(
      { ...body, receivedAt: parseTime('receivedAt', body.receivedAt), idempotencyKey: idempotencyKeyOf(idempotencyKey) },
      actor,
    );
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    // The receipt is filed with the dossier by the workers (issue 17).
    await this.issuedForms.afterEvent(dossier.id, 'RECEIVE');
    return this.queries.detail(dossier, actor);
  }

  @Get()
  @ApiOperation({
    summary: 'List dossiers',
    description: "The dossiers of the caller's agencies matching the filters, newest first unless sorted otherwise; keyset-paginated with `cursor`.",
  })
  @ApiOkResponse({ type: DossierPageDto, description: 'One page of dossiers' })
  @ApiErrors(400, 401, 404)
  list(@Query() query: ListDossiersQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get('by-code/:code')
  @ApiOperation({ summary: 'Get a dossier by its code', description: 'The dossier with this code, as the caller sees it now.' })
  @ApiParam({ name: 'code', description: "The dossier's code", example: 'H12.01-261123-0001' })
  @ApiOkResponse({ type: DossierDetailDto, description: 'The dossier' })
  @ApiErrors(400, 401, 404)
  byCode(@Param('code') code: string, @CurrentActor() actor: Actor) {
    return this.queries.getByCode(code, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a dossier', description: 'The dossier with this id, as the caller sees it now.' })
  @IdParam()
  @ApiOkResponse({ type: DossierDetailDto, description: 'The dossier' })
  @ApiErrors(400, 401, 404)
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(uuid(id), actor);
  }

  /** Which role may send which event at which step is decided with the dossier in hand (the transition path). */
  @Post(':id/events')
  @Roles(...ACTING_ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an event to a dossier',
    description:
      "Moves the dossier on (forward, return, supplement, suspend, extend, complete, deliver, withdraw…) if its procedure's " +
      "workflow allows the event in the current state and the current step's role may send it; logs the event and answers the changed dossier. " +
      'ASSIGN takes an officer from `GET …/assignees`; EXTEND reaches at most the processing time (times EXTEND_MAX_FACTOR) past `dueAt` and must be sent at least EXTENSION_LEAD_WORKING_DAYS working days (default 1) before `dueAt` (else 400 extension_too_late). ' +
      'With an `Idempotency-Key`, a retry of the same event sends nothing and answers the dossier as it is now.',
  })
  @IdParam()
  @IdempotencyKeyHeader("A retried event with the same key and body (this dossier) is not sent again; blank means none")
  @ApiOkResponse({ type: DossierDetailDto, description: 'The dossier after the event; for a retried Idempotency-Key, the dossier as it is now', headers: REPLAYED_HEADER })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async event(
    @Param('id') id: string,
    @Body() body: DossierEventDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ) {
    const key = idempotencyKeyOf(idempotencyKey);
    const { dossier, replayed } = await this.transitions.apply(
      uuid(id),
      {
        ...body,
        extendedDueAt: parseTime('extendedDueAt', body.extendedDueAt),
        occurredAt: parseTime('occurredAt', body.occurredAt),
        expectedVersion: body.expectedVersion ?? undefined, // null passed @IsOptional(): no expectation, not a lost race
        idempotencyKey: key,
      },
      actor,
    );
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    await this.issuedForms.afterEvent(dossier.id, body.type);
    return this.queries.detail(dossier, actor);
  }

  @Get(':id/assignees')
  @ApiOperation({
    summary: 'List whom the dossier can be assigned to',
    description: "The active officers of the agency holding the dossier's current step who hold that step's role: what ASSIGN accepts.",
  })
  @IdParam()
  @ApiOkResponse({ type: DossierAssigneeListDto, description: 'The eligible officers, by full name' })
  @ApiErrors(400, 401, 404)
  assignees(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.assigneesOf(uuid(id), actor);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: "List a dossier's events",
    description: "Every event of the dossier in order, the system's timer flags included: the process control sheet (phiếu kiểm soát).",
  })
  @IdParam()
  @ApiOkResponse({ type: DossierEventListDto, description: 'The events, oldest first' })
  @ApiErrors(400, 401, 404)
  events(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.events(uuid(id), actor);
  }
}
