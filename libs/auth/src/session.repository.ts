import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EndedSession } from './ended-session.entity';
import { User } from './user.entity';

/** What a token is checked against on every request: the account (version, active, roles) and whether its session was ended. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One query by primary keys: the account, and whether the session was logged out. */
  async accountOfSession(userId: string, sessionId: string): Promise<{ user: User; ended: boolean } | null> {
    const { entities, raw } = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('EXISTS (SELECT 1 FROM ended_session e WHERE e.id = :sessionId)', 'ended')
      .where('u.id = :userId', { userId, sessionId })
      .getRawAndEntities<{ ended: boolean }>();
    return entities[0] ? { user: entities[0], ended: raw[0].ended } : null;
  }

  /** null: no such account (then compared with the decoy hash, as at login). */
  async passwordHash(userId: string): Promise<string | null> {
    const rows: { password_hash: string }[] = await this.dataSource.query('SELECT password_hash FROM app_user WHERE id = $1', [userId]);
    return rows[0]?.password_hash ?? null;
  }

  /** Refused from now on; kept until its tokens would have expired anyway, and older rows go with each new one. */
  async endSession(sessionId: string, userId: string, expiresAt: Date, now: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(EndedSession).where('expires_at < :now', { now }).execute();
      await m.createQueryBuilder().insert().into(EndedSession).values({ id: sessionId, userId, expiresAt }).orIgnore().execute();
    });
  }

  /** Every token issued so far for the account stops working; returns the new version. */
  async bumpVersion(userId: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [{ token_version: number }[], number] = await m.query('UPDATE app_user SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version', [userId]);
    return rows[0].token_version;
  }

  /** A new password hash and a new version in one statement: the old tokens end with the old password. */
  async setPassword(userId: string, passwordHash: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    const [rows]: [{ token_version: number }[], number] = await m.query(
      'UPDATE app_user SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING token_version',
      [userId, passwordHash],
    );
    return rows[0].token_version;
  }
}
