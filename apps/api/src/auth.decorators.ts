import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@app/auth';
import { ROLES, type Role } from '@app/common';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No token needed (login, health, docs, the public lookup); the OpenAPI document says so (`security: []`). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** The roles that may call an endpoint; an endpoint that names none is closed to everyone. The document lists them. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

export const ALL_ROLES: Role[] = [...ROLES];
/** Officers who work dossiers (a supervisor only reads). */
export const ACTING_ROLES: Role[] = ['admin', 'reception', 'specialist', 'leader', 'clerk'];

export type AuthenticatedRequest = Request & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException({ error: 'unauthorized', message: 'Sign in first' });
  return actor;
});
