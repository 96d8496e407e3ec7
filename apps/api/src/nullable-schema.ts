import { type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

// OpenAPI 3.0 has no null type: Swagger's `nullable` beside `allOf: [$ref]` still rejects null (redocly, JSON Schema
// validators), so null is a branch of its own.

const nullBranch = (type: 'string' | 'object') => ({ type, nullable: true, enum: [null] });

/** `model` or null; `model` must be in the document (a property elsewhere, or @ApiExtraModels). */
export function nullableObject(model: abstract new () => unknown, options: ApiPropertyOptions = {}): ApiPropertyOptions {
  return { ...options, oneOf: [{ $ref: getSchemaPath(model) }, nullBranch('object')] };
}

/** For an enum property (with `enum` and `enumName`) that may be null: Swagger appends the enum's $ref to this `oneOf`. */
export const orNull = () => ({ oneOf: [nullBranch('string')] });
