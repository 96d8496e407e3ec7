import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecomputeReason } from '@app/common';
import { entityFromRow } from '@app/database';
import { DeadlineRecompute } from './deadline-recompute.entity';

/** What a calendar or office-hours change asks to recompute, and who asked. */
export interface RecomputeRequest {
  reason: RecomputeReason;
  /** null: every agency's open dossiers. */
  agencyCode: string | null;
  calendarDate: string | null;
  actor: { id: string; username: string };
  at: Date;
}

/** The deadline_recompute rows: requested in a change's transaction, advanced batch by batch, finished. */
@Injectable()
export class DeadlineRecomputeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * In the change's transaction. A change that moves deadlines starts a recomputation from the first dossier and ends the
   * unfinished ones it covers (it redoes their dossiers anyway); one that moves nothing (the same hours again) resumes an
   * unfinished one covering its dossiers, or starts one: a retried request repairs what a crash left.
   */
  async request(m: EntityManager, r: RecomputeRequest, moves: boolean): Promise<DeadlineRecompute> {
    if (!moves) {
      // For every agency's dossiers ($1 null) only a recomputation of every agency covers them.
      const [open]: Record<string, unknown>[] = await m.query(
        'SELECT * FROM deadline_recompute WHERE done_at IS NULL AND (agency_code IS NULL OR agency_code = $1) ORDER BY requested_at, id LIMIT 1',
        [r.agencyCode],
      );
      if (open) return entityFromRow(m, DeadlineRecompute, open);
    }
    const [row]: Record<string, unknown>[] = await m.query(
      `INSERT INTO deadline_recompute (reason, agency_code, calendar_date, actor_id, actor_username, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [r.reason, r.agencyCode, r.calendarDate, r.actor.id.slice(0, 64), r.actor.username.slice(0, 100), r.at],
    );
    const created = entityFromRow(m, DeadlineRecompute, row);
    await m.query(
      `UPDATE deadline_recompute SET done_at = $2, superseded_by = $1
       WHERE done_at IS NULL AND id <> $1 AND ($3::text IS NULL OR agency_code = $3)`,
      [created.id, r.at, r.agencyCode],
    );
    return created;
  }

  /**
   * The unfinished recomputation, locked until the caller's batch commits; null when it is done or, with skipLocked, while
   * another process runs a batch of it.
   */
  async lockUnfinished(m: EntityManager, id: string, skipLocked: boolean): Promise<DeadlineRecompute | null> {
    const [row]: Record<string, unknown>[] = await m.query(
      `SELECT * FROM deadline_recompute WHERE id = $1 AND done_at IS NULL FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [id],
    );
    return row ? entityFromRow(m, DeadlineRecompute, row) : null;
  }

  /** One batch's progress, in the batch's transaction; doneAt once no dossier is left. */
  async advance(m: EntityManager, id: string, lastDossierId: string | null, moved: number, doneAt: Date | null): Promise<void> {
    await m.query(
      `UPDATE deadline_recompute SET last_dossier_id = coalesce($2, last_dossier_id), recomputed_dossiers = recomputed_dossiers + $3, done_at = $4
       WHERE id = $1`,
      [id, lastDossierId, moved, doneAt],
    );
  }

  async find(id: string): Promise<DeadlineRecompute | null> {
    return this.dataSource.getRepository(DeadlineRecompute).findOneBy({ id });
  }

  /** The recomputations not done, oldest first. */
  async unfinished(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM deadline_recompute WHERE done_at IS NULL ORDER BY requested_at, id');
    return rows.map((r) => r.id);
  }
}
