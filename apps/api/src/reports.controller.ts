import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AgencyService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { LiveCountsService, type ReportScope, ReportsService, XLSX_CONTENT_TYPE, report06aFileName, report06aWorkbook } from '@app/reports';
import { CurrentActor, Roles } from './auth.decorators';
import { LiveQuery, Report06aQuery, ReportQuery } from './reports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'leader')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly liveCounts: LiveCountsService,
    private readonly agencies: AgencyService,
  ) {}

  @Get('summary')
  async summary(@Query() q: ReportQuery, @CurrentActor() actor: Actor) {
    return this.reports.summary(q, await this.scope(q, actor));
  }

  @Get('06a')
  @ApiProduces('application/json', XLSX_CONTENT_TYPE)
  async report06a(@Query() q: Report06aQuery, @CurrentActor() actor: Actor) {
    const report = await this.reports.report06a(q, q.groupBy, await this.scope(q, actor));
    if (q.format !== 'xlsx') return report;
    return new StreamableFile(await report06aWorkbook(report), {
      type: XLSX_CONTENT_TYPE,
      disposition: `attachment; filename="${report06aFileName(report)}"`,
    });
  }

  @Get('766/progress')
  async progress766(@Query() q: ReportQuery, @CurrentActor() actor: Actor) {
    return this.reports.progress766(q, await this.scope(q, actor));
  }

  /** Open, due-soon, overdue… dossiers now, per agency of the caller's scope, and the most overdue ones: the dashboard's poll. */
  @Get('live')
  async live(@Query() q: LiveQuery, @CurrentActor() actor: Actor) {
    return this.liveCounts.live(await this.scope(q, actor));
  }

  private async scope(q: Partial<ReportQuery>, actor: Actor): Promise<ReportScope> {
    // The same scope as for reading dossiers: a supervisor their subtree, other officers their agency, an administrator all.
    return { agencyCodes: await this.agencies.scopeFor(actor, q.agencyCode), agencyCode: q.agencyCode, procedureCode: q.procedureCode, field: q.field };
  }
}
