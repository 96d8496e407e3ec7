import type { Response } from 'supertest';
import { formatLocal } from '@app/calendar';
import { FIELD_ERROR_CODES } from '@app/common';
import type { TestApp } from './test-app';

/** The acting officer: TestApp.http (actingAgent) turns these headers into a real account and signed token. */
export function as(roles: string, username: string, agencyCode?: string): Record<string, string> {
  return {
    'X-Actor-Roles': roles,
    'X-Actor-Username': username,
    'X-Actor-Id': `id-${username}`,
    ...(agencyCode ? { 'X-Actor-Agency': agencyCode } : {}),
  };
}

export const ADMIN = as('admin', 'quan.tri');

export function applicant(fullName = 'Nguyễn Văn A', idNumber = '001090012345') {
  return { type: 'citizen', fullName, idNumber };
}

export interface IntakeOptions {
  procedureCode: string;
  agencyCode: string;
  /** Moves the test clock there first. */
  at?: string;
  channel?: 'direct' | 'online' | 'postal';
  fullName?: string;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/**
 * An extension date EXTEND accepts for a dossier due at `dueAt`: a day later, within any procedure's bound (at least one
 * working day past the appointment), with its +07:00 offset as the API answers it.
 */
export function dayAfter(dueAt: string): string {
  return formatLocal(new Date(Date.parse(dueAt) + 86_400_000));
}

/** POST /api/v1/dossiers as a reception officer of the agency, expecting 201. */
export async function receive(t: TestApp, o: IntakeOptions): Promise<Dossier> {
  if (o.at) t.clock.set(o.at);
  const res = await t.http
    .post('/api/v1/dossiers')
    .set(o.headers ?? as('reception', 'mot.cua', o.agencyCode))
    .send({ procedureCode: o.procedureCode, channel: o.channel ?? 'direct', applicant: applicant(o.fullName), ...o.extra });
  expectStatus(res, 201);
  return res.body as Dossier;
}

/** POST /api/v1/dossiers/:id/events (clock moved to `at` first when given). */
export async function send(
  t: TestApp,
  id: string,
  body: Record<string, unknown>,
  opts: { at?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  if (opts.at) t.clock.set(opts.at);
  return t.http
    .post(`/api/v1/dossiers/${id}/events`)
    .set(opts.headers ?? ADMIN)
    .send(body);
}

/** An event that must succeed: 200 and the new Dossier. */
export async function act(
  t: TestApp,
  id: string,
  body: Record<string, unknown>,
  opts: { at?: string; headers?: Record<string, string> } = {},
): Promise<Dossier> {
  const res = await send(t, id, body, opts);
  expectStatus(res, 200);
  return res.body as Dossier;
}

/** The dossier as an administrator sees it, or as the officer `headers` describe (allowedEvents follow the viewer's roles). */
export async function getDossier(t: TestApp, id: string, headers?: Record<string, string>): Promise<Dossier> {
  const res = await t.http.get(`/api/v1/dossiers/${id}`).set(headers ?? {});
  expectStatus(res, 200);
  return res.body as Dossier;
}

/** An account's id by username: the demo seed's role-named accounts of H12.01 (reception, specialist, leader, clerk), or one a test provisioned. */
export async function accountId(t: TestApp, username: string): Promise<string> {
  const res = await t.http.get('/api/v1/users').set(ADMIN);
  expectStatus(res, 200);
  const user = (res.body.items as { id: string; username: string }[]).find((u) => u.username === username);
  if (!user) throw new Error(`no account ${username}`);
  return user.id;
}

/** A new active officer account (POST /api/v1/users as an administrator); returns its id, which ASSIGN takes. */
export async function createOfficer(t: TestApp, username: string, roles: string[], agencyCode: string, active = true): Promise<string> {
  const password = 'cay-tre-xanh-ben-song-hong-mua-thu-2026';
  const res = await t.http.post('/api/v1/users').set(ADMIN).send({ username, fullName: `Cán bộ ${username}`, password, roles, agencyCode, active });
  expectStatus(res, 201);
  return res.body.id as string;
}

/** The officers the dossier's current step may be assigned to (GET …/assignees), as an administrator sees them. */
export async function assigneesOf(t: TestApp, id: string): Promise<{ id: string; username: string; fullName: string }[]> {
  const res = await t.http.get(`/api/v1/dossiers/${id}/assignees`).set(ADMIN);
  expectStatus(res, 200);
  return res.body.items;
}

export async function eventsOf(t: TestApp, id: string): Promise<DossierEvent[]> {
  const res = await t.http.get(`/api/v1/dossiers/${id}/events`);
  expectStatus(res, 200);
  return (res.body as { items: DossierEvent[] }).items;
}

/** Every dossier a list query returns, following nextCursor. */
export async function listAll(t: TestApp, query: Record<string, string>): Promise<Dossier[]> {
  const pages = await followCursor((cursor) => t.http.get('/api/v1/dossiers').query({ ...query, limit: '100', ...(cursor ? { cursor } : {}) }));
  return pages.flatMap((res) => res.body.items as Dossier[]);
}

/** The pages of a cursor-paged list, from the first (no cursor) through each nextCursor; each must be a 200, and the list must end. */
export async function followCursor(page: (cursor: string | null) => Promise<Response>, maxPages = 100): Promise<Response[]> {
  const pages: Response[] = [];
  let cursor: string | null = null;
  while (pages.length < maxPages) {
    const res = await page(cursor);
    expectStatus(res, 200);
    pages.push(res);
    cursor = res.body.nextCursor as string | null;
    if (!cursor) return pages;
  }
  throw new Error(`pagination did not end within ${maxPages} pages`);
}

/** Fails with the response body in the message, which is what one needs to see when a status is wrong. */
export function expectStatus(res: Response, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/** A 400 in the API's error format whose details name `field`. */
export function expectFieldError(res: Response, field: string): void {
  expectStatus(res, 400);
  expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
  expect(typeof res.body.message).toBe('string');
  const details = res.body.details as { field: string; code: string }[];
  expect(details.map((d) => d.field)).toContain(field);
  // Every problem carries its machine code next to the English sentence: clients translate the code.
  for (const d of details) expect(FIELD_ERROR_CODES).toContain(d.code);
}

export interface Step {
  id: string;
  name: string;
  role: string;
  assigneeId: string | null;
  startedAt: string | null;
  dueAt: string | null;
}

export interface Dossier {
  id: string;
  code: string;
  procedureCode: string;
  procedureVersion: number;
  agencyCode: string;
  channel: string;
  applicant: { fullName: string };
  status: string;
  nationalStatusCode: number;
  suspendReason: string | null;
  currentStep: Step | null;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  dueSoon: boolean;
  overdue: boolean;
  supplementCount: number;
  finishedAt: string | null;
  returnedAt: string | null;
  withdrawnAt: string | null;
  resultType: string | null;
  outcome: string | null;
  version: number;
  allowedEvents: string[];
}

export interface DossierEvent {
  seq: number;
  type: string;
  at: string;
  actor: { id: string; username: string };
  fromStatus: string | null;
  toStatus: string;
  fromStep: string | null;
  toStep: string | null;
  stepDueAt: string | null;
  stepOnTime: boolean | null;
  note: string | null;
  data: Record<string, unknown>;
}
