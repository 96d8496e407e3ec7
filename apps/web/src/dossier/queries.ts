/**
 * The reads behind the processing screens. Cache keys are shared across the app, so an entry keeps the shape the other
 * screens give it (events and officers as arrays); a change to a dossier stores the API's answer and re-reads its events and 'dossiers'.
 */
import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call, client } from '../api';
import type { operations } from '../api-schema';
import type { WorkDossier } from './model';

/** GET /api/v1/dossiers's filters as the document gives them (the page cursor is the query's own). */
export type DossierFilters = Omit<NonNullable<operations['dossiers_list']['parameters']['query']>, 'cursor'>;

export const dossierKey = (id: string) => ['dossier', id] as const;
export const eventsKey = (id: string) => ['dossier', id, 'events'] as const;

export function useDossier(id: string) {
  return useQuery({ queryKey: dossierKey(id), queryFn: () => call(client.GET('/api/v1/dossiers/{id}', { params: { path: { id } } })), enabled: !!id });
}

export function useDossierEvents(id: string) {
  return useQuery({
    queryKey: eventsKey(id),
    queryFn: async () => (await call(client.GET('/api/v1/dossiers/{id}/events', { params: { path: { id } } }))).items,
    enabled: !!id,
  });
}

/** The latest version of a procedure (the admin's procedure page). */
export const procedureKey = (code: string) => ['procedure', code] as const;

/** A published version never changes: read once (the dossier pages and the procedure's version history share the entry). */
export function procedureVersionQuery(code: string | undefined, version: number | undefined) {
  return {
    queryKey: ['procedure', code, version],
    queryFn: () => call(client.GET('/api/v1/procedures/{code}/versions/{version}', { params: { path: { code: code!, version: version! } } })),
    enabled: !!code && !!version,
    staleTime: Infinity,
  };
}

export function useProcedureVersion(code: string | undefined, version: number | undefined) {
  return useQuery(procedureVersionQuery(code, version));
}

export function useProcedures() {
  return useQuery({
    queryKey: ['procedures', 'latest'],
    queryFn: async () => (await call(client.GET('/api/v1/procedures'))).items,
    staleTime: 10 * 60_000,
  });
}

/** Colleagues of the signed-in officer's agency (assignment, and names instead of ids). */
export function useOfficers(enabled = true) {
  return useQuery({
    queryKey: ['officers'],
    queryFn: async () => (await call(client.GET('/api/v1/users/officers'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Whom the dossier's current step may be assigned to (the officers ASSIGN accepts); keyed by the step, which changes the answer. */
export function useAssignees(id: string, stepId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...dossierKey(id), 'assignees', stepId ?? null],
    queryFn: async () => (await call(client.GET('/api/v1/dossiers/{id}/assignees', { params: { path: { id } } }))).items,
    staleTime: 60_000,
    enabled: enabled && !!id,
  });
}

/** GET /api/v1/dossiers page by page ("Xem thêm"): `items` is every page read so far. */
export function useDossierPages(filters: DossierFilters, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: ['dossiers', 'pages', filters],
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/dossiers', { params: { query: { ...filters, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

/** Working days of a date range (holidays, swapped Saturdays) for the agency's calendar. */
export function useCalendarDays(from: string | null, to: string | null, agencyCode: string | undefined) {
  return useQuery({
    queryKey: ['calendar-days', from, to, agencyCode],
    queryFn: () => call(client.GET('/api/v1/calendar/days', { params: { query: { from: from!, to: to!, agencyCode } } })),
    enabled: !!from && !!to && !!agencyCode,
    staleTime: 10 * 60_000,
  });
}

/** Read the dossier (and its events) and the lists again. */
export function invalidateDossier(client: QueryClient, id: string): Promise<void> {
  return Promise.all([client.invalidateQueries({ queryKey: dossierKey(id) }), client.invalidateQueries({ queryKey: ['dossiers'] })]).then(() => undefined);
}

/** After an intake or an event: the API's answer is the dossier's new state, so only its events and the lists are read again. */
export function dossierChanged(client: QueryClient, dossier: WorkDossier): Promise<void> {
  client.setQueryData(dossierKey(dossier.id), dossier);
  return Promise.all([client.invalidateQueries({ queryKey: eventsKey(dossier.id) }), client.invalidateQueries({ queryKey: ['dossiers'] })]).then(() => undefined);
}

/** A calendar or office-hours change moved open deadlines and working time: every dossier read and the working days are stale. */
/** What a calendar or office-hours change did to open deadlines, in words: done in the request, or still running on the workers. */
export function recomputeMessage(r: { status: 'pending' | 'done'; recomputedDossiers: number } | null): string {
  if (!r) return '';
  if (r.status === 'pending') return ` Hạn của các hồ sơ đang giải quyết đang được tính lại trong nền (đã xong ${r.recomputedDossiers} hồ sơ).`;
  return r.recomputedDossiers ? ` Đã tính lại hạn của ${r.recomputedDossiers} hồ sơ đang giải quyết.` : '';
}

export function invalidateDeadlines(client: QueryClient): void {
  for (const queryKey of [['dossiers'], ['dossier'], ['calendar-days']]) void client.invalidateQueries({ queryKey });
}
