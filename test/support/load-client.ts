/** A small HTTP client for the reliability scenarios: every answer, or the lack of one, is data, never an exception. */
import { DEMO_ACCOUNTS } from '@app/auth';
import { SEED_PROCEDURES } from '@app/procedures';

export type Role = 'admin' | 'reception' | 'specialist' | 'leader' | 'clerk';
export const ROLES: Role[] = ['admin', 'reception', 'specialist', 'leader', 'clerk'];

export interface Answer {
  /** 0: no answer (connection refused or reset, timeout): the outcome is unknown. */
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers | null;
  error?: string;
}

export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text, a failure message shows it.
    }
    return { status: res.status, body, headers: res.headers };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, body: null, headers: null, error: cause?.code ?? cause?.message ?? (e as Error).message };
  }
}

export const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/** POST /api/v1/auth/login as a demo account; tokens stay valid across restarts (same JWT_SECRET). */
export async function login(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const res = await call(baseUrl, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** The role-named demo accounts of xã Tiên Du by role, and every demo account by `agency|role` for steps other agencies hold. */
export interface DemoTokens extends Record<Role, string> {
  byAgency: Record<string, string>;
}

export async function loginAll(baseUrl: string): Promise<DemoTokens> {
  const tokens = { byAgency: {} } as unknown as DemoTokens;
  for (const role of ROLES) tokens[role] = await login(baseUrl, role);
  // Only the agencies a demo procedure's step names (the tax office): the login rate limit counts every sign-in.
  const named = new Set(SEED_PROCEDURES.flatMap((p) => p.steps.flatMap((st) => (st.agency && 'code' in st.agency ? [st.agency.code] : []))));
  for (const a of DEMO_ACCOUNTS.filter((x) => x.agencyCode && named.has(x.agencyCode) && (ROLES as string[]).includes(x.role))) {
    tokens.byAgency[`${a.agencyCode}|${a.role}`] ??= await login(baseUrl, a.username);
  }
  return tokens;
}

/** The token of an officer who may send this event now: the step's role in the agency holding the step (liên thông). */
export function tokenFor(tokens: DemoTokens, type: string, d: Pick<DossierState, 'currentStep'>): string {
  const role = roleFor(type, d);
  const agency = d.currentStep?.agencyCode;
  return (!DESK_EVENTS.has(type) && agency && tokens.byAgency[`${agency}|${role}`]) || tokens[role];
}

/** The fields a dossier view carries that the scenarios steer by. */
export interface DossierState {
  id: string;
  code: string;
  status: string;
  version: number;
  currentStep: { id: string; role: Role; agencyCode?: string } | null;
  allowedEvents: string[];
}

/** The events a scenario sends, with the fields each needs. */
export const EVENT_BODIES: Record<string, Record<string, unknown>> = {
  FORWARD: {},
  RETURN: { note: 'Trả lại bước trước để xem lại' },
  REQUEST_SUPPLEMENT: { note: 'Thiếu giấy tờ', missingItems: ['Bản sao căn cước'] },
  SUPPLEMENT_RECEIVED: {},
  SUSPEND: { reason: 'financial_obligation' },
  RESUME: {},
  COMPLETE: { resultType: 'approved' },
  DELIVER: {},
  WITHDRAW: { note: 'Người nộp rút hồ sơ' },
};

const DESK_EVENTS = new Set(['SUPPLEMENT_RECEIVED', 'DELIVER', 'WITHDRAW']);

/** The role that may send `type` now: the desk for desk events, otherwise the current step's role. */
export function roleFor(type: string, d: Pick<DossierState, 'currentStep'>): Role {
  return DESK_EVENTS.has(type) || !d.currentStep ? 'reception' : d.currentStep.role;
}

export function intakeBody(procedureCode: string, fullName: string, idNumber: string): Record<string, unknown> {
  return {
    procedureCode,
    channel: 'direct',
    applicant: { type: 'citizen', fullName, idNumber },
    documents: [{ code: 'GDN', name: 'Giấy đề nghị', copies: 1 }],
  };
}

/** The seed of a scenario's random choices: RELIABILITY_SEED replays a run, whose test name shows the one it used. */
export const RELIABILITY_SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a seeded generator, so a failing run can be replayed with the seed it printed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One of `choices`, each as likely as its weight (one draw of `rnd`); choices[0] when the draw falls past them all. */
export function pickWeighted<T>(rnd: () => number, choices: readonly T[], weight: (choice: T) => number): T {
  let r = rnd() * choices.reduce((sum, c) => sum + weight(c), 0);
  return choices.find((c) => (r -= weight(c)) < 0) ?? choices[0];
}

/**
 * domain.md: codes are `{agency}-{yymmdd}-{NNNN}`, unique and gapless per agency and day. Returns what is wrong
 * (a malformed code, a duplicate, a missing number), empty when nothing is.
 */
export function codeProblems(codes: string[]): string[] {
  const problems: string[] = [];
  const groups = new Map<string, number[]>();
  for (const code of codes) {
    const m = /^(H\d+(?:\.\d+)*-\d{6})-(\d{4,})$/.exec(code);
    if (!m) {
      problems.push(`malformed code ${code}`);
      continue;
    }
    groups.set(m[1], [...(groups.get(m[1]) ?? []), Number(m[2])]);
  }
  for (const [prefix, numbers] of groups) {
    numbers.sort((a, b) => a - b);
    numbers.forEach((n, i) => {
      if (n !== i + 1) problems.push(`${prefix}: number ${i + 1} expected, found ${n}`);
    });
  }
  return problems;
}
