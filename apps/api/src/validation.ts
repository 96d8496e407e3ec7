import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** Rejects unknown fields and answers 400 with each field and why. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({
        error: 'validation_failed',
        message: details.map((d) => `${d.field}: ${d.reason}`).join('; '),
        details,
      });
    },
  });
}
