import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/auth';
import { type WorkingCalendar, toLocalDate } from '@app/calendar';
import { AppConfig, Clock } from '@app/config';
import { entityFromRow, isForeignKeyViolation, sqlColumns } from '@app/database';
import { invalidField, OPEN_STATUSES } from '@app/common';
import { timerColumns } from './dossier-deadlines';
import { Dossier } from './dossier.entity';
import { DossierEvent } from './dossier-event.entity';
import type { DossierPatch, EventRecord } from './dossier-event.catalogue';

/** The statements that lock and write dossier rows with their events, inside the caller's transaction. */
@Injectable()
export class DossierWriteRepository {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The dossier row, locked until commit (SELECT … FOR UPDATE), or null. */
  async lock(m: EntityManager, id: string): Promise<Dossier | null> {
    const [row]: Record<string, unknown>[] = await m.query('SELECT * FROM dossier WHERE id = $1 FOR UPDATE', [id]);
    return row ? entityFromRow(m, Dossier, row) : null;
  }

  /** These rows, locked in id order; rows another transaction holds are skipped, not waited for. */
  async lockAvailable(m: EntityManager, ids: string[]): Promise<Dossier[]> {
    const rows: Record<string, unknown>[] = await m.query('SELECT * FROM dossier WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED', [ids]);
    return rows.map((row) => entityFromRow(m, Dossier, row));
  }

  /** These rows if still in one of `statuses` once locked, in id order as every multi-row locker does. */
  lockInStatus(m: EntityManager, ids: string[], statuses: readonly string[]): Promise<Dossier[]> {
    return m
      .getRepository(Dossier)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id IN (:...ids)', { ids })
      .andWhere('d.status IN (:...statuses)', { statuses })
      .orderBy('d.id')
      .getMany();
  }

  /** Up to `limit` open dossiers after this id (of one agency, or all), in id order, not locked: the recomputation reads first. */
  openAfter(m: EntityManager, afterId: string, agencyCode: string | null, limit: number): Promise<Dossier[]> {
    const q = m
      .getRepository(Dossier)
      .createQueryBuilder('d')
      .where('d.id > :afterId', { afterId })
      .andWhere('d.status IN (:...statuses)', { statuses: OPEN_STATUSES });
    // Also the dossiers whose current step the agency holds: that deadline is on its calendar.
    if (agencyCode) q.andWhere('(d.agencyCode = :agencyCode OR d.stepAgencyCode = :agencyCode)', { agencyCode });
    return q.orderBy('d.id').limit(limit).getMany();
  }

  /**
   * Inserts the dossier under the next code `{agency}-{yymmdd}-{sequence}` together with its RECEIVE event, in one
   * statement: the sequence row stays locked until commit (so a failed intake leaves no gap), and every intake of the
   * agency that day waits for it, so it is taken last and held for one statement and the commit only.
   */
  async insertReceived(m: EntityManager, dossier: Dossier, event: Partial<DossierEvent>, receivedAt: Date) {
    const day = toLocalDate(receivedAt);
    const params: unknown[] = [dossier.agencyCode, day, `${dossier.agencyCode}-${day.slice(2).replaceAll('-', '')}-`];
    const d = sqlColumns(m, Dossier, dossier, params);
    const e = sqlColumns(m, DossierEvent, event, params);
    const inserted: Promise<Pick<Dossier, 'code' | 'createdAt' | 'updatedAt'>[]> = m.query(
      `WITH seq AS (
         INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
         RETURNING $3::text || lpad(last_value::text, greatest(4, length(last_value::text)), '0') AS code
       ), received AS (
         INSERT INTO dossier_event (${e.names.join(', ')}) VALUES (${e.placeholders.join(', ')})
       )
       INSERT INTO dossier (code, ${d.names.join(', ')}) VALUES ((SELECT code FROM seq), ${d.placeholders.join(', ')})
       RETURNING code, created_at AS "createdAt", updated_at AS "updatedAt"`,
      params,
    );
    // Should the agency have gone since its calendar was cached, the foreign key says so.
    const [row] = await inserted.catch((e: unknown) => {
      throw isForeignKeyViolation(e, 'dossier_agency_fk') ? noSuchAgency(dossier.agencyCode) : e;
    });
    return row;
  }

  /** Records that these agencies are part of the dossier (visibility); idempotent. */
  async addAgencies(m: EntityManager, dossierId: string, agencyCodes: string[]): Promise<void> {
    await m.query(
      'INSERT INTO dossier_agency (dossier_id, agency_code) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING',
      [dossierId, [...new Set(agencyCodes)]],
    );
  }

  /** Whether the agency is part of the dossier (resolving, receiving, holds or held a step). */
  async involves(m: EntityManager, dossierId: string, agencyCode: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM dossier_agency WHERE dossier_id = $1 AND agency_code = $2', [dossierId, agencyCode]);
    return rows.length > 0;
  }

  /** The request digest of the dossier's event sent with this Idempotency-Key, or null when none was. */
  async keyedEventDigest(m: EntityManager, dossierId: string, idempotencyKey: string): Promise<string | null> {
    const [row]: { digest: string }[] = await m.query(
      'SELECT request_digest AS digest FROM dossier_event WHERE dossier_id = $1 AND idempotency_key = $2',
      [dossierId, idempotencyKey],
    );
    return row?.digest ?? null;
  }

  /** Writes the row and appends its event; system writes (timer flags, recomputation) leave the version alone. */
  async write(
    m: EntityManager,
    dossier: Dossier,
    patch: DossierPatch,
    event: EventRecord & { type: string; at: Date; actor: Actor; idempotencyKey?: string; requestDigest?: string; fromAgency?: string | null; toAgency?: string | null },
    calendar: WorkingCalendar,
    opts: { system?: boolean } = {},
  ): Promise<Dossier> {
    const from = { status: dossier.status, stepId: dossier.stepId };
    const version = opts.system ? dossier.version : dossier.version + 1;
    const next = Object.assign(dossier, patch, { version, eventCount: dossier.eventCount + 1 });
    const stepChanged = from.stepId !== next.stepId || 'stepStartedAt' in patch;
    const timers = timerColumns(next, stepChanged, calendar, this.config.timers.dueSoonWorkingDays, this.clock.now());
    Object.assign(next, timers);
    const params: unknown[] = [next.id];
    const set = sqlColumns(m, Dossier, { ...patch, ...timers, version, eventCount: next.eventCount }, params);
    const e = sqlColumns(
      m,
      DossierEvent,
      {
        dossierId: next.id,
        seq: next.eventCount,
        type: event.type,
        at: event.at,
        actorId: event.actor.id,
        actorUsername: event.actor.username,
        fromStatus: from.status,
        toStatus: next.status,
        fromStep: from.stepId,
        toStep: next.stepId,
        fromAgency: event.fromAgency ?? null,
        toAgency: event.toAgency ?? null,
        stepDueAt: next.stepDueAt,
        stepOnTime: event.stepOnTime ?? null,
        note: event.note ?? null,
        data: event.data ?? {},
        idempotencyKey: event.idempotencyKey ?? null,
        requestDigest: event.requestDigest ?? null,
      },
      params,
    );
    // The row and its event in one statement: one round trip fewer while the row is locked.
    await m.query(
      `WITH changed AS (
         UPDATE dossier SET ${set.names.map((n, i) => `${n} = ${set.placeholders[i]}`).join(', ')}, updated_at = now() WHERE id = $1
       )
       INSERT INTO dossier_event (${e.names.join(', ')}) VALUES (${e.placeholders.join(', ')})`,
      params,
    );
    return next;
  }
}

export const noSuchAgency = (code: string) => invalidField('agencyCode', `no agency with code ${code}`, 'no_such_reference', { kind: 'agency' });
