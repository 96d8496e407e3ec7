import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { FieldError, FieldErrorCode, FieldErrorParams } from '@app/common';

/** Each class-validator constraint (by name) used on the DTOs as a field error code; a decorator's `context: { code, params }` refines it. */
export const CONSTRAINT_CODES: Record<string, FieldErrorCode> = {
  isNotEmpty: 'required',
  isDefined: 'required',
  whitelistValidation: 'unknown_field',
  isIn: 'not_allowed_value',
  matches: 'bad_format',
  isEmail: 'bad_format',
  minLength: 'too_short',
  maxLength: 'too_long',
  min: 'too_small',
  max: 'too_large',
  arrayMinSize: 'too_few_items',
  arrayMaxSize: 'too_many_items',
  isInt: 'not_an_integer',
  isString: 'not_a_string',
  isBoolean: 'not_a_boolean',
  isArray: 'not_an_array',
  nestedValidation: 'not_an_object',
  isObject: 'not_an_object',
  isLocalDate: 'bad_date',
  isNotBeforeFrom: 'end_before_start',
  isWithinMaxPeriod: 'range_too_long',
};

/** A number param, or none when the constraint's argument could not be read (a body that is not an object). */
const num = (name: string, v: unknown): FieldErrorParams => (typeof v === 'number' && Number.isFinite(v) ? { [name]: v } : {});

/** The constraint's arguments a translation needs, named: `maxLength(200)` gives `{ max: 200 }`. */
const CONSTRAINT_PARAMS: Record<string, (args: unknown[]) => FieldErrorParams> = {
  minLength: ([min]) => num('min', min),
  maxLength: ([max]) => num('max', max),
  min: ([min]) => num('min', min),
  max: ([max]) => num('max', max),
  arrayMinSize: ([min]) => num('min', min),
  arrayMaxSize: ([max]) => num('max', max),
  isIn: ([allowed]): FieldErrorParams => (Array.isArray(allowed) ? { allowed: allowed.join(', ') } : {}),
  isEmail: () => ({ format: 'email' }),
};

/** What a decorator's `context` may say about its field error: `@Matches(PHONE, { context: { params: { format: 'phone' } } })`. */
export interface FieldErrorContext {
  code?: FieldErrorCode;
  params?: FieldErrorParams;
}

/** The arguments the failed constraint was declared with (`@MaxLength(200)` → [200]), looked up on the validated class. */
function constraintArgs(e: ValidationError, name: string): unknown[] {
  const target = e.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === e.property && m.name === name);
  return metadata?.constraints ?? [];
}

function fieldError(e: ValidationError, field: string, name: string, message: string): FieldError {
  const context = e.contexts?.[name] as FieldErrorContext | undefined;
  const code = context?.code ?? CONSTRAINT_CODES[name] ?? 'bad_format';
  const params = { ...CONSTRAINT_PARAMS[name]?.(constraintArgs(e, name)), ...context?.params };
  return { field, reason: message.replace(/^\S+ /, ''), code, ...(Object.keys(params).length ? { params } : {}) };
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => fieldError(e, field, name, message));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function invalid(details: FieldError[]): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', message: details.map((d) => `${d.field}: ${d.reason}`).join('; '), details });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// PostgreSQL refuses NUL in text and jsonb, and an unpaired UTF-16 half cannot be stored as sent.
const unstorableText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
/** Far deeper than any DTO; deeper JSON would overflow class-transformer's recursion. */
const MAX_INPUT_DEPTH = 32;

/** The first string or key that cannot be stored, or nesting past MAX_INPUT_DEPTH; iterative, so depth cannot overflow here. */
function unstorable(value: unknown, root: string): FieldError | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, field, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorableText(v)) return { field, reason: 'must not contain NUL characters or unpaired surrogates', code: 'unstorable_text' };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { field, reason: `must not nest deeper than ${MAX_INPUT_DEPTH} levels`, code: 'too_deep', params: { max: MAX_INPUT_DEPTH } };
      for (const [k, child] of Object.entries(v)) {
        const path = Array.isArray(v) ? `${field}[${k}]` : field ? `${field}.${k}` : k;
        if (unstorableText(k)) return { field: path, reason: 'must not contain NUL characters or unpaired surrogates', code: 'unstorable_text' };
        stack.push([child, path, depth + 1]);
      }
    }
  }
  return null;
}

/** Rejects unknown fields, unstorable text and absurd nesting in bodies, queries and path parameters; 400 with each field and why. */
class ApiValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== 'custom') {
      const problem = unstorable(value, metadata.data ?? '');
      if (problem) throw invalid([{ ...problem, field: problem.field || metadata.type }]);
    }
    return super.transform(value, metadata);
  }
}

export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target names the class whose constraint arguments (a MaxLength's 200) become a field error's params; never sent.
    validationError: { target: true },
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
}
