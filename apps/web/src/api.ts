/** The one way the app talks to the API: JSON in and out, the bearer token, and api.md's error format turned into ApiError. */
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
let onUnauthorized: () => void = () => undefined;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string | null) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY)),
  onUnauthorized: (fn: () => void) => (onUnauthorized = fn),
};

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const token = session.token();
  const res = await fetch(path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return res;
  let errorBody: ApiErrorBody;
  try {
    errorBody = (await res.json()) as ApiErrorBody;
  } catch {
    errorBody = { statusCode: res.status, error: 'http_error', message: `Máy chủ trả lỗi ${res.status}` };
  }
  if (res.status === 401 && token) onUnauthorized();
  throw new ApiError(res.status, errorBody);
}

export const api = {
  get: async <T>(path: string, query?: Query): Promise<T> => (await send('GET', withQuery(path, query))).json() as Promise<T>,
  post: async <T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> =>
    (await send('POST', path, body, headers)).json() as Promise<T>,
  put: async <T>(path: string, body: unknown): Promise<T> => (await send('PUT', path, body)).json() as Promise<T>,
  patch: async <T>(path: string, body: unknown): Promise<T> => (await send('PATCH', path, body)).json() as Promise<T>,
  delete: async <T>(path: string): Promise<T> => (await send('DELETE', path)).json() as Promise<T>,
  /** A plain-text answer (e.g. a procedure's Mermaid diagram). */
  text: async (path: string): Promise<string> => (await send('GET', path, undefined, { Accept: 'text/plain' })).text(),
  /** A file answer (e.g. the 06a workbook), saved under the server's file name. */
  download: async (path: string, query: Query, fallbackName: string): Promise<void> => {
    const res = await send('GET', withQuery(path, query), undefined, { Accept: '*/*' });
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ? decodeURIComponent(name) : fallbackName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
