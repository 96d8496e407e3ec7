import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditEntry, AuditService } from '@app/audit';
import { formatLocal } from '@app/calendar';
import { ApiErrors } from './api-error.dto';
import { auditFilter, AuditQuery } from './audit.dto';
import { AuditEntryDto, AuditEntryListDto } from './audit.responses';
import { Roles } from './auth.decorators';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'Audit log',
    description:
      'The administrative actions (accounts, agencies, procedures, the calendar, sign-ins), newest first: who, when, what changed and from which address. ' +
      'The log is append-only. Page with `cursor` (the previous answer’s `nextCursor`).',
  })
  @ApiOkResponse({ type: AuditEntryListDto })
  @ApiErrors(400, 401, 403)
  async list(@Query() q: AuditQuery): Promise<AuditEntryListDto> {
    const page = await this.audit.list(auditFilter(q));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }
}

function toDto(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    at: formatLocal(e.at),
    actor: { id: e.actorId, username: e.actorUsername },
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before,
    after: e.after,
    ip: e.ip,
    userAgent: e.userAgent,
  };
}
