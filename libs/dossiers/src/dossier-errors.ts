import { type BadRequestException, ConflictException, NotFoundException, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { invalidField } from '@app/common';

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

/** The key was used before for a different request: replaying it would answer a question that was not asked. */
export function idempotencyKeyReused(what: 'intake' | 'event' = 'intake'): UnprocessableEntityException {
  return new UnprocessableEntityException({
    error: 'idempotency_key_reused',
    message: `This Idempotency-Key was already used for a different ${what}; send a new key for new details`,
  });
}

/** One answer whoever the id names (unknown, inactive, another agency's, another role), so no other agency's account is revealed. */
export function assigneeNotEligible(role: string): BadRequestException {
  return invalidField('assigneeId', `must be an active officer of the agency holding the step, with the step's role (${role})`, 'assignee_not_eligible', { role });
}

/** The file storage did not answer or lost the bytes before their row was written: nothing was recorded. */
export function storageUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({ error: 'storage_unavailable', message: 'The file storage cannot be reached; nothing was recorded, try again later' });
}
