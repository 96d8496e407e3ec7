import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

interface FieldProblem {
  field: string;
  reason: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason: reason.replace(/^\S+ /, '') }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function invalid(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', message: details.map((d) => `${d.field}: ${d.reason}`).join('; '), details });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// PostgreSQL refuses NUL in text and jsonb, and an unpaired UTF-16 half cannot be stored as sent.
const unstorableText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
/** Far deeper than any DTO; deeper JSON would overflow class-transformer's recursion. */
const MAX_INPUT_DEPTH = 32;

/** The first string or key that cannot be stored, or nesting past MAX_INPUT_DEPTH; iterative, so depth cannot overflow here. */
function unstorable(value: unknown, root: string): FieldProblem | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, field, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorableText(v)) return { field, reason: 'must not contain NUL characters or unpaired surrogates' };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { field, reason: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` };
      for (const [k, child] of Object.entries(v)) {
        const path = Array.isArray(v) ? `${field}[${k}]` : field ? `${field}.${k}` : k;
        if (unstorableText(k)) return { field: path, reason: 'must not contain NUL characters or unpaired surrogates' };
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
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
}
