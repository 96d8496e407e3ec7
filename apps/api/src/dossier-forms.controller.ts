import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/auth';
import { DOSSIER_FORMS, type DossierForm, invalidField } from '@app/common';
import { isUuid } from '@app/database';
import { dossierNotFound } from '@app/dossiers';
import { FormsService } from '@app/forms';
import { ApiErrorDto, ApiErrors } from './api-error.dto';
import { ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { attachmentDisposition } from './content-disposition';

/** The forms of Circular 03/2025 for one dossier, as PDF (api.md "Forms (PDF)"). */
@ApiTags('dossiers')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/dossiers/:id/forms')
export class DossierFormsController {
  constructor(private readonly forms: FormsService) {}

  @Get(':form')
  @ApiOperation({
    summary: 'Print a form of the dossier (PDF)',
    description:
      'Rendered on the server, A4, with an embedded font: `receipt` (Mẫu 01, with the lookup QR code and a Code 128 barcode of the code), ' +
      '`supplement-request` (02, the latest request), `refusal` (03), `apology` (04, the latest extension), `stop-notice` (05, after a ' +
      'withdrawal), `control-sheet` (06, every handover in the event log). 409 `form_not_applicable` when the dossier has no such form.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: "The dossier's id" })
  @ApiParam({ name: 'form', enum: DOSSIER_FORMS, enumName: 'DossierForm', description: 'Which form' })
  @ApiOkResponse({
    description: 'The PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: { 'Content-Disposition': { description: "`inline; filename=\"…\"; filename*=UTF-8''…` (Mẫu NN - title - code.pdf)", schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'The form does not apply to this dossier (`form_not_applicable`)' })
  @ApiErrors(400, 401, 404)
  async form(@Param('id') id: string, @Param('form') form: string, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    if (!isUuid(id)) throw dossierNotFound(id);
    if (!(DOSSIER_FORMS as readonly string[]).includes(form)) {
      throw invalidField('form', `must be one of ${DOSSIER_FORMS.join(', ')}`, 'not_allowed_value', { allowed: DOSSIER_FORMS.join(', ') });
    }
    const { pdf, fileName } = await this.forms.render(id, form as DossierForm, actor);
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', attachmentDisposition(fileName, 'inline'));
    res.setHeader('Content-Length', String(pdf.length));
    // Personal data: a shared desk PC's browser must not keep it.
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(pdf);
  }
}
