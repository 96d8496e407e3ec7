import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuditContext, AuditService } from '@app/audit';
import { invalidField, notFound } from '@app/common';
import { AppConfig, Clock } from '@app/config';
import { isUuid } from '@app/database';
import { LoginLockoutService } from './login-lockout.service';
import { verifyPassword } from './password';
import { TotpService, twoFactorSetupRequired } from './totp.service';
import { User } from './user.entity';

/** The signed-in officer's own second factor: enrol (setup, then enable with a first code), see, and turn off. */
@Injectable()
export class TwoFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly totp: TotpService,
    private readonly lockout: LoginLockoutService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async status(userId: string) {
    const user = await this.account(userId);
    return {
      enabled: user.totpEnabledAt !== null,
      pending: user.totpEnabledAt === null && user.totpSecret !== null,
      required: user.roles.some((r) => this.config.auth.requireTwoFactorRoles.includes(r)),
      setupRequired: twoFactorSetupRequired(user, this.config.auth.requireTwoFactorRoles),
    };
  }

  /**
   * A new secret, pending until a code from it confirms it; a second setup before that replaces the first. Needs the
   * password again, so a borrowed session alone cannot bind the account to someone else's phone.
   */
  async setup(userId: string, currentPassword: string) {
    const user = await this.account(userId);
    await this.lockout.check(user.username);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.lockout.failed(user.username);
      throw invalidField('currentPassword', 'is not the account’s current password', 'wrong_password');
    }
    const secret = this.totp.newSecret();
    const [, affected] = await this.dataSource.query(
      'UPDATE app_user SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL',
      [user.id, secret],
    );
    if (affected !== 1) throw alreadyEnabled();
    return { secret, otpauthUrl: this.totp.uri(secret, user.username) };
  }

  /** The first code proves the app holds the pending secret; its step is recorded, so it cannot also sign in. */
  async enable(userId: string, code: string, context: AuditContext): Promise<void> {
    const user = await this.account(userId);
    if (user.totpEnabledAt !== null) throw alreadyEnabled();
    if (user.totpSecret === null) throw new ConflictException({ error: 'conflict', message: 'No second factor is being set up: call POST /api/v1/auth/2fa/setup first' });
    const step = this.totp.match(user.totpSecret, code, null);
    if (step === null) throw wrongCode();
    await this.dataSource.transaction(async (m) => {
      const [, affected] = await m.query(
        'UPDATE app_user SET totp_enabled_at = $3, totp_last_step = $4 WHERE id = $1 AND totp_secret = $2 AND totp_enabled_at IS NULL',
        [user.id, user.totpSecret, this.clock.now(), step],
      );
      // A concurrent setup replaced the secret this code belongs to.
      if (affected !== 1) throw wrongCode();
      await this.audit.record({ action: 'auth.2fa_enabled', target: { type: 'user', id: user.id }, after: { twoFactorEnabled: true }, context }, m);
    });
  }

  /** Needs a current code, so a borrowed session alone cannot remove the factor; a role that requires one then asks to enrol again. */
  async disable(userId: string, code: string, context: AuditContext): Promise<void> {
    const user = await this.account(userId);
    if (user.totpEnabledAt === null) throw new ConflictException({ error: 'conflict', message: 'No second factor is enabled on this account' });
    if (!(await this.totp.consume(user, code))) throw wrongCode();
    await this.dataSource.transaction(async (m) => {
      await m.query('UPDATE app_user SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [user.id]);
      await this.audit.record({ action: 'auth.2fa_disabled', target: { type: 'user', id: user.id }, before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false }, context }, m);
    });
  }

  private async account(id: string): Promise<User> {
    const user = isUuid(id) ? await this.dataSource.getRepository(User).findOneBy({ id }) : null;
    if (!user) throw notFound(`user ${id}`);
    return user;
  }
}

function alreadyEnabled(): ConflictException {
  return new ConflictException({ error: 'conflict', message: 'A second factor is already enabled: disable it first (with a current code) to set up another' });
}

function wrongCode() {
  return invalidField('code', 'is not a current code of the authenticator app, or was already used', 'invalid_totp_code');
}
