import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

// The API's error format (api.md): { statusCode, error, message, details? }, one helper per kind every lib may throw.

/** 400 naming the field and why. */
export function invalidField(field: string, reason: string): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', message: `${field}: ${reason}`, details: [{ field, reason }] });
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
