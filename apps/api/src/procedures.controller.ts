import { Body, Controller, Get, Header, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ProcedurePublishingService, ProceduresService, renderMermaid } from '@app/procedures';
import { ProcedureDefinitionDto, ProcedureDto, ProcedureListDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { ALL_ROLES, Roles } from './auth.decorators';
import { CurrentContext, type RequestContext } from './request-context';

const CODE_PARAM = { name: 'code', description: 'The procedure code', example: '1.001193' };

@ApiTags('procedures')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly publishing: ProcedurePublishingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List procedures', description: 'The latest version of every procedure, by code.' })
  @ApiOkResponse({ type: ProcedureListDto })
  @ApiErrors(401)
  async list() {
    return { items: await this.procedures.list() };
  }

  @Get(':code')
  @ApiOperation({ summary: 'Get a procedure', description: 'The latest version of one procedure.' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: ProcedureDto })
  @ApiErrors(400, 401, 404)
  get(@Param('code') code: string) {
    return this.procedures.getLatest(code);
  }

  @Get(':code/versions/:version')
  @ApiOperation({ summary: 'Get a procedure version', description: 'One published version: dossiers stay on the version they were received under.' })
  @ApiParam(CODE_PARAM)
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 }, example: 1 })
  @ApiOkResponse({ type: ProcedureDto })
  @ApiErrors(400, 401, 404)
  version(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return this.procedures.getVersion(code, version);
  }

  // The media type is declared on the 200 alone: errors still leave as JSON (ApiExceptionFilter), which @ApiProduces would hide.
  @Get(':code/diagram')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Procedure diagram',
    description: 'The latest version as a Mermaid flowchart (steps, roles, allotments and the events between them), to check a definition by eye.',
  })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({
    description: 'Mermaid flowchart source',
    content: { 'text/plain': { schema: { type: 'string' }, example: 'flowchart TD\n  intake(["1.001193 Đăng ký thành lập hộ kinh doanh<br/>Tiếp nhận hồ sơ"])\n  …' } },
  })
  @ApiErrors(400, 401, 404)
  async diagram(@Param('code') code: string) {
    return renderMermaid(await this.procedures.getLatest(code));
  }

  /** The body is validated by the procedures lib, which names each wrong field. */
  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Publish a procedure version',
    description:
      'Publishes a definition as the next version of its code (1 for a new code). Dossiers already received stay on their version. ' +
      'An invalid definition is a 400 `invalid_procedure` whose `details` lists every problem (`[{ field, reason, code, params? }]`, fields as JSON paths).',
  })
  @ApiBody({ type: ProcedureDefinitionDto })
  @ApiCreatedResponse({ type: ProcedureDto, description: 'The published version' })
  @ApiErrors(400, 401, 403, 413, 415)
  publish(@Body() body: unknown, @CurrentContext() context: RequestContext) {
    return this.publishing.publish(body, context);
  }
}
