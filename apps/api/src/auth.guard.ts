import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '@app/auth';
import type { Role } from '@app/common';
import { type AuthenticatedRequest, DURING_TWO_FACTOR_SETUP_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/** Every endpoint needs a valid bearer token and one of the roles it declares, unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException({ error: 'unauthorized', message: 'A bearer token is required (POST /api/v1/auth/login)' });
    }
    ({ actor: req.actor, session: req.session } = await this.auth.verify(token));
    if (req.actor.twoFactorSetupRequired && !this.reflector.getAllAndOverride<boolean>(DURING_TWO_FACTOR_SETUP_KEY, targets)) {
      throw new ForbiddenException({ error: 'two_factor_required', message: 'Your role requires a second factor: set it up first (POST /api/v1/auth/2fa/setup, then /enable)' });
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!req.actor.roles.some((r) => roles.includes(r))) {
      throw new ForbiddenException({ error: 'forbidden', message: `This needs one of the roles: ${roles.join(', ') || '(none)'}` });
    }
    return true;
  }
}
