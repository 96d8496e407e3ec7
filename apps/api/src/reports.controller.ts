import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AgencyService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { MAX_REGISTER_ROWS, RegisterService } from '@app/forms';
import { DigitizationMetricsService, LatenessReportService, LiveCountsService, type ReportScope, ReportsService, XLSX_CONTENT_TYPE, report06aFileName, report06aWorkbook } from '@app/reports';
import { ApiErrors } from './api-error.dto';
import { CurrentActor, Roles } from './auth.decorators';
import { attachmentDisposition } from './content-disposition';
import { LatenessQuery, LiveQuery, RegisterQuery, Report06aQuery, ReportQuery } from './reports.dto';
import { Digitization766Dto, LatenessReportDto, LiveReportDto, OverdueDossierStepDto, Progress766Dto, Report06aDto, ReportSummaryDto } from './reports.responses';

const SCOPE = 'A supervisor sees their agency and the agencies under it, other officers their own agency, an administrator all.';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'leader')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly liveCounts: LiveCountsService,
    private readonly lateness: LatenessReportService,
    private readonly digitization: DigitizationMetricsService,
    private readonly agencies: AgencyService,
    private readonly register: RegisterService,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'Report summary', description: `The 06a numbers of the whole selection over a period, with the shares. ${SCOPE}` })
  @ApiOkResponse({ type: ReportSummaryDto })
  @ApiErrors(400, 401, 403, 404)
  async summary(@Query() q: ReportQuery, @CurrentActor() actor: Actor) {
    return this.reports.summary(q, await this.scope(q, actor));
  }

  // The media types are declared on the 200 alone: errors leave as JSON whatever the format asked.
  @Get('06a')
  @ApiOperation({
    summary: 'Biểu 06a',
    description:
      'The 06a table, one row per agency, field or procedure, and the total; `format=xlsx` answers the national form as a workbook. ' +
      'Each dossier counts once: under its resolving agency with `groupBy=agency` (a dossier received at a commune desk for a provincial ' +
      'department counts under the department), under the desk that received it with `groupBy=receiving`. Either way the dossiers are ' +
      `those of the agencies in the scope by resolving agency, so the totals agree. ${SCOPE}`,
  })
  @ApiExtraModels(Report06aDto)
  @ApiOkResponse({
    description: 'JSON by default; with `format=xlsx`, the workbook as an attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(Report06aDto) } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': {
        description: 'With `format=xlsx` only: the file name',
        schema: { type: 'string', example: 'attachment; filename="bieu-06a_2026-01-01_2026-03-31_agency.xlsx"' },
      },
    },
  })
  @ApiErrors(400, 401, 403, 404)
  async report06a(@Query() q: Report06aQuery, @CurrentActor() actor: Actor) {
    const report = await this.reports.report06a(q, q.groupBy, await this.scope(q, actor));
    if (q.format !== 'xlsx') return report;
    return new StreamableFile(await report06aWorkbook(report), {
      type: XLSX_CONTENT_TYPE,
      disposition: `attachment; filename="${report06aFileName(report)}"`,
    });
  }

  @Get('766/progress')
  @ApiOperation({
    summary: '766 progress score',
    description: `Decision 766/QĐ-TTg, progress group: resolved in time or still within the deadline, over resolved or in progress, scored out of 20. ${SCOPE}`,
  })
  @ApiOkResponse({ type: Progress766Dto })
  @ApiErrors(400, 401, 403, 404)
  async progress766(@Query() q: ReportQuery, @CurrentActor() actor: Actor) {
    return this.reports.progress766(q, await this.scope(q, actor));
  }

  @Get('766/digitization')
  @ApiOperation({
    summary: '766 digitization metrics',
    description:
      'Decision 766/QĐ-TTg, digitization group, not scored: `electronicResult` = dossiers finished in the period with a result file, over ' +
      'those finished (the 06a resolved column); `digitizedComponents` = paper dossiers (direct or postal) received in the period with a ' +
      'component file for every document line, over those received (the 06a direct-or-postal column; online ones are electronic already); ' +
      '`digitizedComponentsAndResult` = finished dossiers with every line digitized (online: as received) and a result file, over those ' +
      'finished; `reuse` is not computed. Files count as they stood at the end of the period, a superseded one replaced by its successor. ' +
      SCOPE,
  })
  @ApiOkResponse({ type: Digitization766Dto })
  @ApiErrors(400, 401, 403, 404)
  async digitization766(@Query() q: ReportQuery, @CurrentActor() actor: Actor) {
    return this.digitization.digitization766(q, await this.scope(q, actor));
  }

  /** Open, due-soon, overdue… dossiers now, per agency of the caller's scope, and the most overdue ones: the dashboard's poll. */
  @Get('live')
  @ApiOperation({
    summary: 'Live counters',
    description: `Open, due-soon, overdue… dossiers now, in total and per agency, and the ten most overdue ones: the dashboard’s poll. ${SCOPE}`,
  })
  @ApiExtraModels(OverdueDossierStepDto)
  @ApiOkResponse({ type: LiveReportDto })
  @ApiErrors(400, 401, 403, 404)
  async live(@Query() q: LiveQuery, @CurrentActor() actor: Actor) {
    return this.liveCounts.live(await this.scope(q, actor), q.groupBy);
  }

  @Get('lateness')
  @ApiOperation({
    summary: 'Step lateness per agency',
    description:
      'Per agency that held the steps (liên thông: not the resolving agency): the steps it finished in the period (by the local date they ' +
      'were forwarded, returned or completed), how many after their deadline, and the working minutes late on its own calendar; and, now, ' +
      'how many steps it holds past their deadline. A step returned to another agency counts for the agency that held it. The scope and ' +
      `\`agencyCode\` apply to the agency that held the steps: ${SCOPE}`,
  })
  @ApiOkResponse({ type: LatenessReportDto })
  @ApiErrors(400, 401, 403, 404)
  async latenessReport(@Query() q: LatenessQuery, @CurrentActor() actor: Actor) {
    return this.lateness.lateness(q, await this.scope(q, actor));
  }

  @Get('register')
  @ApiOperation({
    summary: 'Sổ theo dõi hồ sơ (Mẫu 07)',
    description:
      'The register of Circular 03/2025 (Mẫu 07): one row per dossier received at the desks of the selection during the period ' +
      '(refused and withdrawn ones included, with a note), by time of receipt, whichever agency resolves it: the code, procedure, ' +
      'applicant, address and phone, resolving agency, received, the appointment given at intake, the first handover to another ' +
      'agency, the result (COMPLETE) and its delivery (DELIVER). The desks are those of the caller’s agencies, or `agencyCode` and ' +
      `the agencies under it. \`format=pdf\` (the default): A4 landscape, the header row repeated on each page; \`format=xlsx\`: one sheet, ` +
      `the dates as Excel dates in Vietnam's wall time. At most ${MAX_REGISTER_ROWS.pdf} dossiers in a PDF, ${MAX_REGISTER_ROWS.xlsx} in a workbook: a ` +
      `longer register is 400 \`too_many_rows\` on \`to\` (choose a shorter period). ${SCOPE}`,
  })
  @ApiOkResponse({
    description: 'The register as an attachment',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': {
        description: "`attachment; filename=\"…\"; filename*=UTF-8''…`: Mẫu 07 - Sổ theo dõi hồ sơ - agency - from_to.pdf (or .xlsx)",
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(400, 401, 403, 404)
  // Names, addresses and phone numbers: a shared desk PC's browser must not keep them.
  @Header('Cache-Control', 'private, no-store')
  async registerFile(@Query() q: RegisterQuery, @CurrentActor() actor: Actor) {
    const file = await this.register.render(q, await this.scope(q, actor), actor, q.format ?? 'pdf');
    return new StreamableFile(file.bytes, { type: file.contentType, disposition: attachmentDisposition(file.fileName), length: file.bytes.length });
  }

  private async scope(q: Partial<ReportQuery>, actor: Actor): Promise<ReportScope> {
    // The same scope as for reading dossiers: a supervisor their subtree, other officers their agency, an administrator all.
    return { agencyCodes: await this.agencies.scopeFor(actor, q.agencyCode), agencyCode: q.agencyCode, procedureCode: q.procedureCode, field: q.field };
  }
}
