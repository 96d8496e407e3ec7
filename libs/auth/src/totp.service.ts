import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { DataSource } from 'typeorm';
import type { Role } from '@app/common';
import { Clock } from '@app/config';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** The issuer an authenticator app shows next to the account name. */
export const TOTP_ISSUER = 'Một cửa';
/** One step either side: a phone's clock a little off still works. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** An account that holds a role needing a second factor but has none enabled may only enrol one. */
export function twoFactorSetupRequired(user: { roles: readonly Role[]; totpEnabledAt: Date | null }, requiredRoles: readonly Role[]): boolean {
  return user.totpEnabledAt === null && user.roles.some((r) => requiredRoles.includes(r));
}

/** TOTP codes checked against the injected clock; each accepted step is recorded so a code cannot be used twice. */
@Injectable()
export class TotpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  newSecret(): string {
    return generateSecret();
  }

  uri(secret: string, username: string): string {
    return generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: TOTP_PERIOD_SECONDS });
  }

  /** The time step `code` belongs to, if it is a current code of `secret` newer than `afterStep`; null otherwise. */
  match(secret: string, code: string, afterStep: number | null): number | null {
    try {
      const result = verifySync({
        secret,
        token: code,
        epoch: Math.floor(this.clock.now().getTime() / 1000),
        period: TOTP_PERIOD_SECONDS,
        epochTolerance: TOLERANCE_SECONDS,
        ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
      });
      return result.valid && 'timeStep' in result ? result.timeStep : null;
    } catch {
      return null; // a malformed code or secret is simply not a match
    }
  }

  /**
   * Uses a code of an account with a second factor enabled: true once per step. The conditional update makes two requests
   * racing with the same code (or an older one) end with one success.
   */
  async consume(user: { id: string; totpSecret: string | null; totpLastStep: number | null }, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const step = this.match(user.totpSecret, code, user.totpLastStep);
    if (step === null) return false;
    const [, affected] = await this.dataSource.query(
      `UPDATE app_user SET totp_last_step = $2
        WHERE id = $1 AND totp_enabled_at IS NOT NULL AND totp_secret = $3 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [user.id, step, user.totpSecret],
    );
    return affected === 1;
  }
}
