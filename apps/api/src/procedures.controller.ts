import { Body, Controller, Get, Header, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProceduresService, renderMermaid } from '@app/procedures';
import { ALL_ROLES, Roles } from './auth.decorators';

@ApiTags('procedures')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(private readonly procedures: ProceduresService) {}

  @Get()
  async list() {
    return { items: await this.procedures.list() };
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.procedures.getLatest(code);
  }

  @Get(':code/versions/:version')
  version(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return this.procedures.getVersion(code, version);
  }

  @Get(':code/diagram')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async diagram(@Param('code') code: string) {
    return renderMermaid(await this.procedures.getLatest(code));
  }

  /** The body is validated by the procedures lib, which names each wrong field. */
  @Post()
  @Roles('admin')
  publish(@Body() body: unknown) {
    return this.procedures.publish(body);
  }
}
