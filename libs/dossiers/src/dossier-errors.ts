import { BadRequestException, ConflictException, ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/** 400 naming the field and why, in the API's error format. */
export function invalidField(field: string, reason: string): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', message: `${field}: ${reason}`, details: [{ field, reason }] });
}

export function eventNotAllowed(type: string, status: string, allowed: string[]): ConflictException {
  return new ConflictException({
    error: 'event_not_allowed',
    message: `${type} is not allowed while the dossier is ${status}`,
    details: { allowed },
  });
}

export function concurrentChange(currentVersion: number): ConflictException {
  return new ConflictException({
    error: 'concurrent_change',
    message: 'Another change to this dossier won; reload it and try again',
    details: { currentVersion },
  });
}

export function forbidden(message: string): ForbiddenException {
  return new ForbiddenException({ error: 'forbidden', message });
}

export function dossierNotFound(key: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `No dossier ${key}` });
}

export function notFound(what: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `No ${what}` });
}

/** 409 for a second resource under a taken key, from the pre-check or from the unique index a concurrent create lost to. */
export function alreadyExists(what: string): ConflictException {
  return new ConflictException({ error: 'already_exists', message: `${what} already exists` });
}

/** The key was used before for a different intake: replaying it would hand back someone else's dossier. */
export function idempotencyKeyReused(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    error: 'idempotency_key_reused',
    message: 'This Idempotency-Key was already used for a different intake; send a new key for new details',
  });
}
