import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyCalendarService, AgencyService, inScope } from '@app/agencies';
import { type Actor, SYSTEM_ACTOR } from '@app/auth';
import { localDateTime } from '@app/calendar';
import { type DossierStatus, invalidField, notFound, OPEN_STATUSES, type Role } from '@app/common';
import { Clock } from '@app/config';
import { isUuid } from '@app/database';
import { ProceduresService } from '@app/procedures';
import { type Assignee, AssigneeRepository } from './assignee.repository';
import { stepAgencyOf, stepOf } from './dossier-deadlines';
import { Dossier } from './dossier.entity';
import { DossierEvent } from './dossier-event.entity';
import { dossierNotFound } from './dossier-errors';
import { dueSoonSql, overdueSql } from './dossier-outcome';
import { type DossierView, type Handover, toDossierView, toEventView } from './dossier-view';

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
  /** The work queue of these roles: open dossiers waiting for one of them to act (see waitingFor). */
  stepRole?: Role[];
  /** `me`: assigned to the caller; `none`: not assigned to anyone. */
  assignee?: 'me' | 'none';
  /** `receivedAt` (default): newest first. `stepDueAt`: the current step's deadline, soonest (most overdue) first, none last. `dueAt`: the appointment, earliest (most overdue) first. */
  sort?: DossierSort;
  limit?: number;
  cursor?: string;
}

/** What a dossier's view reads from other tables: the agencies it concerns (dossier_agency) and its last handover. */
interface StoredContext {
  concerned: string[];
  lastHandover: Handover | null;
}

/** Desk work waits for reception whatever the step: the applicant brings the supplement and collects the result. */
const DESK_STATUSES: DossierStatus[] = ['awaiting_supplement', 'result_ready'];

const DAY_MS = 86_400_000;

/** A dossier as one reader sees it: the list view and the applicant's lookup key. */
export type DossierDetail = DossierView & { lookupKey: string };

@Injectable()
export class DossierQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly procedures: ProceduresService,
    private readonly agencies: AgencyService,
    private readonly calendars: AgencyCalendarService,
    private readonly assignees: AssigneeRepository,
    private readonly clock: Clock,
  ) {}

  async get(id: string, actor: Actor): Promise<DossierDetail> {
    return this.detail(await this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ id }), id, actor), actor);
  }

  async getByCode(code: string, actor: Actor): Promise<DossierDetail> {
    return this.detail(await this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ code }), code, actor), actor);
  }

  /** One dossier with its lookup key, for whoever reads or changes it (a list never shows keys). */
  async detail(d: Dossier, viewer: Actor): Promise<DossierDetail> {
    return { ...(await this.view(d, viewer)), lookupKey: d.lookupKey };
  }

  /** A citizen's lookup by code: the status and dates only, never anything about the applicant. */
  async publicLookup(code: string) {
    const d = await this.dataSource.getRepository(Dossier).findOneBy({ code });
    if (!d) throw dossierNotFound(code);
    // No one acts from the public page: the system viewer may send nothing.
    const view = await this.view(d, SYSTEM_ACTOR);
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

  /**
   * A dossier is visible to the agencies it concerns (dossier_agency: resolving, receiving, every agency that holds or
   * held a step) and to the supervisors above them; to anyone else it answers 404, as if it did not exist.
   */
  private async visible<T extends Pick<Dossier, 'id'>>(d: T | null, key: string, actor: Actor): Promise<T> {
    if (!d) throw dossierNotFound(key);
    const scope = await this.agencies.scopeOf(actor);
    if (scope === 'all') return d;
    const rows: unknown[] = scope.length
      ? await this.dataSource.query('SELECT 1 FROM dossier_agency WHERE dossier_id = $1 AND agency_code = ANY($2::varchar[]) LIMIT 1', [d.id, scope])
      : [];
    if (!rows.length) throw dossierNotFound(key);
    return d;
  }

  async view(d: Dossier, viewer: Pick<Actor, 'roles' | 'agencyCode'>, context?: StoredContext): Promise<DossierView> {
    const procedure = await this.procedures.compile(d.procedureCode, d.procedureVersion);
    // Only a running step has working time left (on the calendar of the agency holding it); a paused one's deadline moves when it resumes.
    const calendar = d.status === 'processing' && d.stepDueAt ? await this.calendars.forAgency(d.stepAgencyCode ?? d.agencyCode) : null;
    const { concerned, lastHandover } = context ?? (await this.contextOf([d.id])).get(d.id)!;
    // Also the agencies its procedure's steps name: the next agency has a name before the dossier reaches it.
    const named = procedure.definition.steps.flatMap((s) => (s.agency && 'code' in s.agency ? [s.agency.code] : []));
    const agencies = await this.agencies.names([...concerned, ...named]);
    return toDossierView(d, procedure, this.clock.now(), viewer, { calendar, agencies, lastHandover });
  }

  /** For each dossier: the agencies it concerns (dossier_agency) and its last handover; one query each for a whole page. */
  private async contextOf(ids: string[]): Promise<Map<string, StoredContext>> {
    const [concerned, handovers]: [{ dossier_id: string; agency_code: string }[], { dossier_id: string; from_agency: string; to_agency: string; at: Date }[]] =
      await Promise.all([
        this.dataSource.query('SELECT dossier_id, agency_code FROM dossier_agency WHERE dossier_id = ANY($1::uuid[])', [ids]),
        // The newest handover of each dossier, read backwards along the event log's primary key.
        this.dataSource.query(
          `SELECT DISTINCT ON (dossier_id) dossier_id, from_agency, to_agency, at FROM dossier_event
           WHERE dossier_id = ANY($1::uuid[]) AND from_agency IS NOT NULL AND to_agency IS NOT NULL ORDER BY dossier_id, seq DESC`,
          [ids],
        ),
      ]);
    return new Map(
      ids.map((id) => {
        const h = handovers.find((r) => r.dossier_id === id);
        return [
          id,
          {
            concerned: concerned.filter((r) => r.dossier_id === id).map((r) => r.agency_code),
            lastHandover: h ? { fromAgency: h.from_agency, toAgency: h.to_agency, at: h.at } : null,
          },
        ];
      }),
    );
  }

  private async viewPage(page: Dossier[], actor: Actor): Promise<DossierView[]> {
    const context = page.length ? await this.contextOf(page.map((d) => d.id)) : new Map<string, StoredContext>();
    return Promise.all(page.map((d) => this.view(d, actor, context.get(d.id))));
  }

  /** Whom the dossier's current step may be assigned to (what ASSIGN accepts); none when it is at no step. */
  async assigneesOf(id: string, actor: Actor): Promise<{ items: Assignee[] }> {
    const d = await this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ id }), id, actor);
    const { definition } = await this.procedures.compile(d.procedureCode, d.procedureVersion);
    const step = stepOf(definition, d.stepId);
    return { items: step ? await this.assignees.eligible(this.dataSource.manager, stepAgencyOf(d, step), step.role) : [] };
  }

  /** The dossier if the caller may read it, else 404 (files are read and attached on the same terms). */
  async readable(id: string, actor: Actor): Promise<Dossier> {
    return this.visible(await this.dataSource.getRepository(Dossier).findOneBy({ id }), id, actor);
  }

  async events(id: string, actor: Actor) {
    await this.visible(await this.dataSource.getRepository(Dossier).findOne({ where: { id }, select: { id: true } }), id, actor);
    const rows = await this.dataSource.getRepository(DossierEvent).find({ where: { dossierId: id }, order: { seq: 'ASC' } });
    return { items: rows.map(toEventView) };
  }

  /** Newest first, or by step deadline for a work queue; keyset-paginated on (sort key, id) so deep pages stay fast. */
  async list(f: DossierFilter, actor: Actor): Promise<{ items: DossierView[]; nextCursor: string | null }> {
    const now = this.clock.now();
    const limit = f.limit ?? 20;
    const scope = await this.agencies.scopeOf(actor);
    if (f.agencyCode && !inScope(scope, f.agencyCode)) throw notFound(`agency ${f.agencyCode}`);
    const qb = this.dataSource.getRepository(Dossier).createQueryBuilder('d');
    // The dossiers the caller's agencies are part of (an index scan of dossier_agency by agency).
    if (scope !== 'all') {
      qb.andWhere('d.id IN (SELECT da.dossier_id FROM dossier_agency da WHERE da.agency_code IN (:...scope))', { scope: scope.length ? scope : [''] });
    }
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.procedureCode) qb.andWhere('d.procedure_code = :procedureCode', { procedureCode: f.procedureCode });
    if (f.agencyCode) qb.andWhere('d.agency_code = :agencyCode', { agencyCode: f.agencyCode });
    if (f.overdue !== undefined || f.dueSoon !== undefined) qb.andWhere('d.status IN (:...open)', { open: OPEN_STATUSES });
    // COALESCE: a NULL (no pause, no due-soon time) must count as false, also under NOT.
    const overdue = `COALESCE(${overdueSql(':now')}, false)`;
    if (f.overdue === true) qb.andWhere(overdue, { now });
    if (f.overdue === false) qb.andWhere(`NOT ${overdue}`, { now });
    const dueSoon = `COALESCE(${dueSoonSql(':now')}, false)`;
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
    if (f.stepRole?.length) qb.andWhere(waitingFor(f.stepRole, scope !== 'all'), { stepRoles: f.stepRole, desk: DESK_STATUSES, scope: scope === 'all' || !scope.length ? [''] : scope });
    if (f.assignee === 'me') qb.andWhere('d.assignee_id = :me', { me: actor.id });
    if (f.assignee === 'none') qb.andWhere('d.assignee_id IS NULL');
    const sortBy = f.sort ?? 'receivedAt';
    const sort = SORTS[sortBy];
    if (f.cursor) {
      const [key, id] = decodeCursor(f.cursor, sortBy);
      const c = `d.${sort.column}`;
      if (sort.dir === 'DESC') qb.andWhere(`(${c}, d.id) < (:key, :id)`, { key, id });
      // Ascending with the dossiers without the key (e.g. no step deadline: result ready) after all the others.
      else if (key) qb.andWhere(`(${c} > :key OR (${c} = :key AND d.id > :id)${sort.nullable ? ` OR ${c} IS NULL` : ''})`, { key, id });
      else qb.andWhere(`${c} IS NULL AND d.id > :id`, { id });
    }
    qb.orderBy(`d.${sort.column}`, sort.dir, sort.dir === 'ASC' ? 'NULLS LAST' : undefined).addOrderBy('d.id', sort.dir);
    const rows = await qb.limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.viewPage(page, actor),
      nextCursor: rows.length > limit && last ? encodeCursor(last, sortBy) : null,
    };
  }
}

/**
 * Open dossiers waiting for one of the roles (mirrors mayAct): a running or suspended one whose current step names the
 * role (the step's role resumes it), and for reception also the desk work. For an officer (`ownAgencies`), only where
 * the work is theirs: a step their agency holds (a handover moves it to the next agency's queue at once), the desk work
 * of the desk that received it.
 */
function waitingFor(roles: Role[], ownAgencies: boolean): string {
  const stepNamesRole = `d.status IN ('processing', 'suspended')${ownAgencies ? ' AND d.step_agency_code IN (:...scope)' : ''} AND EXISTS (
    SELECT 1 FROM procedure_version pv, jsonb_array_elements(pv.definition->'steps') step
    WHERE pv.code = d.procedure_code AND pv.version = d.procedure_version AND step->>'id' = d.step_id AND step->>'role' IN (:...stepRoles))`;
  const desk = `d.status IN (:...desk)${ownAgencies ? ' AND d.receiving_agency_code IN (:...scope)' : ''}`;
  return roles.includes('reception') ? `((${stepNamesRole}) OR (${desk}))` : `(${stepNamesRole})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type DossierSort = 'receivedAt' | 'stepDueAt' | 'dueAt';

const SORTS: Record<DossierSort, { column: string; dir: 'ASC' | 'DESC'; nullable: boolean }> = {
  receivedAt: { column: 'received_at', dir: 'DESC', nullable: false },
  stepDueAt: { column: 'step_due_at', dir: 'ASC', nullable: true },
  dueAt: { column: 'due_at', dir: 'ASC', nullable: false },
};

function encodeCursor(d: Dossier, sort: DossierSort): string {
  const key = d[sort]?.toISOString() ?? null;
  // The newest-first cursor keeps its original two-element form.
  return Buffer.from(JSON.stringify(sort === 'receivedAt' ? [key, d.id] : [key, d.id, sort])).toString('base64url');
}

/** A cursor belongs to one sort order: another order's cursor would skip or repeat rows, so it is refused. */
function decodeCursor(cursor: string, sort: DossierSort): [Date | null, string] {
  try {
    const [t, id, cursorSort] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | null, string, string?];
    if ((cursorSort ?? 'receivedAt') !== sort || !isUuid(id)) throw new Error('bad cursor');
    if (t === null && SORTS[sort].nullable) return [null, id];
    const at = new Date(t as string);
    // Before year 1 PostgreSQL may be out of range; no dossier is from then.
    if (typeof t !== 'string' || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1) throw new Error('bad cursor');
    return [at, id];
  } catch {
    throw invalidField('cursor', 'is not a cursor this API returned for this sort order', 'bad_format');
  }
}
