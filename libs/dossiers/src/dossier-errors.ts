import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

// The dossier's own errors; the generic ones (invalidField, forbidden, notFound, alreadyExists) are in @app/common.

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

export function dossierNotFound(key: string): NotFoundException {
  return new NotFoundException({ error: 'not_found', message: `No dossier ${key}` });
}

/** The key was used before for a different intake: replaying it would hand back someone else's dossier. */
export function idempotencyKeyReused(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    error: 'idempotency_key_reused',
    message: 'This Idempotency-Key was already used for a different intake; send a new key for new details',
  });
}
