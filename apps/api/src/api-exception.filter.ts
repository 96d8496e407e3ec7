import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

const SHORT_CODES: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Every error leaves as `{ statusCode, error, message, details? }`; nothing internal (stack, SQL) reaches the client. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.type('application/json'); // errors are JSON even from a handler that declared another Content-Type (the diagram's text/plain)
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { message: String(body) };
      const message = Array.isArray(obj.message) ? obj.message.join('; ') : String(obj.message ?? exception.message);
      const error = typeof obj.error === 'string' && /^[a-z_]+$/.test(obj.error) ? obj.error : (SHORT_CODES[status] ?? 'error');
      // A 429 thrown by a service (a locked username) says when to come back, as the throttler's do.
      if (typeof obj.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(obj.retryAfterSeconds));
      res.status(status).json({ statusCode: status, error, message, ...(obj.details !== undefined ? { details: obj.details } : {}) });
      return;
    }
    if (isBodyParserError(exception)) {
      res.status(exception.status).json({ statusCode: exception.status, error: SHORT_CODES[exception.status] ?? 'bad_request', message: exception.message });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, error: 'internal_error', message: 'An unexpected error occurred' });
  }
}

function isBodyParserError(e: unknown): e is { status: number; message: string } {
  const status = (e as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof (e as { type?: unknown }).type === 'string';
}
