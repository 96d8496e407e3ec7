import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_OFFICE_HOURS, OfficeHoursError, type OfficeInterval, WorkingCalendar } from '@app/calendar';
import { type AgencyLevel, alreadyExists, invalidField, notFound, type ReceivesFor, RETIRED_AGENCY_LEVELS, type Role } from '@app/common';
import { Clock } from '@app/config';
import { isUniqueViolation } from '@app/database';
import { type AuditContext, AuditService, changedFields } from '@app/audit';
import { AgencyCalendarService } from './agency-calendar.service';
import { Agency } from './agency.entity';
import type { DeadlineRecompute } from './deadline-recompute.entity';
import { DeadlineRecomputeRepository } from './deadline-recompute.repository';

/** Who asks, as far as scoping goes (an officer, the auth lib's Actor). */
interface Caller {
  roles: readonly Role[];
  agencyCode: string | null;
}

/** Which agencies a caller may see: all, or a list of codes. */
export type AgencyScope = 'all' | readonly string[];

export interface AgencyInput {
  code?: string;
  name?: string;
  level?: AgencyLevel;
  parentCode?: string | null;
  officeHours?: OfficeInterval[] | null;
  receivesFor?: ReceivesFor;
}

/** The agency tree, kept in memory (it is small and changes rarely) and dropped everywhere on change. */
@Injectable()
export class AgencyService {
  private tree: Promise<Map<string, Agency>> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: AgencyCalendarService,
    private readonly audit: AuditService,
    private readonly recomputes: DeadlineRecomputeRepository,
    private readonly clock: Clock,
  ) {
    calendars.onChange(() => (this.tree = null));
  }

  /** Admin: everything; supervisor: their agency and every agency under it; other officers: their own agency. */
  async scopeOf(actor: Caller): Promise<AgencyScope> {
    if (actor.roles.includes('admin')) return 'all';
    if (!actor.agencyCode) return [];
    if (actor.roles.includes('supervisor')) return this.subtree(actor.agencyCode);
    return [actor.agencyCode];
  }

  /** scopeOf the caller, narrowed by a query to one agency: one outside the scope, or none at all, is a 404 (existence does not leak). */
  async scopeFor(actor: Caller, agencyCode: string | undefined): Promise<AgencyScope> {
    const scope = await this.scopeOf(actor);
    if (agencyCode !== undefined && !(inScope(scope, agencyCode) && (await this.exists(agencyCode)))) throw notFound(`agency ${agencyCode}`);
    return scope;
  }

  async subtree(code: string): Promise<string[]> {
    const agencies = await this.load();
    const children = new Map<string, string[]>();
    for (const a of agencies.values()) if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
    const out: string[] = [];
    const stack = agencies.has(code) ? [code] : [];
    while (stack.length) {
      const c = stack.pop()!;
      out.push(c);
      stack.push(...(children.get(c) ?? []));
    }
    return out;
  }

  /**
   * The agencies whose dossiers this agency's desk may receive (its `receivesFor`): itself, its subtree, or every agency
   * under its province (its highest ancestor of level province, else the root of its tree).
   */
  async servedBy(deskCode: string): Promise<string[]> {
    const agencies = await this.load();
    const desk = agencies.get(deskCode);
    if (!desk) return [];
    if (desk.receivesFor === 'subtree') return this.subtree(deskCode);
    if (desk.receivesFor === 'province') {
      let top = desk;
      let province = desk.level === 'province' ? desk : null;
      while (top.parentCode && agencies.has(top.parentCode)) {
        top = agencies.get(top.parentCode)!;
        if (top.level === 'province') province = top;
      }
      return this.subtree((province ?? top).code);
    }
    return [deskCode];
  }

  /** The agencies the caller may receive dossiers for at intake: those its desk serves (an administrator: all). */
  async receivable(actor: Caller) {
    if (actor.roles.includes('admin')) return this.list('all');
    return this.list(actor.agencyCode ? await this.servedBy(actor.agencyCode) : []);
  }

  /** Code and name of each agency named that exists, by code: for showing agencies outside the viewer's tree that a dossier names. */
  async names(codes: Iterable<string>): Promise<{ code: string; name: string }[]> {
    const agencies = await this.load();
    return [...new Set(codes)]
      .flatMap((code) => {
        const a = agencies.get(code);
        return a ? [{ code: a.code, name: a.name }] : [];
      })
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The agencies an officer sees in lists: their own tree (an administrator: all). */
  async treeOf(actor: Caller): Promise<AgencyScope> {
    if (actor.roles.includes('admin')) return 'all';
    return actor.agencyCode ? this.subtree(actor.agencyCode) : [];
  }

  async list(scope: AgencyScope) {
    const agencies = [...(await this.load()).values()].filter((a) => inScope(scope, a.code)).sort((a, b) => a.code.localeCompare(b.code));
    return { items: agencies.map(toView) };
  }

  async create(input: AgencyInput, context: AuditContext) {
    if (!input.code || !input.name || !input.level) throw invalidField('code', 'code, name and level are required', 'required');
    const agencies = await this.load();
    if (agencies.has(input.code)) throw alreadyExists(`Agency ${input.code}`);
    checkLevel(input.level, null);
    checkParent(agencies, input.parentCode);
    checkOfficeHours(input.officeHours);
    await this.dataSource.transaction(async (m) => {
      const row = {
        code: input.code!,
        name: input.name!,
        level: input.level!,
        parentCode: input.parentCode ?? null,
        officeHours: input.officeHours ?? null,
        receivesFor: input.receivesFor ?? 'self',
      };
      await m.getRepository(Agency).insert(row);
      await this.audit.record({ action: 'agency.created', target: { type: 'agency', id: row.code }, after: toView(row), context }, m);
      await this.calendars.announceChange(m);
    }).catch((e: unknown) => {
      // Two admins creating the same code at once: the loser of the primary key gets the same 409 as the pre-check.
      throw isUniqueViolation(e) ? alreadyExists(`Agency ${input.code}`) : e;
    });
    // A reader during our transaction may have cached the tree without this row; the NOTIFY that drops it arrives later.
    this.calendars.invalidate();
    return toView((await this.load()).get(input.code!)!);
  }

  /**
   * Also says whether the office hours changed. Hours sent request, in the same transaction, the recomputation of the
   * agency's open deadlines (resumed, when the hours are the same, if a crash left one unfinished), which the caller runs.
   */
  async update(
    code: string,
    input: AgencyInput,
    context: AuditContext,
    requester: { id: string; username: string },
  ): Promise<{ agency: AgencyView; hoursChanged: boolean; recompute: DeadlineRecompute | null }> {
    const agencies = await this.load();
    if (!agencies.has(code)) throw notFound(`agency ${code}`);
    if (input.level !== undefined) checkLevel(input.level, agencies.get(code)!.level);
    checkParent(agencies, input.parentCode);
    if (input.parentCode && (await this.subtree(code)).includes(input.parentCode)) throw invalidField('parentCode', 'would make the agency its own ancestor', 'circular_parent');
    checkOfficeHours(input.officeHours);
    const { hoursChanged, recompute } = await this.dataSource.transaction(async (m) => {
      // The hours as committed, not as this process cached them: another process may have changed them meanwhile.
      const [row]: { name: string; level: AgencyLevel; parent_code: string | null; office_hours: OfficeInterval[] | null; receives_for: ReceivesFor }[] = await m.query(
        'SELECT name, level, parent_code, office_hours, receives_for FROM agency WHERE code = $1 FOR UPDATE',
        [code],
      );
      const patch: Partial<Agency> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.level !== undefined) patch.level = input.level;
      if (input.parentCode !== undefined) patch.parentCode = input.parentCode;
      if (input.officeHours !== undefined) patch.officeHours = input.officeHours;
      if (input.receivesFor !== undefined) patch.receivesFor = input.receivesFor;
      if (Object.keys(patch).length) await m.getRepository(Agency).update({ code }, patch as object);
      const before = toView({ code, name: row.name, level: row.level, parentCode: row.parent_code, officeHours: row.office_hours, receivesFor: row.receives_for });
      await this.audit.record({ action: 'agency.updated', target: { type: 'agency', id: code }, ...changedFields(before, toView({ ...before, ...patch })), context }, m);
      await this.calendars.announceChange(m);
      const hoursChanged = input.officeHours !== undefined && !sameHours(row?.office_hours ?? null, input.officeHours);
      const recompute =
        input.officeHours === undefined
          ? null
          : await this.recomputes.request(m, { reason: 'office_hours_changed', agencyCode: code, calendarDate: null, actor: requester, at: this.clock.now() }, hoursChanged);
      return { hoursChanged, recompute };
    });
    this.calendars.invalidate();
    return { agency: toView((await this.load()).get(code)!), hoursChanged, recompute };
  }

  async exists(code: string): Promise<boolean> {
    return (await this.load()).has(code);
  }

  private load(): Promise<Map<string, Agency>> {
    if (!this.tree) {
      const loading = this.dataSource
        .getRepository(Agency)
        .find()
        .then((rows) => new Map(rows.map((a) => [a.code, a])));
      this.tree = loading;
      loading.catch(() => (this.tree = null));
    }
    return this.tree;
  }
}

export function inScope(scope: AgencyScope, code: string): boolean {
  return scope === 'all' || scope.includes(code);
}

function checkOfficeHours(hours: OfficeInterval[] | null | undefined): void {
  if (!hours) return;
  try {
    new WorkingCalendar({ officeHours: hours });
  } catch (e) {
    if (!(e instanceof OfficeHoursError)) throw e;
    if (e.problem === 'empty') throw invalidField('officeHours', e.message, 'too_few_items', { min: 1 });
    throw invalidField('officeHours', e.message, e.problem, e.at);
  }
}

/** Equal intervals in order; null is the default hours. (jsonb reads keys back in its own order, so no JSON text compare.) */
function sameHours(a: OfficeInterval[] | null, b: OfficeInterval[] | null): boolean {
  const x = a ?? DEFAULT_OFFICE_HOURS;
  const y = b ?? DEFAULT_OFFICE_HOURS;
  return x.length === y.length && x.every((h, i) => h.from === y[i].from && h.to === y[i].to);
}

export type AgencyView = ReturnType<typeof toView>;

function toView(a: Pick<Agency, 'code' | 'name' | 'level' | 'parentCode' | 'officeHours' | 'receivesFor'>) {
  return { code: a.code, name: a.name, level: a.level, parentCode: a.parentCode, officeHours: a.officeHours ?? DEFAULT_OFFICE_HOURS, receivesFor: a.receivesFor };
}

/** A retired level (district) stays on the agencies imported with it, but no agency takes it anew. */
function checkLevel(level: AgencyLevel, current: AgencyLevel | null): void {
  if (RETIRED_AGENCY_LEVELS.includes(level) && level !== current) {
    throw invalidField('level', `'${level}' is kept only for imported history (districts were abolished on 1 July 2025): use province, department or commune`, 'retired_level', {
      level,
    });
  }
}

/** null (or absent) makes a root; any string, the empty one included, must name an existing agency. */
function checkParent(agencies: Map<string, Agency>, parentCode: string | null | undefined): void {
  if (parentCode !== undefined && parentCode !== null && !agencies.has(parentCode)) {
    throw invalidField('parentCode', `no agency with code ${parentCode}`, 'no_such_reference', { kind: 'agency' });
  }
}
