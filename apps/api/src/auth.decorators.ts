import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor, Session } from '@app/auth';
import { ROLES, type Role } from '@app/common';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const DURING_TWO_FACTOR_SETUP_KEY = 'auth:during-two-factor-setup';

/** No token needed (login, health, docs, the public lookup); the OpenAPI document says so (`security: []`). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** The roles that may call an endpoint; an endpoint that names none is closed to everyone. The document lists them. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/** Also open to an account that must first enrol a second factor (REQUIRE_2FA_ROLES): enrolment itself, signing out. */
export const DuringTwoFactorSetup = () => applyDecorators(SetMetadata(DURING_TWO_FACTOR_SETUP_KEY, true), ApiExtension('x-during-two-factor-setup', true));

export const ALL_ROLES: Role[] = [...ROLES];
/** Officers who work dossiers (a supervisor only reads). */
export const ACTING_ROLES: Role[] = ['admin', 'reception', 'specialist', 'leader', 'clerk'];

export type AuthenticatedRequest = Request & { actor?: Actor; session?: Session };

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException({ error: 'unauthorized', message: 'Sign in first' });
  return actor;
});

/** The sign-in the request's token belongs to (logout, refresh, password change). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): Session => {
  const session = context.switchToHttp().getRequest<AuthenticatedRequest>().session;
  if (!session) throw new UnauthorizedException({ error: 'unauthorized', message: 'Sign in first' });
  return session;
});
