import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import type { EntityManager } from 'typeorm';
import { type AuditAction, type AuditTargetType, invalidField } from '@app/common';
import { Clock } from '@app/config';
import type { AuditEntry } from './audit-entry.entity';
import { type AuditRowFilter, AuditLogRepository } from './audit-log.repository';
import { redactSecrets } from './audit-redaction';

/** Who acted: an officer (the auth lib's Actor fits), the system, or a name alone (a failed login: no account is known). */
export interface AuditActor {
  id: string | null;
  username: string | null;
}

/** Who made a change and from where: what every audited service method takes from the controller (apps/api RequestContext). */
export interface AuditContext {
  actor: AuditActor | null;
  ip: string | null;
  userAgent: string | null;
}

/** One administrative action. before/after hold what changed; secrets in them are redacted whatever the caller passes. */
export interface AuditRecord {
  action: AuditAction;
  target: { type: AuditTargetType; id: string | null };
  before?: object | null;
  after?: object | null;
  context: AuditContext;
}

export interface AuditFilter extends AuditRowFilter {
  /** The nextCursor of the previous page. */
  cursor?: string;
  limit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 100;
const USER_AGENT_MAX = 500;

/** The append-only log of administrative actions: who, when (the Clock), what before and after, from which address. */
@Injectable()
export class AuditService {
  constructor(
    private readonly rows: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one row. Given the manager of the change's transaction, the row commits or rolls back with the change, so a
   * failed change leaves no row and a committed one always has its row; without one it is written on its own.
   */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const { actor, ip, userAgent } = entry.context;
    await this.rows.insert(
      {
        at: this.clock.now(),
        actorId: actor?.id?.slice(0, 64) ?? null,
        actorUsername: actor?.username?.slice(0, 100) ?? null,
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id?.slice(0, 100) ?? null,
        before: redactSecrets(entry.before ?? null) as Record<string, unknown> | null,
        after: redactSecrets(entry.after ?? null) as Record<string, unknown> | null,
        ip: clientAddress(ip),
        userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null,
      },
      manager,
    );
  }

  /** A page of rows, newest first. */
  async list(filter: AuditFilter): Promise<AuditPage> {
    const limit = Math.min(Math.max(filter.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);
    const rows = await this.rows.page(filter, limit + 1, filter.cursor ? decodeCursor(filter.cursor) : null);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

/** An address PostgreSQL's inet takes, or null: a strange req.ip must never make the change it audits fail. */
function clientAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const bare = ip.replace(/%.*$/, '').replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, '');
  return isIP(bare) ? bare : null;
}

function encodeCursor(row: AuditEntry): string {
  return Buffer.from(JSON.stringify([row.at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const at = new Date(t as string);
    // Years PostgreSQL cannot hold (before year 1) are not cursors it gave.
    if (typeof t !== 'string' || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw invalidField('cursor', 'is not a cursor this API returned', 'bad_format');
  }
}
