import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@app/auth';
import type { AuthenticatedRequest } from './auth.decorators';

/** Where a request comes from: the client's address (X-Forwarded-For only from TRUST_PROXY's proxies, as Express reads req.ip) and its browser. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Who calls and from where: what an audited service method takes (an AuditContext of @app/audit, with the whole Actor). */
export interface RequestContext extends RequestOrigin {
  actor: Actor;
}

export function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** The signed-in caller with the request's origin, for endpoints whose changes go to the audit log. */
export const CurrentContext = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new UnauthorizedException({ error: 'unauthorized', message: 'Sign in first' });
  return { actor: req.actor, ...originOf(req) };
});

/** The request's origin alone, for public endpoints that audit (a login: `{ actor: null, ...origin }` when it fails). */
export const CurrentOrigin = createParamDecorator((_: unknown, context: ExecutionContext): RequestOrigin => originOf(context.switchToHttp().getRequest<Request>()));
