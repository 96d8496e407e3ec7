import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { API_ERROR_CODES, type ApiErrorCode, FIELD_ERROR_CODES, type FieldErrorCode, type FieldErrorParams } from '@app/common';

/** One bad field of a 400: which, why in English, and why as a stable code with the numbers a translation needs. */
export class FieldErrorDto {
  @ApiProperty({ example: 'applicant.idNumber', description: 'The field, as a path in the body, query or header name' })
  field!: string;

  @ApiProperty({ example: 'must be 6–20 letters or digits', description: 'A sentence for people (English); clients translate `code`, not this' })
  reason!: string;

  @ApiProperty({ enum: FIELD_ERROR_CODES, enumName: 'FieldErrorCode', example: 'too_long', description: 'Stable machine code of the problem' })
  code!: FieldErrorCode;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { max: 200 },
    description:
      'The values a message needs, by code: `min`/`max`/`exclusiveMin` (too_short, too_long, too_small, too_large, too_few_items, too_many_items, ' +
      'range_too_long, too_deep), `allowed` (not_allowed_value), `format` (bad_format: email, phone, id_number), `unit` and `of` ' +
      '(not_an_integer, not_a_multiple), `kind` (no_such_reference: agency, procedure), `min` as a date or time (too_early), `dueAt` ' +
      '(not_later_than_due), `max` as a time with its offset (extension_too_long), `latest` as a time with its offset (extension_too_late: the last moment an EXTEND may be sent), `role` (assignee_not_eligible: the step\'s role), `interval`/`from`/`to` (office hours), `total`/`limit`/`unit` (…_exceeds_processing_time), `min` (password_too_short), `maxBytes` (password_too_long: UTF-8 bytes), ' +
      '`score`/`minScore` and, when known, `warning` and `suggestions` (comma-separated zxcvbn keys) (password_too_weak)',
  })
  params?: FieldErrorParams;
}

/** The error format of every error answer (api.md): `{ statusCode, error, message, details? }`. */
export class ApiErrorDto {
  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  statusCode!: number;

  @ApiProperty({ enum: API_ERROR_CODES, enumName: 'ApiErrorCode', example: 'validation_failed', description: 'Stable machine code' })
  error!: ApiErrorCode;

  @ApiProperty({ example: 'applicant.idNumber: must be 12 digits (CCCD)', description: 'A sentence for people (English)' })
  message!: string;

  @ApiPropertyOptional({
    description:
      '400: the bad fields (`[{ field, reason, code, params? }]`); 409 event_not_allowed: `{ allowed: [...] }`; 409 concurrent_change: `{ currentVersion }`; ' +
      '400 invalid_procedure: the problems of the definition; 503: the health report',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldErrorDto) } }, { type: 'object', additionalProperties: true }],
  })
  details?: FieldErrorDto[] | Record<string, unknown>;
}

const WHEN: Record<number, string> = {
  400: 'Validation failed: `details` names each field and why (unknown fields are rejected)',
  401: 'No token, a bad or expired one, or (login) wrong credentials (`invalid_credentials`), a missing second-factor code (`totp_required`) or a wrong one (`invalid_totp`)',
  403: 'The caller’s role may not do this, or (`two_factor_required`) the account must first set up its second factor',
  404: 'No such resource, or one outside the caller’s agencies (its existence does not leak)',
  409: 'Not allowed in the current state (`details.allowed`), a concurrent change won (`details.currentVersion`), or the key is taken',
  413: 'Body over 1 MB',
  415: 'Body in a charset other than UTF-8, or an unknown Content-Encoding',
  422: 'The Idempotency-Key was used for a different request (another intake, or another event of this dossier)',
  429: 'Rate limit: retry after `Retry-After` seconds',
  503: 'A dependency (database, queue) is down',
};

/** The error answers an operation can give, each in the one error format. */
export function ApiErrors(...statuses: (keyof typeof WHEN)[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status],
        type: ApiErrorDto,
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      }),
    ),
  );
}
