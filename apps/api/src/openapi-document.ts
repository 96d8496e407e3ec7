import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ROLES } from '@app/common';
import { ApiErrorDto, FieldErrorDto } from './api-error.dto';

/** The API's OpenAPI document, the same for `/docs-json` and `npm run openapi` (docs/openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Một cửa — dossier engine API')
    .setDescription(
      'One-stop-shop dossier engine for Vietnamese administrative procedures (TTHC). Every `/api/v1` operation needs ' +
        '`Authorization: Bearer <token>` from `POST /api/v1/auth/login`, except the public lookup. Errors are always ' +
        '`{ statusCode, error, message, details? }` with a stable `error` code.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ApiErrorDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const op = item[method];
      if (op) describeAccess(op);
    }
  }
  closeRequestSchemas(document);
  return document;
}

const error = (description: string): ResponseObject => ({ description, content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorDto) } } } });

/**
 * What the auth guard and the body parser answer for every operation, read from the decorators (`@Public`, `@Roles`): the
 * security requirement, who may call it, and the 401 / 403 / 413 / 415 they can give.
 */
function describeAccess(op: OperationObject & { 'x-public'?: boolean; 'x-roles'?: string[]; 'x-during-two-factor-setup'?: boolean }): void {
  const roles = op['x-roles'];
  if (op['x-public']) op.security = [];
  else {
    op.responses['401'] ??= error('No token, or a bad or expired one');
    const forbidden = [
      roles && roles.length < ROLES.length ? 'The caller’s role may not do this' : null,
      // REQUIRE_2FA_ROLES: an account that must still enrol a second factor is refused everywhere else.
      op['x-during-two-factor-setup'] ? null : '`two_factor_required`: the account must first set up its second factor',
    ].filter(Boolean);
    if (forbidden.length) op.responses['403'] ??= error(forbidden.join('; or '));
    if (roles) op.description = [op.description, `Who may call: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
  }
  if (op.requestBody) {
    op.responses['413'] ??= error('Body over 1 MB');
    op.responses['415'] ??= error('Body in a charset other than UTF-8, or an unknown Content-Encoding');
  }
  delete op['x-public'];
}

/** Unknown fields are rejected (400): every schema a request body reaches says so. */
function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const close = (s: SchemaObject | ReferenceObject | undefined): void => {
    if (!s) return;
    if ('$ref' in s) {
      const name = s.$ref.split('/').pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      return close(schemas[name]);
    }
    // Only a plain object schema: on a composition (allOf …) it would forbid the composed properties.
    if (s.properties && !s.allOf && !s.oneOf && !s.anyOf) {
      if (s.additionalProperties === undefined) s.additionalProperties = false;
      Object.values(s.properties).forEach(close);
    }
    if (s.items) close(s.items);
    [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].forEach(close);
  };
  for (const item of Object.values(document.paths)) {
    for (const op of [item.post, item.put, item.patch]) {
      const body = op?.requestBody;
      if (body && !('$ref' in body)) Object.values(body.content).forEach((c) => close(c.schema));
    }
  }
}
