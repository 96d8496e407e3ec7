import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '@app/database';
import type { Actor } from './actor';
import { verifyPassword } from './password';
import { User } from './user.entity';

interface TokenClaims {
  sub: string;
  username: string;
}

// A deactivated or changed account takes effect within this time, without a query per request.
const USER_CACHE_MS = 30_000;

export interface LoginResult {
  accessToken: string;
  user: { id: string; username: string; fullName: string; roles: string[]; agencyCode: string | null };
}

@Injectable()
export class AuthService {
  private readonly users = new Map<string, { user: User | null; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  /** One answer, in the same time, for every failure, so a caller cannot tell which usernames exist. */
  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(User).findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !ok || !user.active) throw invalidCredentials();
    const claims: TokenClaims = { sub: user.id, username: user.username };
    return {
      accessToken: await this.jwt.signAsync(claims),
      user: { id: user.id, username: user.username, fullName: user.fullName, roles: user.roles, agencyCode: user.agencyCode },
    };
  }

  /** The acting officer of a bearer token: signature and expiry checked, roles and agency read from the account. */
  async verify(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException({ error: 'unauthorized', message: 'The token is invalid or has expired' });
    }
    const user = await this.account(claims.sub);
    if (!user || !user.active) throw new UnauthorizedException({ error: 'unauthorized', message: 'The account is not active' });
    return { id: user.id, username: user.username, roles: user.roles, agencyCode: user.agencyCode };
  }

  forget(userId: string): void {
    this.users.delete(userId);
  }

  private async account(id: string): Promise<User | null> {
    const cached = this.users.get(id);
    if (cached && cached.until > Date.now()) return cached.user;
    const user = isUuid(id) ? await this.dataSource.getRepository(User).findOneBy({ id }) : null;
    this.users.set(id, { user, until: Date.now() + USER_CACHE_MS });
    return user;
  }
}

function invalidCredentials(): UnauthorizedException {
  return new UnauthorizedException({ error: 'invalid_credentials', message: 'Wrong username or password' });
}
