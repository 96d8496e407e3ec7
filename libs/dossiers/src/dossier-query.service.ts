import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { localDateTime } from '@app/calendar';
import { ProceduresService } from '@app/procedures';
import type { Actor } from './actor';
import { AgencyService, inScope } from './agency.service';
import { Dossier, type DossierStatus } from './dossier.entity';
import { DossierEvent } from './dossier-event.entity';
import { dossierNotFound, invalidField, notFound } from './dossier-errors';
import { OPEN_STATUSES } from './dossier-outcome';
import { type DossierView, toDossierView, toEventView } from './dossier-view';

export interface DossierFilter {
  status?: DossierStatus;
  procedureCode?: string;
  agencyCode?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  /** Local dates (YYYY-MM-DD), both inclusive. */
  receivedFrom?: string;
  receivedTo?: string;
  /** Dossier code prefix or part of the applicant's name. */
  q?: string;
  limit?: number;
  cursor?: string;
}

const DAY_MS = 86_400_000;

@Injectable()
export class DossierQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  async get(id: string, actor: Actor): Promise<DossierView> {
    return this.view(await this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ id }), id, actor));
  }

  async getByCode(code: string, actor: Actor): Promise<DossierView> {
    return this.view(await this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ code }), code, actor));
  }

  /** A citizen's lookup by code: the status and dates only, never anything about the applicant. */
  async publicLookup(code: string) {
    const d = await this.dataSource.getRepository(Dossier).findOneBy({ code });
    if (!d) throw dossierNotFound(code);
    const view = await this.view(d);
    return {
      code: view.code,
      procedureName: view.procedureName,
      status: view.status,
      receivedAt: view.receivedAt,
      dueAt: view.dueAt,
      extendedDueAt: view.extendedDueAt,
      finishedAt: view.finishedAt,
      returnedAt: view.returnedAt,
    };
  }

  /** Outside the caller's agencies a dossier answers 404, as if it did not exist. */
  private async visible(d: Dossier | null, key: string, actor: Actor): Promise<Dossier> {
    if (!d || !inScope(await this.agencies.scopeOf(actor), d.agencyCode)) throw dossierNotFound(key);
    return d;
  }

  async view(d: Dossier): Promise<DossierView> {
    const procedure = await this.procedures.compile(d.procedureCode, d.procedureVersion);
    return toDossierView(d, procedure, this.clock.now());
  }

  async events(id: string, actor: Actor) {
    await this.visible(await this.dataSource.getRepository(Dossier).findOne({ where: { id }, select: { id: true, agencyCode: true } }), id, actor);
    const rows = await this.dataSource.getRepository(DossierEvent).find({ where: { dossierId: id }, order: { seq: 'ASC' } });
    return { items: rows.map(toEventView) };
  }

  /** Newest first, keyset-paginated on (receivedAt, id) so deep pages stay fast. */
  async list(f: DossierFilter, actor: Actor): Promise<{ items: DossierView[]; nextCursor: string | null }> {
    const now = this.clock.now();
    const limit = f.limit ?? 20;
    const scope = await this.agencies.scopeOf(actor);
    if (f.agencyCode && !inScope(scope, f.agencyCode)) throw notFound(`agency ${f.agencyCode}`);
    const qb = this.dataSource.getRepository(Dossier).createQueryBuilder('d');
    if (scope !== 'all') qb.andWhere('d.agency_code IN (:...scope)', { scope: scope.length ? scope : [''] });
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.procedureCode) qb.andWhere('d.procedure_code = :procedureCode', { procedureCode: f.procedureCode });
    if (f.agencyCode) qb.andWhere('d.agency_code = :agencyCode', { agencyCode: f.agencyCode });
    if (f.overdue !== undefined || f.dueSoon !== undefined) qb.andWhere('d.status IN (:...open)', { open: OPEN_STATUSES });
    const overdue = "((d.status = 'processing' AND d.due_at < :now) OR (d.status <> 'processing' AND d.paused_at > d.due_at))";
    if (f.overdue === true) qb.andWhere(overdue, { now });
    if (f.overdue === false) qb.andWhere(`NOT ${overdue}`, { now });
    const dueSoon = "COALESCE(d.status = 'processing' AND d.due_soon_at <= :now AND d.due_at >= :now, false)";
    if (f.dueSoon === true) qb.andWhere(dueSoon, { now });
    if (f.dueSoon === false) qb.andWhere(`NOT ${dueSoon}`, { now });
    if (f.receivedFrom) qb.andWhere('d.received_at >= :from', { from: localDateTime(f.receivedFrom, '00:00') });
    if (f.receivedTo) qb.andWhere('d.received_at < :to', { to: new Date(localDateTime(f.receivedTo, '00:00').getTime() + DAY_MS) });
    if (f.q) {
      qb.andWhere("(d.code LIKE :prefix OR d.applicant->>'fullName' ILIKE :name)", {
        prefix: `${escapeLike(f.q)}%`,
        name: `%${escapeLike(f.q)}%`,
      });
    }
    if (f.cursor) {
      const [receivedAt, id] = decodeCursor(f.cursor);
      qb.andWhere('(d.received_at, d.id) < (:receivedAt, :id)', { receivedAt, id });
    }
    const rows = await qb.orderBy('d.received_at', 'DESC').addOrderBy('d.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await Promise.all(page.map((d) => this.view(d))),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function encodeCursor(d: Dossier): string {
  return Buffer.from(JSON.stringify([d.receivedAt.toISOString(), d.id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const at = new Date(t);
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return [at, id];
  } catch {
    throw invalidField('cursor', 'is not a cursor this API returned');
  }
}
