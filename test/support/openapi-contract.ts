import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../apps/api/src/openapi-document';

interface Operation {
  method: string;
  pattern: RegExp;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

/**
 * The OpenAPI document as a contract for the e2e suite: every answer of a documented operation must have a described
 * status, a described media type and (JSON) a body that validates against its schema. Returns what is wrong, or null.
 */
export class OpenApiContract {
  private readonly operations: Operation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenAPIObject) {
    // OpenAPI 3.0 schemas are turned into JSON Schema (nullable, boolean exclusive bounds); strict: false skips `example`.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(toJsonSchema({ components: document.components }) as object, 'openapi');
    this.operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'patch', 'delete'] as const).flatMap((method) => {
        const op = item[method];
        if (!op) return [];
        const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, '[^/]+')}$`);
        return [{ method: method.toUpperCase(), pattern, path, responses: op.responses as Operation['responses'] }];
      }),
    );
    // A literal segment wins over a parameter (/users/officers before /users/{id}).
    this.operations.sort((a, b) => a.path.split('{').length - b.path.split('{').length);
  }

  /** null when the answer is what the document describes (or the path is no documented operation). */
  check(method: string, url: string, res: { status: number; headers: Record<string, string>; body: unknown; text?: string }): string | null {
    const path = url.split('?')[0];
    const op = this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path));
    if (!op) return null;
    const where = `${method.toUpperCase()} ${url} → ${res.status}`;
    const response = op.responses[String(res.status)] ?? op.responses.default;
    if (!response) return `${where}: status not described for ${op.method} ${op.path} (described: ${Object.keys(op.responses).join(', ')})`;
    const type = (res.headers['content-type'] ?? '').split(';')[0].trim();
    if (!response.content) return type && res.status !== 204 && (res.text ?? '') !== '' ? `${where}: a ${type} body, but the document describes none` : null;
    const media = response.content[type];
    if (!media) return `${where}: media type ${type || '(none)'} not described (described: ${Object.keys(response.content).join(', ')})`;
    if (type !== 'application/json' || !media.schema) return null;
    const validate = this.validator(`${op.method} ${op.path} ${res.status}`, media.schema);
    if (validate(res.body)) return null;
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    return `${where}: body does not match the document: ${errors.join('; ')}`;
  }

  private validator(key: string, schema: object): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      // `#/components/…` references resolve against the document's components.
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
      v = this.ajv.compile(toJsonSchema(rebased) as object);
      this.validators.set(key, v);
    }
    return v;
  }
}

/** OpenAPI 3.0's dialect as JSON Schema: `nullable: true` admits null, boolean exclusive bounds become numeric ones. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'example' || k === 'enum' ? v : toJsonSchema(v)])) as Record<string, unknown>;
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (rest[flag] === true) {
      rest[flag] = rest[bound];
      delete rest[bound];
    } else if (rest[flag] === false) delete rest[flag];
  }
  if (nullable !== true) return rest;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  return { anyOf: [rest, { type: 'null' }] };
}

const contracts = new WeakMap<INestApplication, OpenApiContract>();

/** The contract of the app under test: the same document /docs-json serves. */
export function contractOf(app: INestApplication): OpenApiContract {
  let c = contracts.get(app);
  if (!c) {
    c = new OpenApiContract(openApiDocument(app));
    contracts.set(app, c);
  }
  return c;
}
