import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@app/auth';
import { FILE_CONTENT_TYPES, invalidField, UPLOAD_FILE_KINDS, type UploadFileKind } from '@app/common';
import { AppConfig } from '@app/config';
import { isUuid } from '@app/database';
import { DossierFilesService, dossierNotFound } from '@app/dossiers';
import { ApiErrorDto, ApiErrors } from './api-error.dto';
import { ACTING_ROLES, ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { parseRange } from './byte-range';
import { attachmentDisposition } from './content-disposition';
import { DossierFileDto, DossierFileListDto } from './dossier-files.responses';
import { readMultipartFile } from './multipart-upload';

const uuid = (id: string) => {
  if (!isUuid(id)) throw dossierNotFound(id);
  return id;
};

const FIELDS = ['kind', 'documentCode', 'supersedes'];
// eslint-disable-next-line no-control-regex -- exactly what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

const DOWNLOAD_HEADERS = {
  ETag: { description: 'The SHA-256 of the bytes, quoted', schema: { type: 'string' } },
  'Content-Disposition': { description: "`attachment; filename=\"…\"; filename*=UTF-8''…`", schema: { type: 'string' } },
  'Accept-Ranges': { description: '`bytes`', schema: { type: 'string' } },
};

const BINARY = Object.fromEntries(FILE_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string' as const, format: 'binary' } }]));

const IdParam = () => ApiParam({ name: 'id', format: 'uuid', description: "The dossier's id" });

/** Dossier files (api.md "Files"): upload (multipart, streamed), list, download (ETag, ranges). The public lookup never shows them. */
@ApiTags('dossiers')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@Controller('api/v1/dossiers/:id/files')
export class DossierFilesController {
  constructor(
    private readonly files: DossierFilesService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(...ACTING_ROLES)
  @ApiOperation({
    summary: 'Attach a file to a dossier',
    description:
      'Streams one file into the storage, then records it (a FILE_ATTACHED event in the dossier’s log). Send the fields first, then the file: ' +
      '`kind`, `documentCode` (a component’s required document), `supersedes` (the file it replaces), then `file`. The type is detected from ' +
      'the content (PDF, JPEG, PNG, TIFF; else 415 `unsupported_file_type`), at most FILE_MAX_BYTES per file and DOSSIER_FILES_MAX_BYTES per ' +
      'dossier (413, the upload stops being stored at once). A component is attached while the dossier is open by the current step’s officers ' +
      'or the receiving desk; a result by whoever may COMPLETE now, or by the completing step’s officers until the dossier is delivered.',
  })
  @IdParam()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...UPLOAD_FILE_KINDS], description: 'Before the file' },
        documentCode: { type: 'string', maxLength: 50, description: "A code of the procedure version's requiredDocuments; before the file" },
        supersedes: { type: 'string', format: 'uuid', description: 'The id of the file of this dossier it replaces; before the file' },
        file: { type: 'string', format: 'binary', description: 'The bytes, last' },
      },
    },
  })
  @ApiCreatedResponse({ type: DossierFileDto, description: 'The file, recorded' })
  @ApiResponse({ status: 413, type: ApiErrorDto, description: 'The file passes FILE_MAX_BYTES, or the dossier’s files together DOSSIER_FILES_MAX_BYTES (`details.scope`: file or dossier); nothing is stored' })
  @ApiResponse({ status: 415, type: ApiErrorDto, description: 'The content is not PDF, JPEG, PNG or TIFF (`unsupported_file_type`, `details.detected`), or the body is not multipart/form-data' })
  @ApiResponse({ status: 503, type: ApiErrorDto, description: 'The file storage does not answer (`storage_unavailable`): no file, no event recorded' })
  @ApiErrors(400, 401, 403, 404)
  async upload(@Param('id') id: string, @Req() req: Request, @CurrentActor() actor: Actor): Promise<DossierFileDto> {
    const dossierId = uuid(id);
    const part = await readMultipartFile(req, this.config.files.maxBytes + 1);
    try {
      const { fields } = part;
      const unknown = Object.keys(fields).find((f) => !FIELDS.includes(f));
      if (unknown) throw invalidField(unknown, 'is not a field of an upload', 'unknown_field');
      if (part.fieldName !== 'file') throw invalidField(part.fieldName, 'the file part must be named file', 'unknown_field');
      if (!fields.kind) throw invalidField('kind', 'is required, before the file', 'required');
      if (!(UPLOAD_FILE_KINDS as readonly string[]).includes(fields.kind)) {
        throw invalidField('kind', `must be one of ${UPLOAD_FILE_KINDS.join(', ')}`, 'not_allowed_value', { allowed: UPLOAD_FILE_KINDS.join(', ') });
      }
      const documentCode = fields.documentCode?.trim() || null;
      const supersedes = fields.supersedes?.trim() || null;
      if (supersedes && !isUuid(supersedes)) throw invalidField('supersedes', 'must be the id of a file of this dossier', 'no_such_reference', { kind: 'file' });
      // The name alone (some browsers send a path), without control characters (NUL cannot be stored, CR/LF not sent back).
      const fileName = part.fileName.split(/[/\\]/).pop()!.replace(CONTROL_CHARACTERS, '').trim();
      if (!fileName) throw invalidField('file', 'needs a file name', 'required');
      if (fileName.length > 255) throw invalidField('file', 'name must be at most 255 characters', 'too_long', { max: 255 });
      return await this.files.upload(dossierId, { kind: fields.kind as UploadFileKind, documentCode, supersedes, fileName, body: part.body, ended: part.ended }, actor);
    } catch (e) {
      part.abandon();
      throw e;
    }
  }

  @Get()
  @ApiOperation({ summary: "List a dossier's files", description: 'Every file of the dossier, oldest first, superseded ones included (files are immutable evidence).' })
  @IdParam()
  @ApiOkResponse({ type: DossierFileListDto, description: 'The files' })
  @ApiErrors(400, 401, 404)
  list(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.files.list(uuid(id), actor);
  }

  @Get(':fileId')
  @ApiOperation({
    summary: 'Download a file',
    description:
      'The bytes, streamed, with the detected `Content-Type`, `Content-Disposition` (the Vietnamese name in `filename*`), `ETag` (the SHA-256: ' +
      '`If-None-Match` answers 304) and range requests (`Range: bytes=a-b`, one range: 206; unsatisfiable: 416).',
  })
  @IdParam()
  @ApiParam({ name: 'fileId', format: 'uuid', description: "The file's id" })
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range, e.g. `bytes=0-1023`', schema: { type: 'string' } })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag held: 304 when it is this file', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'The whole file', content: BINARY, headers: DOWNLOAD_HEADERS })
  @ApiResponse({ status: 206, description: 'The range asked for', content: BINARY, headers: { ...DOWNLOAD_HEADERS, 'Content-Range': { description: '`bytes a-b/size`', schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag is this file' })
  @ApiResponse({ status: 416, type: ApiErrorDto, description: 'Range not satisfiable (`range_not_satisfiable`; `Content-Range: bytes */size`)' })
  @ApiResponse({ status: 503, type: ApiErrorDto, description: 'The file storage does not answer (`storage_unavailable`)' })
  @ApiErrors(400, 401, 404)
  async download(@Param('id') id: string, @Param('fileId') fileId: string, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const file = await this.files.find(uuid(id), fileId, actor);
    const etag = `"${file.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Cache-Control', 'private, no-cache');
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${file.size}`);
      throw new HttpException({ error: 'range_not_satisfiable', message: `The file has ${file.size} bytes` }, 416);
    }
    const { body } = await this.files.open(file, range);
    res.status(range ? 206 : 200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : file.size));
    if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    // A client that goes away ends the stream; nothing is left to answer.
    await pipeline(body, res).catch(() => undefined);
  }
}


function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
