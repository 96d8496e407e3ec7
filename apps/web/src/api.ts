/**
 * The one way the app talks to the API: openapi-fetch's client typed by the OpenAPI document (api-schema.d.ts), so every
 * path, parameter, body and answer is checked by the compiler. A middleware adds the bearer token, has the officer sign in
 * again over the current page when the API refuses it (then sends the request again), and turns api.md's error format into
 * ApiError; `call` unwraps an answer into its typed body.
 */
import createClient, { createQuerySerializer, type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import type { FieldError, ApiErrorBody as ServerErrorBody } from './types';

/** The API's error format, or the app's own `http_error` when an answer is not JSON at all (a proxy's page). */
export type ApiErrorBody = Omit<ServerErrorBody, 'error'> & { error: ServerErrorBody['error'] | 'http_error' };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  /** The bad fields of a 400 (`details: [{ field, reason, code, params? }]`), keyed by field path; screens translate `code`. */
  fieldErrors(): Record<string, FieldError> {
    const details = this.body.details;
    if (!Array.isArray(details)) return {};
    const out: Record<string, FieldError> = {};
    for (const d of details) if (d.field) out[d.field] = d;
    return out;
  }
}

const TOKEN_KEY = 'motcua.token';
/** When this tab received the token, by its own clock: only elapsed time is measured, so a desk PC's wrong clock does not matter. */
const RECEIVED_KEY = 'motcua.token-received';
/** While the officer works, a token this old is refreshed: only idle time (JWT_TTL_MINUTES on the server) ends a session. */
const REFRESH_AFTER_MS = 60_000;
/** The token is sent to neither: the login has none yet, and a refused logout needs no new sign-in. */
const WITHOUT_TOKEN = /\/api\/v1\/auth\/(login|logout)$/;

let reauthenticate: () => Promise<boolean> = async () => false;
let refreshing: Promise<void> | null = null;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set(token: string | null): void {
    if (!token) {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(RECEIVED_KEY);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(RECEIVED_KEY, String(Date.now()));
  },
  /** What to do when the API refuses the token: resolves true once the officer has signed in again, and the request is sent again. */
  onUnauthorized(fn: () => Promise<boolean>): void {
    reauthenticate = fn;
  },
  /** The officer did something (a key, a click): a token over a minute old is exchanged for a fresh one, in the background. */
  active(): void {
    if (refreshing || !session.token() || Date.now() - Number(sessionStorage.getItem(RECEIVED_KEY) ?? 0) < REFRESH_AFTER_MS) return;
    refreshing = call(client.POST('/api/v1/auth/refresh'))
      .then((res) => session.set(res.accessToken))
      .catch(() => undefined) // a refused token has already asked the officer to sign in again
      .finally(() => (refreshing = null));
  },
};

/** A copy of each request sent with a token, to send again after a new sign-in (the first one's body is spent by then). */
const retries = new WeakMap<Request, Request>();

/** An error answer's body as ApiError: the API's format when it is one, else `http_error` (a proxy's page, an empty body). */
function apiError(status: number, body: unknown): ApiError {
  const isApiBody = !!body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string';
  return new ApiError(
    status,
    isApiBody ? (body as ApiErrorBody) : { statusCode: status, error: 'http_error', message: `Máy chủ trả lỗi ${status}` },
  );
}

/** Bearer token and `Accept: application/json` on the way out (a call may ask for another type); ApiError thrown on an error answer. */
const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    if (token && !request.headers.has('Authorization') && !WITHOUT_TOKEN.test(new URL(request.url, location.href).pathname)) {
      request.headers.set('Authorization', `Bearer ${token}`);
      retries.set(request, request.clone());
    }
    return request;
  },
  async onResponse({ request, response }) {
    let answer = response;
    const retry = retries.get(request);
    // A token the API refused (idle too long, signed out elsewhere, password changed): the officer signs in again over the
    // page, whose unsaved form stays as it is, and the request goes again once, with the new token.
    if (answer.status === 401 && retry && (await reauthenticate())) {
      retry.headers.set('Authorization', `Bearer ${session.token()}`);
      answer = await fetch(retry);
    }
    if (answer.ok) return answer === response ? undefined : answer;
    let body: unknown;
    try {
      body = await answer.json();
    } catch {
      body = undefined;
    }
    throw apiError(answer.status, body);
  },
};

/** Blank filters (`''`, null, undefined) are left out of the query string, as a form's empty select means "any"; a list is one comma-separated value (`stepRole=specialist,leader`). */
const serializeQuery = createQuerySerializer({ array: { style: 'form', explode: false } });

/** JSON answers are typed as their JSON body (the 06a also answers a workbook: `parseAs: 'blob'` with saveFile). */
export const client = createClient<paths, 'application/json'>({
  baseUrl: '',
  querySerializer: (query) =>
    serializeQuery(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''))),
});
client.use(auth);

/** What a client method resolves to: `{ data, response }` or `{ error, response }` (openapi-fetch's FetchResponse). */
type Answer = { data?: unknown; error?: unknown; response: Response };
/** The success branch's body type. */
type DataOf<A> = A extends { data: infer D; error?: never } ? D : never;

/** The typed body of an answer, e.g. `await call(client.GET('/api/v1/dossiers/{id}', { params: { path: { id } } }))`; an error answer throws ApiError. */
export async function call<A extends Answer>(pending: Promise<A>): Promise<DataOf<A>> {
  const { data, error, response } = await pending;
  // The middleware already threw for an error answer; this keeps the promise honest if one gets through.
  if (error !== undefined || !response.ok) throw apiError(response.status, error);
  return data as DataOf<A>;
}

/**
 * A file answer (e.g. the 06a workbook, asked for with `parseAs: 'blob'`), saved under the server's file name
 * (Content-Disposition), else `fallbackName`.
 */
export async function saveFile(pending: Promise<{ data: Blob; error?: never; response: Response } | { data?: never; error: unknown; response: Response }>, fallbackName: string): Promise<void> {
  const answer = await pending;
  const blob = await call(Promise.resolve(answer));
  saveBlob(blob, fileNameOf(answer.response) ?? fallbackName);
}

/** The file name the server gave an answer: Content-Disposition's UTF-8 `filename*` (Vietnamese letters kept), else its plain `filename`. */
export function fileNameOf(response: Response): string | null {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed escape: the plain name below
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** Saves bytes already in the page under a name (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
