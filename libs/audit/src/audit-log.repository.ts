import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, AuditTargetType } from '@app/common';
import { AuditEntry } from './audit-entry.entity';

/** Which rows a reader asks for: an instant range [from, to) and equal-to filters. */
export interface AuditRowFilter {
  from?: Date;
  to?: Date;
  action?: AuditAction;
  actorId?: string;
  targetType?: AuditTargetType;
  targetId?: string;
}

/** The statements of the audit log: one INSERT, and pages newest first. There is no UPDATE or DELETE (the table refuses them). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(r: Omit<AuditEntry, 'id'>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, target_type, target_id, before, after, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [r.at, r.actorId, r.actorUsername, r.action, r.targetType, r.targetId, jsonb(r.before), jsonb(r.after), r.ip, r.userAgent],
    );
  }

  /** Newest first by (at, id); `before` is the last row of the previous page. */
  page(f: AuditRowFilter, limit: number, before: { at: Date; id: string } | null): Promise<AuditEntry[]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.at < :to', { to: f.to });
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: f.actorId });
    if (f.targetType) qb.andWhere('a.target_type = :targetType', { targetType: f.targetType });
    if (f.targetId) qb.andWhere('a.target_id = :targetId', { targetId: f.targetId });
    if (before) qb.andWhere('(a.at, a.id) < (:at, :id)', { at: before.at, id: before.id });
    return qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }
}

const jsonb = (v: Record<string, unknown> | null) => (v === null ? null : JSON.stringify(v));
