import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { HealthService } from './health.service';
import { Public } from './auth.decorators';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Whether the database, the deadline queue and the file storage answer, each within 2 seconds. When one does not: 503 `unhealthy`, its `details` the same report (HealthDto).',
  })
  @ApiOkResponse({ type: HealthDto, description: 'Every check is up' })
  @ApiErrors(503)
  async check() {
    const report = await this.health.check();
    if (report.status !== 'ok') throw new ServiceUnavailableException({ error: 'unhealthy', message: 'A dependency is down', details: report });
    return report;
  }
}
