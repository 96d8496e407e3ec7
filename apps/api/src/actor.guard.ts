import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ROLES, type Role } from '@app/procedures';
import type { Actor } from '@app/dossiers';

type WithActor = Request & { actor?: Actor };

/**
 * TEMPORARY until the authentication issue: the acting officer comes from X-Actor-* headers
 * (defaulting to a development administrator). This guard is the one place that changes when tokens arrive.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WithActor>();
    const header = (name: string) => {
      const v = req.headers[name];
      return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
    };
    const roles = (header('x-actor-roles') ?? 'admin').split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new UnauthorizedException({ error: 'unauthorized', message: `Unknown role(s) in X-Actor-Roles: ${unknown.join(', ')}` });
    const username = header('x-actor-username') ?? 'dev-admin';
    if (!/^[\w.@-]{1,100}$/.test(username)) throw new UnauthorizedException({ error: 'unauthorized', message: 'X-Actor-Username is not a valid username' });
    req.actor = { id: header('x-actor-id') ?? username, username, roles: roles as Role[], agencyCode: header('x-actor-agency') ?? null };
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<WithActor>().actor;
  if (!actor) throw new UnauthorizedException();
  return actor;
});
