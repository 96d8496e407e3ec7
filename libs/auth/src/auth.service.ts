import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuditContext, AuditService } from '@app/audit';
import { AppConfig } from '@app/config';
import type { Actor } from './actor';
import { LoginLockoutService } from './login-lockout.service';
import { verifyPassword } from './password';
import { type Session, SessionService } from './session.service';
import { TotpService, twoFactorSetupRequired } from './totp.service';
import { User } from './user.entity';

/** Where a sign-in comes from, for the audit log. */
export type LoginOrigin = Omit<AuditContext, 'actor'>;

export interface LoginResult {
  accessToken: string;
  /** Seconds the token is valid (the idle timeout): refresh it before with POST /api/v1/auth/refresh. */
  expiresIn: number;
  user: { id: string; username: string; fullName: string; roles: string[]; agencyCode: string | null; twoFactorEnabled: boolean };
  /** The account must enrol a second factor (REQUIRE_2FA_ROLES): until then the token opens only the enrolment endpoints. */
  twoFactorSetupRequired: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly lockout: LoginLockoutService,
    private readonly totp: TotpService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** One answer, in the same time, for every failure, so a caller cannot tell which usernames exist. */
  async login(username: string, password: string, totpCode: string | undefined, origin: LoginOrigin): Promise<LoginResult> {
    await this.lockout.check(username);
    const user = await this.dataSource.getRepository(User).findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    // Written for known and unknown usernames alike, so the audit write does not tell them apart by time either.
    const failed = (reason: string) => this.audit.record({ action: 'auth.login_failed', target: { type: 'user', id: null }, after: { reason }, context: { ...origin, actor: { id: null, username: username.slice(0, 100) } } });
    if (!user || !ok || !user.active) {
      await this.lockout.failed(username);
      await failed('invalid_credentials');
      throw invalidCredentials();
    }
    // Only after the password: a caller who does not know it learns nothing about the account's second factor.
    if (user.totpEnabledAt !== null) {
      if (!totpCode) throw new UnauthorizedException({ error: 'totp_required', message: 'This account has a second factor: send totpCode, the current code of the authenticator app' });
      if (!(await this.totp.consume(user, totpCode))) {
        // A wrong code counts like a wrong password: the lock also bounds guessing the six digits.
        await this.lockout.failed(username);
        await failed('invalid_totp');
        throw new UnauthorizedException({ error: 'invalid_totp', message: 'Wrong or already used authenticator code' });
      }
    }
    await this.lockout.succeeded(username);
    await this.audit.record({ action: 'auth.login', target: { type: 'user', id: user.id }, context: { ...origin, actor: { id: user.id, username: user.username } } });
    return {
      ...(await this.sessions.start(user)),
      user: { id: user.id, username: user.username, fullName: user.fullName, roles: user.roles, agencyCode: user.agencyCode, twoFactorEnabled: user.totpEnabledAt !== null },
      twoFactorSetupRequired: twoFactorSetupRequired(user, this.config.auth.requireTwoFactorRoles),
    };
  }

  /**
   * The acting officer of a bearer token and its session: signature, expiry, version and logout checked, roles and agency
   * read from the account on every request.
   */
  async verify(token: string): Promise<{ actor: Actor; session: Session }> {
    const { user, session } = await this.sessions.verify(token);
    const actor: Actor = {
      id: user.id,
      username: user.username,
      roles: user.roles,
      agencyCode: user.agencyCode,
      ...(twoFactorSetupRequired(user, this.config.auth.requireTwoFactorRoles) ? { twoFactorSetupRequired: true } : {}),
    };
    return { actor, session };
  }

}

function invalidCredentials(): UnauthorizedException {
  return new UnauthorizedException({ error: 'invalid_credentials', message: 'Wrong username or password' });
}
