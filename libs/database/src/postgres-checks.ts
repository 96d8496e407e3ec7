/** Exactly a UUID's shape: PostgreSQL answers anything else (36 dashes included) with an error, not a miss. */
export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** A unique index refused the write (23505); with a constraint, only that one. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  return isViolation(e, '23505', constraint);
}

/** A foreign key refused the write (23503). */
export function isForeignKeyViolation(e: unknown, constraint: string): boolean {
  return isViolation(e, '23503', constraint);
}

function isViolation(e: unknown, code: string, constraint?: string): boolean {
  // TypeORM wraps the driver's error in a QueryFailedError; a raw pg query throws it bare.
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = err.driverError ?? err;
  return d.code === code && (constraint === undefined || d.constraint === constraint);
}
