import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type AuditContext, AuditService } from '@app/audit';
import { invalidField } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { isUuid } from '@app/database';
import { LoginLockoutService } from './login-lockout.service';
import { hashPassword, verifyPassword } from './password';
import { assertAcceptablePassword } from './password-policy';
import { SessionRepository } from './session.repository';
import type { User } from './user.entity';

/** One sign-in and its refreshes: the `sid` of its tokens, and when the password was typed (`auth_time`, epoch seconds). */
export interface Session {
  id: string;
  userId: string;
  username: string;
  startedAt: number;
  /** The account's token version the session's current token carries. */
  version: number;
}

export interface IssuedToken {
  accessToken: string;
  /** Seconds until the token expires (the idle timeout, or less near the session's end): clients need not trust their own clock. */
  expiresIn: number;
}

interface TokenClaims {
  sub: string;
  username: string;
  sid: string;
  ver: number;
  auth_time: number;
  iat: number;
  exp: number;
}

/**
 * Tokens that can end at once. Every request reads the account and the ended sessions by primary key: one indexed query
 * is right the moment a logout or password change commits, on every process, with or without Redis, and leaves no
 * cache to invalidate (a Redis broadcast would race the next request and can be missed across a reconnect).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly lockout: LoginLockoutService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A new session for an account that has just proved who it is. */
  start(user: Pick<User, 'id' | 'username' | 'tokenVersion'>): Promise<IssuedToken> {
    return this.sign({ id: randomUUID(), userId: user.id, username: user.username, startedAt: this.nowSeconds(), version: user.tokenVersion });
  }

  /** The account and session of a bearer token; refused when expired, logged out, or older than the account's version. */
  async verify(token: string): Promise<{ user: User; session: Session }> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { clockTimestamp: this.nowSeconds() });
    } catch {
      throw unauthorized('The token is invalid or has expired');
    }
    // A token from before sessions (no sid or version) is refused like any other stale one.
    if (!isUuid(claims.sub) || !isUuid(claims.sid) || !Number.isInteger(claims.ver) || !Number.isInteger(claims.auth_time)) {
      throw unauthorized('The token is invalid or has expired');
    }
    const found = await this.sessions.accountOfSession(claims.sub, claims.sid);
    if (!found || !found.user.active) throw unauthorized('The account is not active');
    if (found.ended || found.user.tokenVersion !== claims.ver) throw unauthorized('The session has ended: sign in again');
    return { user: found.user, session: { id: claims.sid, userId: claims.sub, username: found.user.username, startedAt: claims.auth_time, version: claims.ver } };
  }

  /** A fresh token of the same session, while the one presented is still valid and the session younger than its maximum. */
  refresh(session: Session): Promise<IssuedToken> {
    return this.sign(session);
  }

  /** This session's tokens end on every process; `everywhere`: every token of the account. */
  async end(session: Session, everywhere: boolean, origin: Omit<AuditContext, 'actor'>): Promise<void> {
    if (everywhere) await this.sessions.bumpVersion(session.userId);
    else await this.sessions.endSession(session.id, session.userId, new Date((session.startedAt + this.config.auth.sessionMaxSeconds) * 1000), this.clock.now());
    await this.audit.record({ action: 'auth.logout', target: { type: 'user', id: session.userId }, after: { everywhere }, context: { ...origin, actor: actorOf(session) } });
  }

  /**
   * The officer's own new password, after the current one: every other token of the account ends, and this session goes on
   * with the token returned. A wrong current password counts as a failed login of the username.
   */
  async changePassword(session: Session, currentPassword: string, newPassword: string, origin: Omit<AuditContext, 'actor'>): Promise<IssuedToken> {
    await this.lockout.check(session.username);
    const passwordHash = await this.sessions.passwordHash(session.userId);
    if (!(await verifyPassword(currentPassword, passwordHash))) {
      await this.lockout.failed(session.username);
      throw invalidField('currentPassword', 'is not the account’s current password', 'wrong_password');
    }
    assertAcceptablePassword(newPassword, session.username, 'newPassword');
    const newHash = await hashPassword(newPassword);
    const version = await this.dataSource.transaction(async (m) => {
      const v = await this.sessions.setPassword(session.userId, newHash, m);
      await this.audit.record({ action: 'auth.password_changed', target: { type: 'user', id: session.userId }, after: { passwordChanged: true }, context: { ...origin, actor: actorOf(session) } }, m);
      return v;
    });
    return this.sign({ ...session, version });
  }

  private async sign(session: Session): Promise<IssuedToken> {
    const now = this.nowSeconds();
    const exp = Math.min(now + this.config.auth.tokenTtlSeconds, session.startedAt + this.config.auth.sessionMaxSeconds);
    if (exp <= now) throw unauthorized(`The session has reached its maximum length (${this.config.auth.sessionMaxSeconds / 3600} h): sign in again`);
    const claims: TokenClaims = { sub: session.userId, username: session.username, sid: session.id, ver: session.version, auth_time: session.startedAt, iat: now, exp };
    return { accessToken: await this.jwt.signAsync(claims), expiresIn: exp - now };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

function actorOf(session: Session) {
  return { id: session.userId, username: session.username };
}

function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ error: 'unauthorized', message });
}
