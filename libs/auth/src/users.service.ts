import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, isUuid } from '@app/database';
import { AgencyService } from '@app/agencies';
import { type AuditContext, AuditService, changedFields } from '@app/audit';
import { alreadyExists, invalidField, notFound, type Role } from '@app/common';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { hashPassword } from './password';
import { assertAcceptablePassword } from './password-policy';
import { SessionRepository } from './session.repository';
import { User } from './user.entity';

export interface UserInput {
  username?: string;
  fullName?: string;
  password?: string;
  roles?: Role[];
  agencyCode?: string | null;
  active?: boolean;
  /** true: remove the account's second factor (a lost phone); the next sign-in works with the password alone. */
  twoFactorReset?: boolean;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgencyService,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
  ) {}

  async list() {
    const rows = await this.dataSource.getRepository(User).find({ order: { username: 'ASC' } });
    return { items: rows.map(toView) };
  }

  /** The active officers of one agency, names and roles only: whom a dossier can be assigned to. */
  async officers(agencyCode: string | null) {
    if (!agencyCode) return { items: [] };
    const rows = await this.dataSource.getRepository(User).find({ where: { agencyCode, active: true }, order: { fullName: 'ASC' } });
    return { items: rows.map((u) => ({ id: u.id, username: u.username, fullName: u.fullName, roles: u.roles })) };
  }

  async create(input: UserInput, context: AuditContext) {
    if (!input.username || !input.fullName || !input.password || !input.roles) {
      throw invalidField('username', 'username, fullName, password and roles are required', 'required');
    }
    assertAcceptablePassword(input.password, input.username);
    await this.checkAgency(input.agencyCode ?? null);
    const repo = this.dataSource.getRepository(User);
    if (await repo.existsBy({ username: input.username })) {
      throw alreadyExists(`User ${input.username}`);
    }
    const row = repo.create({
      username: input.username,
      fullName: input.fullName,
      passwordHash: await hashPassword(input.password),
      roles: unique(input.roles),
      agencyCode: input.agencyCode ?? null,
      active: input.active ?? true,
    });
    const user = await this.dataSource
      .transaction(async (m) => {
        const written = await m.getRepository(User).save(row);
        await this.audit.record({ action: 'user.created', target: { type: 'user', id: written.id }, after: toView(written), context }, m);
        return written;
      })
      .catch(usernameTaken(input.username));
    return toView(user);
  }

  async update(id: string, input: UserInput, context: AuditContext) {
    const repo = this.dataSource.getRepository(User);
    const user = isUuid(id) ? await repo.findOneBy({ id }) : null;
    if (!user) throw notFound(`user ${id}`);
    if (input.agencyCode !== undefined) await this.checkAgency(input.agencyCode);
    if (input.username !== undefined && input.username !== user.username && (await repo.existsBy({ username: input.username }))) {
      throw alreadyExists(`User ${input.username}`);
    }
    if (input.password !== undefined) assertAcceptablePassword(input.password, input.username ?? user.username);
    const before = toView(user);
    // What changes who the officer is or may be ends every token they hold; a new name or full name does not.
    const endsTokens =
      input.password !== undefined ||
      !!input.twoFactorReset ||
      (input.active !== undefined && input.active !== user.active) ||
      (input.roles !== undefined && !sameRoles(input.roles, user.roles)) ||
      (input.agencyCode !== undefined && input.agencyCode !== user.agencyCode);
    Object.assign(user, {
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
      ...(input.roles !== undefined ? { roles: unique(input.roles) } : {}),
      ...(input.agencyCode !== undefined ? { agencyCode: input.agencyCode } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(input.twoFactorReset ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
    });
    const saved = await this.dataSource
      .transaction(async (m) => {
        if (!(user.active && user.roles.includes('admin'))) await this.keepAnAdmin(m, user.id);
        const written = await m.getRepository(User).save(user);
        if (endsTokens) await this.sessions.bumpVersion(user.id, m);
        // A new password is a flag: the audit log never holds a password or its hash.
        const after = { ...toView(written), ...(input.password !== undefined ? { passwordChanged: true } : {}) };
        await this.audit.record({ action: 'user.updated', target: { type: 'user', id: written.id }, ...changedFields(before, after), context }, m);
        return written;
      })
      .catch(usernameTaken(user.username));
    return toView(saved);
  }

  /**
   * This account stops being an active administrator: refused when no other active one is left, or nobody could manage
   * accounts any more. The administrators are locked, so two demoting each other at once cannot both succeed.
   */
  private async keepAnAdmin(m: EntityManager, leaving: string): Promise<void> {
    const admins: { id: string }[] = await m.query(`SELECT id FROM app_user WHERE 'admin' = ANY(roles) AND active ORDER BY id FOR UPDATE`);
    if (admins.some((a) => a.id === leaving) && !admins.some((a) => a.id !== leaving)) throw lastAdmin();
  }

  /** Only the default start calls this; a production start seeds no account. */
  async seedDemoAccounts(password: string): Promise<void> {
    // Not through the password policy: the documented demo password (`demo`) is weak on purpose, and only a demo start has it.
    const hash = await hashPassword(password);
    // One statement that leaves existing accounts alone, so two processes starting at once cannot collide on a username.
    await this.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .insert()
      .values(DEMO_ACCOUNTS.map((a) => ({ username: a.username, fullName: a.fullName, passwordHash: hash, roles: [a.role], agencyCode: a.agencyCode, active: true })))
      .orIgnore()
      .execute();
    this.logger.log(`Demo accounts ready: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
  }

  private async checkAgency(code: string | null): Promise<void> {
    if (code !== null && !(await this.agencies.exists(code))) throw invalidField('agencyCode', `no agency with code ${code}`, 'no_such_reference', { kind: 'agency' });
  }
}

function sameRoles(a: Role[], b: Role[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((r) => x.has(r));
}

function unique(roles: Role[]): Role[] {
  return [...new Set(roles)];
}

function toView(u: User) {
  return { id: u.id, username: u.username, fullName: u.fullName, roles: u.roles, agencyCode: u.agencyCode, active: u.active, twoFactorEnabled: u.totpEnabledAt !== null };
}

function lastAdmin(): ConflictException {
  return new ConflictException({ error: 'last_admin', message: 'This is the last active administrator: make another account an administrator first' });
}

/** Two admins creating the same username at once: the loser of the unique index gets the same 409 as the pre-check. */
function usernameTaken(username: string) {
  return (e: unknown): never => {
    if (isUniqueViolation(e)) throw alreadyExists(`User ${username}`);
    throw e;
  };
}
