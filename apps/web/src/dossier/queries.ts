/**
 * The reads behind the processing screens. Cache keys are shared across the app, so an entry keeps the shape the other
 * screens give it (events and officers as arrays); a change to a dossier invalidates 'dossier' and 'dossiers'.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { DossierEvent, Procedure } from '../types';
import type { Officer, WorkDossier } from './model';

export const dossierKey = (id: string) => ['dossier', id] as const;
export const eventsKey = (id: string) => ['dossier', id, 'events'] as const;

export function useDossier(id: string) {
  return useQuery({ queryKey: dossierKey(id), queryFn: () => api.get<WorkDossier>(`/api/v1/dossiers/${encodeURIComponent(id)}`), enabled: !!id });
}

export function useDossierEvents(id: string) {
  return useQuery({
    queryKey: eventsKey(id),
    queryFn: async () => (await api.get<{ items: DossierEvent[] }>(`/api/v1/dossiers/${encodeURIComponent(id)}/events`)).items,
    enabled: !!id,
  });
}

/** A published version never changes: read once. */
export function useProcedureVersion(code: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['procedure', code, version],
    queryFn: () => api.get<Procedure>(`/api/v1/procedures/${encodeURIComponent(code!)}/versions/${version}`),
    enabled: !!code && !!version,
    staleTime: Infinity,
  });
}

export function useProcedures() {
  return useQuery({
    queryKey: ['procedures', 'latest'],
    queryFn: async () => (await api.get<{ items: Procedure[] }>('/api/v1/procedures')).items,
    staleTime: 10 * 60_000,
  });
}

/** Colleagues of the signed-in officer's agency (assignment, and names instead of ids). */
export function useOfficers(enabled = true) {
  return useQuery({
    queryKey: ['officers'],
    queryFn: async () => (await api.get<{ items: Officer[] }>('/api/v1/users/officers')).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}


/** Working days of a date range (holidays, swapped Saturdays) for the agency's calendar. */
export function useCalendarDays(from: string | null, to: string | null, agencyCode: string | undefined) {
  return useQuery({
    queryKey: ['calendar-days', from, to, agencyCode],
    queryFn: () => api.get<{ items: { date: string; working: boolean }[] }>('/api/v1/calendar/days', { from, to, agencyCode }),
    enabled: !!from && !!to && !!agencyCode,
    staleTime: 10 * 60_000,
  });
}

export function invalidateDossier(client: QueryClient, id: string): Promise<void> {
  return Promise.all([client.invalidateQueries({ queryKey: dossierKey(id) }), client.invalidateQueries({ queryKey: ['dossiers'] })]).then(() => undefined);
}
