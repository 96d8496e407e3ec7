import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { FieldErrorCode, FieldErrorParams } from './vocabulary';

// The API's error format (api.md): { statusCode, error, message, details? }, one helper per kind every lib may throw.

/** One entry of a 400's `details`: the field, an English sentence, its stable code and the numbers a translation needs. */
export interface FieldError {
  field: string;
  reason: string;
  code: FieldErrorCode;
  params?: FieldErrorParams;
}

/** 400 naming the field, why (English) and the machine code clients translate. */
export function invalidField(field: string, reason: string, code: FieldErrorCode, params?: FieldErrorParams): BadRequestException {
  const detail: FieldError = { field, reason, code, ...(params ? { params } : {}) };
  return new BadRequestException({ error: 'validation_failed', message: `${field}: ${reason}`, details: [detail] });
}

export function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ error: 'forbidden', message });
}

export function notFound(what: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `No ${what}` });
}

/** 409 for a second resource under a taken key, from the pre-check or from the unique index a concurrent create lost to. */
export function alreadyExists(what: string): ConflictException {
  return new ConflictException({ error: 'already_exists', message: `${what} already exists` });
}
