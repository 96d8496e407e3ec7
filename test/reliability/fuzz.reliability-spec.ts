import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import { maxLength, minLength } from 'class-validator';
import { AUDIT_PAGE_MAX } from '@app/audit';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '@app/common';
import { SEED_PROCEDURES } from '@app/procedures';
import { openApiDocument } from '../../apps/api/src/openapi-document';
import { recordReliability } from '../support/reliability-report';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * Hostile input on every endpoint (issue 8): random and boundary bodies, query strings, path parameters, raw bodies and
 * content types, as admin, reception and anonymous. Properties: never a 5xx; every 4xx is `{ statusCode, error, message,
 * details? }` as JSON with nothing internal in it; a rejected request (and any GET) changes no row of any table; valid
 * inputs with unusual Unicode succeed and read back byte for byte. Every operation of docs/openapi.json must be fuzzed
 * (the last test). Reproduce a failure with FUZZ_SEED=<seed>.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Scales every numRuns (FUZZ_RUNS=0.2 for a quick look, 5 for a long hunt). */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });

/** `spare`: a throwaway account of its own, for what ends or changes a session (logout, password, second factor). */
type Who = 'admin' | 'reception' | 'spare' | 'anonymous';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Req {
  /** The route as the controller declares it, for the coverage count. */
  endpoint: string;
  method: Method;
  path: string;
  who: Who;
  json?: unknown;
  raw?: { body: string | Buffer; type?: string; encoding?: string };
  headers?: Record<string, string>;
  /** Counted as a hostile request (everything but the round-trip properties). */
  hostile?: boolean;
}

const OMIT = Symbol('omit');
/** Two strong passwords (12+ characters, zxcvbn 3+, not the username) the spare account changes between. */
const SPARE_PASSWORDS = ['Sông Hồng chảy qua bảy cây cầu', 'mây trắng bay về núi Tản 9'];
// Placeholders a body generator leaves for what is only known when the request leaves (see fillSpare).
const CURRENT_PASSWORD = '{{spare.password}}';
const NEXT_PASSWORD = '{{spare.nextPassword}}';
const TOTP_NOW = '{{totp.now}}';
const TOTP_NEXT = '{{totp.next}}';
const figures = { sent: 0, hostile: 0, rejected: 0, accepted: 0, serverErrors: 0, byStatus: {} as Record<number, number>, byEndpoint: {} as Record<string, Record<number, number>> };
const endpoints = new Set<string>();

// ---------------------------------------------------------------- generators

const NASTY = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(10),
  '%00',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  "' OR 1=1 --",
  "'; DROP TABLE dossier; --",
  '1; SELECT pg_sleep(5)',
  "\\'; \\\\",
  '$1',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}',
  '{{7*7}}',
  '../../../etc/passwd',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '9'.repeat(40),
  '-9223372036854775809',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  '\u202Eevil\u202C',
  '\u200B',
  '\uFEFF',
  '\u200F\u200E\u2066\u2069',
  'e\u0301\u0302\u0303\u0304\u0305\u0306',
  '\u0301starts with a mark',
  'Z\u0364\u0311\u0313a\u0308\u0356l\u036e\u0312g\u0330o\u0319',
  '😀',
  '👨‍👩‍👧‍👦',
  '🇻🇳',
  '\uFFFF\uFFFE',
  '\u{10FFFF}',
  '\r\n\r\n',
  '\x01\x02\x7f',
  '\u2028\u2029',
  'مرحبا بالعالم',
  'Nguyễn Văn A',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '275761-01-01',
  '-000001-01-01',
  '2026-11-23T25:00:00+07:00',
  '2026-02-30T10:00:00+07:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-12:00',
  '+275760-09-13T00:00:00.000Z',
  '2026-11-23T09:00:00+99:99',
  '00000000-0000-0000-0000-000000000000',
  '-'.repeat(36),
  'ffffffff-ffff-ffff-ffff-ffffffffffffff',
];

const lengthy = fc
  .constantFrom(49, 50, 51, 99, 100, 101, 199, 200, 201, 499, 500, 501, 2000, 2001, 20_000, 200_000)
  .chain((n) => fc.constantFrom('x', 'ữ', '😀', '\u0301', '\uFE0F', "'", '\u0000').map((c) => c.repeat(n)));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: lengthy },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, 0.1, -1e308, 1e308, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 5e-324, 101, 1000, 1001),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const JUNK_KEYS = ['__proto__', 'constructor', 'prototype', '', ' ', 'a.b', '$where', 'toString', 'hasOwnProperty', 'id', 'version', 'status', 'isAdmin'];
const junkKey = fc.oneof(fc.constantFrom(...JUNK_KEYS), fc.string({ maxLength: 8 }));

/** Any JSON value, biased to the ugly ones. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(junkKey, tie('value')), { maxLength: 3 }).map(objectOf) },
  ),
})).value;

/** An object with these own keys, `__proto__` included (an assignment would set the prototype instead). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== OMIT) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** A valid template with some parts kept, some replaced by hostile values, some left out, some junk added. */
function scramble(template: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(template)) {
    const element = template.length ? scramble(template[0]) : hostileValue;
    return fc.oneof({ weight: 4, arbitrary: fc.array(element, { maxLength: 3 }) }, { weight: 1, arbitrary: hostileValue });
  }
  if (template !== null && typeof template === 'object') {
    const fields = Object.entries(template).map(([k, v]) =>
      fc
        .oneof({ weight: 6, arbitrary: fc.constant(v) }, { weight: 3, arbitrary: scramble(v) }, { weight: 1, arbitrary: fc.constant(OMIT) }, { weight: 1, arbitrary: fc.constant(null) })
        .map((x) => [k, x] as [string, unknown]),
    );
    return fc.oneof(
      {
        weight: 9,
        arbitrary: fc
          .tuple(fc.tuple(...fields), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(junkKey, hostileValue), { maxLength: 2 }) }))
          .map(([kept, extra]) => objectOf([...kept, ...(extra as [string, unknown][])])),
      },
      { weight: 1, arbitrary: hostileValue },
    );
  }
  return fc.oneof({ weight: 1, arbitrary: fc.constant(template) }, { weight: 2, arbitrary: hostileValue }, { weight: 2, arbitrary: nearMiss(template) });
}

type Path = (string | number)[];
/** Every place in a value: the root, each field, each array element, recursively. */
function pathsOf(v: unknown, at: Path = []): Path[] {
  const inner = v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, Array.isArray(v) ? Number(k) : k])) : [];
  return [at, ...inner];
}
const getAt = (v: unknown, path: Path): unknown => path.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
/** A copy with the value at path replaced (OMIT removes it). */
function setAt(v: unknown, path: Path, replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [k, ...rest] = path;
  const next = setAt((v as Record<string | number, unknown>)[k], rest, replacement);
  if (Array.isArray(v)) return next === OMIT ? v.filter((_, i) => i !== k) : v.map((x, i) => (i === k ? next : x));
  return objectOf(Object.entries(v as object).map(([key, x]) => [key, key === k ? next : x]));
}

/** Values close to a valid one: wrong types, boundaries, padding, NUL, hostile text, null, absent. */
function nearMiss(v: unknown): fc.Arbitrary<unknown> {
  const anyway = [hostileValue, fc.constant(null), fc.constant(OMIT)];
  if (typeof v === 'string') {
    return fc.oneof(
      hostileString,
      isoish,
      fc.constantFrom(`${v}\u0000`, ` ${v} `, v.toUpperCase(), `${v}\ud800`, v.repeat(Math.ceil(501 / Math.max(1, v.length))), `${v}'--`, `${v}%`, v.normalize('NFD')),
      fc.constant([v]),
      fc.constant({ value: v }),
      ...anyway,
    );
  }
  if (typeof v === 'number') return fc.oneof(hostileNumber, fc.constantFrom(String(v), [v], -v, v + 0.5, v * 1000, 0), ...anyway);
  if (typeof v === 'boolean') return fc.oneof(fc.constantFrom('true', 'false', 0, 1, 'yes', [v], !v), ...anyway);
  if (Array.isArray(v)) return fc.oneof(fc.constantFrom([], v[0], Array(101).fill(v[0]), [...v, ...v], [null], [[v[0]]]), ...anyway);
  if (v !== null && typeof v === 'object') {
    return fc.oneof(fc.tuple(junkKey, hostileValue).map(([k, x]) => objectOf([...Object.entries(v), [k, x]])), fc.constantFrom({}, [v], JSON.stringify(v)), ...anyway);
  }
  return fc.oneof(...anyway);
}

/** One place of a valid value changed to a near miss: reaches the checks behind the first one. */
const pointMutation = (template: unknown) => fc.constantFrom(...pathsOf(template)).chain((path) => nearMiss(getAt(template, path)).map((x) => setAt(template, path, x)));

/** Mostly one near miss, sometimes two, sometimes everything scrambled, sometimes the valid value itself. */
function mutate(template: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: pointMutation(template) },
    { weight: 2, arbitrary: pointMutation(template).chain((once) => (once !== null && typeof once === 'object' ? pointMutation(once) : fc.constant(once))) },
    { weight: 2, arbitrary: scramble(template) },
    { weight: 1, arbitrary: fc.constant(template) },
  );
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Dates and times around every edge: year 0 and 9999, month 13, 30 February, hour 25, odd offsets. */
const isoish: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(0, 1, 99, 100, 1899, 1900, 1969, 1970, 2024, 2026, 2027, 2100, 9999),
    fc.oneof(fc.constantFrom(1, 2, 4, 11, 12), fc.constantFrom(0, 13)),
    fc.oneof(fc.constantFrom(1, 28, 29, 30, 31), fc.constantFrom(0, 32)),
    fc.constantFrom(0, 9, 23, 24, 25),
    fc.constantFrom(0, 30, 59, 60),
    fc.constantFrom('Z', '+07:00', '+14:00', '-12:00', '+99:99', '+23:59', '', '.999999+07:00', ':60Z'),
    fc.boolean(),
  )
  .map(([y, mo, d, h, mi, off, dateOnly]) => {
    const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
    return dateOnly ? date : `${date}T${pad(h, 2)}:${pad(mi, 2)}:00${off}`;
  });

const decodeSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
};

/** Percent-encodes every byte but the unreserved ones (encodeURIComponent throws on lone surrogates). */
function encode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

const RAW_PERCENT = ['%00', '%zz', '%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%2F', '%2e%2e', '..', '.', '%FF%FE', 'a%00b', '%25', '%u0041'];

/** A path parameter: mostly hostile (encoded or raw malformed percent sequences), sometimes one of the valid values. */
function pathParam(valid: () => string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.nat().map((i) => { const v = valid(); return encode(v[i % v.length]); }) },
    // Encoded, within Node's 16 KB header limit (beyond it Node itself answers 431 with no body, before the app).
    { weight: 5, arbitrary: hostileString.filter((s) => s !== '' && s !== '.' && s !== '..').map(encode).filter((s) => s.length <= 8000) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_PERCENT) },
    { weight: 1, arbitrary: fc.constantFrom(100, 1000, 3000).map((n) => 'A'.repeat(n)) },
  );
}

/**
 * A query string from a template: a valid selection of its parameters (each present or not, `required` always), then
 * one or two of them replaced by a hostile value, repeated (an array), bracketed (an object), emptied, or a junk key added.
 */
function queryOf(template: Record<string, string[]>, required: string[] = []): fc.Arbitrary<string> {
  const keys = Object.keys(template);
  const base = fc.tuple(...keys.map((k) => (required.includes(k) ? fc.constantFrom(...template[k]) : fc.option(fc.constantFrom(...template[k]), { freq: 2 }))));
  const change = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(hostileString, isoish).map(encode).filter((v) => v.length <= 4000)).map(([k, v]) => ({ k, parts: [`${k}=${v}`] })) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => ({ k, parts: [] as string[] })) },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => ({ k, parts: [`${k}=${encode(template[k][0])}`, `${k}=${encode(template[k].at(-1)!)}`] })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.constantFrom('[]=1', '[a]=1', '[__proto__][x]=1', '', '=', '=%zz', '=a%00b', '=%ED%A0%80', '=%C0%AF')).map(([k, tail]) => ({ k, parts: [`${k}${tail}`] })) },
    { weight: 1, arbitrary: fc.tuple(junkKey, hostileString).map(([k, v]) => ({ k: '', parts: [`${encode(k)}=${encode(v.slice(0, 2000))}`] })) },
  );
  return fc
    .tuple(base, fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 4, arbitrary: fc.array(change, { minLength: 1, maxLength: 2 }) }))
    .map(([values, changes]) => {
      const changed = new Set(changes.map((c) => c.k));
      const kept = keys.flatMap((k, i) => (values[i] !== null && !changed.has(k) ? [`${k}=${encode(values[i]!)}`] : []));
      const q = [...kept, ...changes.flatMap((c) => c.parts)].join('&');
      return q ? `?${q}` : '';
    })
    .filter((q) => q.length <= 12_000);
}

const who = (weights: Partial<Record<Who, number>>): fc.Arbitrary<Who> =>
  fc.oneof(...Object.entries(weights).map(([w, weight]) => ({ weight: weight!, arbitrary: fc.constant(w as Who) })));

// Pieces of valid but unusual text: combining marks, RTL, zero-width, emoji sequences, non-characters, controls.
const PIECES = [
  'Nguyễn', 'Đặng Thị Ngọc Hân', 'e\u0301', '\u0300\u0301', 'ệ', '\u202E', '\u202D', '\u200F', '\u200E', '\u2066', '\u2069', '\u200B', '\u200C',
  '\u200D', '\uFEFF', '\u00A0', '\u2028', '\u2029', 'مرحبا', 'שלום', '𝕏𝔂𝔃', '😀', '👨‍👩‍👧‍👦', '🇻🇳', '\uFE0F', '\uFFFD', '\uFFFF', '\uFFFE',
  '\u{10FFFF}', '\t', '\n', '\x01', '\x7F', '\u0085', 'Ω', 'Ω', "O'Brien", '"quoted"', '\\', '%_', '<b>', '漢字', 'ﷺ', 'ǅ',
];
/** Valid text (no NUL, no unpaired surrogate) of 1..max characters as class-validator counts them. */
const weirdText = (max: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 12 })
    .map((xs) => xs.join(''))
    .filter((s) => minLength(s, 1) && maxLength(s, max) && !s.includes('\u0000'));
/** The procedure validator counts code points and refuses blank text. */
const weirdName = weirdText(500).filter((s) => [...s].length <= 500 && s.trim() !== '');

// ---------------------------------------------------------------- the spec

describe('hostile input fuzzing: every endpoint', () => {
  let t: TestApp;
  let db: Client;
  let tables: string[] = [];
  let last = '';
  const tokens: Record<Exclude<Who, 'anonymous'>, string> = { admin: '', reception: '', spare: '' };
  const pool = { dossierIds: [] as string[], codes: [] as string[], cursor: '', auditCursor: '', userId: '', agency: 'FZ.SACRIFICE', deskId: '' };
  /**
   * The throwaway account and what the fuzzer knows of it: its password (two strong ones, in turn), its TOTP secret
   * (pending or enabled). `keepTwoFactor`: leave an enabled second factor on (the disable property needs one).
   */
  const spare = { username: 'fz-spare', id: '', password: SPARE_PASSWORDS[0], secret: null as string | null, enabled: false, keepTwoFactor: false };
  /** A valid ASSIGN of the pool's dossiers (at the desk's step): to the demo desk officer, whose id is known once signed in. */
  const assignToDesk = { type: 'ASSIGN', get assigneeId() { return pool.deskId; } };

  const fingerprint = async () => {
    // xmin changes with every committed insert or update of a row, and is cheaper than hashing the rows.
    // A sign-in, failed ones included, is audited by design: every other audit row must come from an accepted change.
    const where = (tb: string) => (tb === 'audit_log' ? ` WHERE action NOT IN ('auth.login', 'auth.login_failed')` : '');
    const parts = tables.map((tb) => `SELECT '${tb}' AS t, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) AS f FROM "${tb}"${where(tb)}`);
    const rows: { t: string; f: string }[] = (await db.query(parts.join(' UNION ALL '))).rows;
    return rows.map((r) => `${r.t}=${r.f}`).join(' ');
  };

  const describeReq = (r: Req) => {
    const body = r.raw ? `raw(${r.raw.type ?? 'no type'}${r.raw.encoding ? `, ${r.raw.encoding}` : ''}): ${String(r.raw.body).slice(0, 400)}` : JSON.stringify(r.json)?.slice(0, 1500);
    return `${r.method.toUpperCase()} ${r.path.slice(0, 600)} as ${r.who} ${JSON.stringify(r.headers ?? {})}\n  body: ${body}`;
  };

  async function send(r: Req) {
    endpoints.add(r.endpoint);
    figures.sent++;
    if (r.hostile !== false) figures.hostile++;
    let req = t.raw[r.method](r.path);
    if (r.who !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[r.who]}`);
    for (const [k, v] of Object.entries(r.headers ?? {})) req = req.set(k, v);
    if (r.raw) {
      if (r.raw.type !== undefined) req = req.set('Content-Type', r.raw.type);
      if (r.raw.encoding) req = req.set('Content-Encoding', r.raw.encoding);
      req = req.serialize((x) => x).send(typeof r.raw.body === 'string' ? Buffer.from(r.raw.body, 'utf8') : r.raw.body);
    } else if (r.json !== undefined && r.json !== OMIT) {
      // Our own bytes, unserialized: superagent would turn a Buffer into {"type":"Buffer"...} for a JSON content type.
      req = req.set('Content-Type', 'application/json').serialize((x) => x).send(Buffer.from(JSON.stringify(r.json), 'utf8'));
    }
    const res = await req.buffer(true);
    figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
    const e = (figures.byEndpoint[r.endpoint] ??= {});
    e[res.status] = (e[res.status] ?? 0) + 1;
    const repro = () => `FUZZ_SEED=${SEED}\n  ${describeReq(r)}\n  → ${res.status} ${res.headers['content-type']} ${String(res.text ?? '').slice(0, 600)}`;
    if (res.status >= 500) {
      figures.serverErrors++;
      throw new Error(`5xx answer\n${repro()}`);
    }
    if (res.status >= 400) {
      figures.rejected++;
      checkErrorFormat(res, r, repro);
    } else figures.accepted++;
    const now = await fingerprint();
    if ((res.status >= 400 || r.method === 'get') && now !== last) {
      throw new Error(`a ${res.status >= 400 ? 'rejected request' : 'read'} changed rows\n  before: ${last}\n  after:  ${now}\n${repro()}`);
    }
    last = now;
    if (r.who === 'spare' && res.status < 400) await followSpare(r, res);
    return res;
  }

  /** An accepted request of the spare account can end its session or change its password or second factor: keep up. */
  async function followSpare(r: Req, res: { status: number; body: Record<string, unknown> }) {
    switch (r.endpoint) {
      case 'POST /api/v1/auth/logout':
        return spareLogin();
      case 'POST /api/v1/auth/password': {
        const body = (r.json ?? JSON.parse(String(r.raw?.body))) as { newPassword: string };
        spare.password = body.newPassword;
        tokens.spare = res.body.accessToken as string;
        return;
      }
      case 'POST /api/v1/auth/2fa/setup':
        spare.secret = res.body.secret as string;
        spare.enabled = false;
        return;
      case 'POST /api/v1/auth/2fa/enable':
        spare.enabled = true;
        if (!spare.keepTwoFactor) await spareResetTwoFactor();
        return;
      case 'POST /api/v1/auth/2fa/disable':
        spare.secret = null;
        spare.enabled = false;
        return;
    }
  }

  /** A new session of the spare account; a successful sign-in also clears its count of failed ones (the lockout). */
  async function spareLogin() {
    if (spare.enabled) throw new Error('the spare account has a second factor on: no sign-in without spending a code');
    const res = await send({ endpoint: 'POST /api/v1/auth/login', method: 'post', path: '/api/v1/auth/login', who: 'anonymous', json: { username: spare.username, password: spare.password }, hostile: false });
    if (res.status !== 200) throw new Error(`FUZZ_SEED=${SEED}: the spare account could not sign in: ${res.status} ${res.text.slice(0, 300)}`);
    tokens.spare = res.body.accessToken;
  }

  /** The administrator removes the spare's second factor (its lost phone): its tokens end, so it signs in again. */
  async function spareResetTwoFactor() {
    const res = await send({ endpoint: 'PATCH /api/v1/users/:id', method: 'patch', path: `/api/v1/users/${spare.id}`, who: 'admin', json: { twoFactorReset: true }, hostile: false });
    if (res.status !== 200) throw new Error(`FUZZ_SEED=${SEED}: could not reset the spare's second factor: ${res.status} ${res.text.slice(0, 300)}`);
    spare.secret = null;
    spare.enabled = false;
    await spareLogin();
  }

  /** The code the spare's authenticator app shows at the app's clock, `steps` time steps away. */
  const spareCode = (steps: number) => (spare.secret ? generateSync({ secret: spare.secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + steps * 30 }) : '000000');

  /** Placeholders in generated bodies, filled when the request leaves with what the spare account holds then. */
  const fillSpare = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v
        .replaceAll(CURRENT_PASSWORD, spare.password)
        .replaceAll(NEXT_PASSWORD, SPARE_PASSWORDS.find((p) => p !== spare.password)!)
        .replaceAll(TOTP_NOW, spareCode(0))
        .replaceAll(TOTP_NEXT, spareCode(1));
    }
    if (Array.isArray(v)) return v.map(fillSpare);
    if (v !== null && typeof v === 'object') return objectOf(Object.entries(v).map(([k, x]) => [k, fillSpare(x)]));
    return v;
  };

  // Words an answer must never hold unless the request itself sent them: stack frames, driver and SQL errors.
  const LEAKS = ['QueryFailedError', 'node_modules', '    at ', 'TypeORM', 'violates', 'duplicate key', 'invalid input syntax', 'syntax error', 'relation "', 'column "', 'out of range', 'TypeError', 'RangeError', 'Cannot read prop', 'is not a function', 'SELECT ', 'INSERT ', 'UPDATE '];

  function checkErrorFormat(res: { status: number; headers: Record<string, string>; body: unknown; text: string }, r: Req, repro: () => string) {
    const fail = (why: string) => {
      throw new Error(`${why}\n${repro()}`);
    };
    if (!/^application\/json/.test(res.headers['content-type'] ?? '')) fail('a 4xx that is not JSON');
    const body = res.body as Record<string, unknown>;
    if (!body || typeof body !== 'object' || Array.isArray(body)) fail('a 4xx body that is not an object');
    const extra = Object.keys(body).filter((k) => !['statusCode', 'error', 'message', 'details'].includes(k));
    if (extra.length) fail(`a 4xx with fields outside the error format: ${extra.join(', ')}`);
    if (body.statusCode !== res.status) fail('statusCode differs from the HTTP status');
    if (typeof body.error !== 'string' || !/^[a-z_]+$/.test(body.error)) fail('error is not a short code');
    if (typeof body.message !== 'string' || body.message === '') fail('message is not a sentence');
    const sent = `${r.path} ${decodeSafe(r.path)} ${JSON.stringify(r.json ?? '')} ${r.raw ? String(r.raw.body).slice(0, 5000) : ''} ${JSON.stringify(r.headers ?? {})}`;
    const leak = LEAKS.find((w) => res.text.includes(w) && !sent.includes(w));
    if (leak) fail(`a 4xx leaks internals (${JSON.stringify(leak)})`);
  }

  const check = (r: Req) => send(r).then(() => undefined);

  beforeAll(async () => {
    // The fuzzer sends far more logins and lookups from one address than the limits allow.
    // Wrong passwords on purpose (logins, password changes, 2FA setup) must not lock the usernames the fuzzer signs in with.
    t = await startTestApp({
      env: {
        PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE: '1000000',
        LOGIN_LOCKOUT_FAILURES: '1000',
        DATABASE_POOL_SIZE: '4',
      },
    });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    tables = (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)).rows.map((r: { tablename: string }) => r.tablename);
    last = await fingerprint();
    for (const w of ['admin', 'reception'] as const) {
      const res = await send({ endpoint: 'POST /api/v1/auth/login', method: 'post', path: '/api/v1/auth/login', who: 'anonymous', json: { username: w, password: 'demo' }, hostile: false });
      expect([res.status, res.text]).toEqual([200, expect.any(String)]);
      tokens[w] = res.body.accessToken;
      if (w === 'reception') pool.deskId = res.body.user.id;
    }
    for (let i = 0; i < 4; i++) {
      const res = await send({ ...intakeReq('reception', validIntake(`Người thử ${i}`)), hostile: false });
      expect(res.status).toBe(201);
      pool.dossierIds.push(res.body.id);
      pool.codes.push(res.body.code);
    }
    const page = await send({ endpoint: 'GET /api/v1/dossiers', method: 'get', path: '/api/v1/dossiers?limit=1', who: 'admin', hostile: false });
    pool.cursor = page.body.nextCursor;
    const agency = await send({ endpoint: 'POST /api/v1/agencies', method: 'post', path: '/api/v1/agencies', who: 'admin', json: { code: pool.agency, name: 'Xã thử', level: 'commune', parentCode: 'H12.01' }, hostile: false });
    expect(agency.status).toBe(201);
    const user = await send({ endpoint: 'POST /api/v1/users', method: 'post', path: '/api/v1/users', who: 'admin', json: { username: 'fz.sacrifice', fullName: 'Người thử', password: 'mat-khau-123', roles: ['specialist'], agencyCode: 'H12.01' }, hostile: false });
    expect(user.status).toBe(201);
    pool.userId = user.body.id;
    const spareUser = await send({ endpoint: 'POST /api/v1/users', method: 'post', path: '/api/v1/users', who: 'admin', json: { username: spare.username, fullName: 'Tài khoản thử', password: spare.password, roles: ['specialist'], agencyCode: 'H12.01' }, hostile: false });
    expect([spareUser.status, spareUser.text]).toEqual([201, expect.any(String)]);
    spare.id = spareUser.body.id;
    await spareLogin();
    const audit = await send({ endpoint: 'GET /api/v1/audit', method: 'get', path: '/api/v1/audit?limit=1', who: 'admin', hostile: false });
    expect(audit.body.nextCursor).toEqual(expect.any(String));
    pool.auditCursor = audit.body.nextCursor;
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
    recordReliability('fuzz', {
      scenario: 'hostile input on every endpoint: bodies, query strings, path parameters, raw bodies and content types, as admin, reception and anonymous',
      operationsSent: figures.sent,
      faultsInjected: figures.hostile,
      lost: 0,
      duplicates: 0,
      serverErrors: figures.serverErrors,
      rejected4xx: figures.rejected,
      accepted2xx: figures.accepted,
      endpointsCovered: endpoints.size,
      tablesWatched: tables.length,
      seed: SEED,
      statuses: JSON.stringify(figures.byStatus),
      byEndpoint: JSON.stringify(figures.byEndpoint),
    });
  });

  const validIntake = (fullName = 'Nguyễn Văn A') => ({
    procedureCode: '1.001193',
    channel: 'direct',
    applicant: { type: 'citizen', fullName, idNumber: '001090012345', phone: '0912345678', email: 'a@example.vn', address: '1 Trần Phú' },
    documents: [{ code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
  });
  const intakeReq = (w: Who, json: unknown, headers?: Record<string, string>): Req => ({ endpoint: 'POST /api/v1/dossiers', method: 'post', path: '/api/v1/dossiers', who: w, json, headers });

  // ------------------------------------------------------------ bodies

  it('POST /auth/login: hostile bodies', async () => {
    await fc.assert(
      fc.asyncProperty(mutate({ username: 'admin', password: 'demo' }), (json) => check({ endpoint: 'POST /api/v1/auth/login', method: 'post', path: '/api/v1/auth/login', who: 'anonymous', json })),
      runs(80),
    );
  });

  /** An Idempotency-Key header: none, a few that repeat (replays, a key reused for another request), or a hostile one. */
  const idempotencyKey = fc.option(
    fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom('k-1', 'k-2', ' k-1 ', '\tk-2') },
      { weight: 3, arbitrary: fc.oneof(fc.string({ unit: fc.constantFrom(...'ab-_ é\t'.split('')), maxLength: 300 }), fc.constantFrom("' OR 1=1 --", ' ', 'x'.repeat(200), 'x'.repeat(201), 'ÿ'.repeat(201))) },
    ),
    { freq: 3 },
  );

  it('POST /dossiers: hostile intakes (with hostile Idempotency-Key headers)', async () => {
    const template = { ...validIntake(), agencyCode: 'H12.01', receivedAt: '2026-11-20T09:00:00+07:00' };
    const key = idempotencyKey;
    await fc.assert(
      fc.asyncProperty(mutate(template), who({ admin: 4, reception: 2, anonymous: 1 }), key, (json, w, k) =>
        check(intakeReq(w, json, k === null ? undefined : { 'Idempotency-Key': k })),
      ),
      runs(400),
    );
  });

  const EVENTS = [
    { type: 'FORWARD', note: 'Chuyển' },
    { type: 'RETURN', note: 'Trả lại bước trước' },
    assignToDesk,
    { type: 'REQUEST_SUPPLEMENT', missingItems: ['Bản sao CCCD'], note: 'Thiếu' },
    { type: 'SUPPLEMENT_RECEIVED' },
    { type: 'SUSPEND', reason: 'financial_obligation' },
    { type: 'RESUME' },
    // Within the bound: at most 3 working days past the pool's appointments (26/11 or, with 24/11 a holiday, 27/11).
    { type: 'EXTEND', extendedDueAt: '2026-11-30T09:00:00+07:00', reason: 'Chậm' },
    { type: 'COMPLETE', resultType: 'approved' },
    { type: 'DELIVER' },
    { type: 'WITHDRAW', reason: 'Công dân rút' },
    { type: 'FORWARD', occurredAt: '2026-11-23T09:00:00+07:00', expectedVersion: 1 },
  ];

  /** A hostile parameter with a valid body, a valid parameter with a hostile body, or both: each check gets its turn. */
  const paired = (param: fc.Arbitrary<string>, validParam: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>, validBody: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 2, arbitrary: fc.tuple(param, validBody) }, { weight: 3, arbitrary: fc.tuple(validParam, body) }, { weight: 1, arbitrary: fc.tuple(param, body) });
  const oneOf = (values: () => string[]) => fc.nat().map((i) => encode(values()[i % values().length]));

  it('POST /dossiers/:id/events: hostile events and ids (with hostile and repeated Idempotency-Key headers)', async () => {
    const request = paired(pathParam(() => pool.dossierIds), oneOf(() => pool.dossierIds), fc.constantFrom(...EVENTS).chain(mutate), fc.constantFrom(...EVENTS));
    await fc.assert(
      fc.asyncProperty(request, who({ admin: 4, reception: 2, anonymous: 1 }), idempotencyKey, ([id, json], w, k) =>
        check({ endpoint: 'POST /api/v1/dossiers/:id/events', method: 'post', path: `/api/v1/dossiers/${id}/events`, who: w, json, headers: k === null ? undefined : { 'Idempotency-Key': k } }),
      ),
      runs(400),
    );
  });

  const procedureTemplate = () => ({ ...SEED_PROCEDURES.find((p) => p.code === '1.001193')!, code: 'FZ.1' });

  it('POST /procedures: hostile definitions', async () => {
    await fc.assert(
      fc.asyncProperty(mutate(procedureTemplate()), who({ admin: 5, reception: 1 }), (json, w) => check({ endpoint: 'POST /api/v1/procedures', method: 'post', path: '/api/v1/procedures', who: w, json })),
      runs(250),
    );
  });

  const dateParam = fc.oneof(
    { weight: 3, arbitrary: isoish.map((s) => s.slice(0, 10)) },
    { weight: 1, arbitrary: fc.constantFrom('2031-01-01', '2031-02-29', '2032-02-29', '0000-01-01', '0001-01-01', '9999-12-31', '+275760-09-13', '275760-09-13', '2026-2-3', '20261123') },
    { weight: 2, arbitrary: pathParam(() => ['2031-05-04']) },
  );

  it('PUT /calendar/days/:date: hostile dates and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(paired(dateParam, fc.constantFrom('2031-05-04', '2031-05-05'), mutate({ working: false, note: 'Nghỉ bù' }), fc.constant({ working: true })), who({ admin: 5, reception: 1, anonymous: 1 }), ([date, json], w) =>
        check({ endpoint: 'PUT /api/v1/calendar/days/:date', method: 'put', path: `/api/v1/calendar/days/${date}`, who: w, json }),
      ),
      runs(150),
    );
  });

  it('DELETE /calendar/days/:date: hostile dates', async () => {
    await fc.assert(
      fc.asyncProperty(dateParam, who({ admin: 5, reception: 1, anonymous: 1 }), (date, w) =>
        check({ endpoint: 'DELETE /api/v1/calendar/days/:date', method: 'delete', path: `/api/v1/calendar/days/${date}`, who: w }),
      ),
      runs(60),
    );
  });

  const hours = [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }];

  it('POST /agencies: hostile agencies', async () => {
    const template = fc.stringMatching(/^[A-Z][A-Za-z0-9._-]{0,12}$/).chain((code) => mutate({ code: `FZ${code}`, name: 'Xã Thử', level: 'commune', parentCode: 'H12.01', officeHours: hours }));
    await fc.assert(
      fc.asyncProperty(template, who({ admin: 5, reception: 1 }), (json, w) => check({ endpoint: 'POST /api/v1/agencies', method: 'post', path: '/api/v1/agencies', who: w, json })),
      runs(150),
    );
  });

  it('PATCH /agencies/:code: hostile codes and patches', async () => {
    await fc.assert(
      fc.asyncProperty(paired(pathParam(() => [pool.agency]), oneOf(() => [pool.agency]), mutate({ name: 'Xã Thử Đổi', level: 'commune', parentCode: 'H12.02', officeHours: hours }), fc.constant({ name: 'Xã Thử' })), who({ admin: 5, reception: 1 }), ([code, json], w) =>
        check({ endpoint: 'PATCH /api/v1/agencies/:code', method: 'patch', path: `/api/v1/agencies/${code}`, who: w, json }),
      ),
      runs(150),
    );
  });

  it('POST /users: hostile accounts', async () => {
    const template = fc.stringMatching(/^[a-z0-9]{2,20}$/).chain((u) => mutate({ username: `fz.${u}`, fullName: 'Người Thử', password: 'mat-khau-123', roles: ['specialist'], agencyCode: 'H12.01', active: true }));
    await fc.assert(
      fc.asyncProperty(template, who({ admin: 5, reception: 1 }), (json, w) => check({ endpoint: 'POST /api/v1/users', method: 'post', path: '/api/v1/users', who: w, json })),
      runs(100),
    );
  });

  it('PATCH /users/:id: hostile ids and patches', async () => {
    // Never the caller's own account: a valid patch could lock the fuzzer out.
    const template = mutate({ fullName: 'Người Thử Đổi', roles: ['leader'], agencyCode: 'H12.02', active: false, username: 'fz.sacrifice2', password: 'mat-khau-456' });
    await fc.assert(
      fc.asyncProperty(paired(pathParam(() => [pool.userId, '00000000-0000-0000-0000-000000000000']), oneOf(() => [pool.userId]), template, fc.constant({ fullName: 'Người Thử' })), who({ admin: 5, reception: 1 }), ([id, json], w) =>
        check({ endpoint: 'PATCH /api/v1/users/:id', method: 'patch', path: `/api/v1/users/${id}`, who: w, json }),
      ),
      runs(100),
    );
  });

  // ------------------------------------------------------------ sessions, passwords, second factor (the spare account)

  const authReq = (endpoint: string, w: Who, json: unknown): Req => ({ endpoint, method: 'post', path: endpoint.slice('POST '.length), who: w, json: fillSpare(json) });

  it('POST /auth/logout: hostile bodies (the spare account signs in again after each logout)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom({ everywhere: false }, { everywhere: true }).chain(mutate), who({ spare: 6, anonymous: 1 }), (json, w) => check(authReq('POST /api/v1/auth/logout', w, json))),
      runs(60),
    );
  });

  it('POST /auth/refresh: any body, any caller', async () => {
    const body = fc.oneof({ weight: 2, arbitrary: fc.constant(OMIT) }, { weight: 1, arbitrary: hostileValue });
    await fc.assert(
      fc.asyncProperty(body, who({ admin: 2, reception: 2, spare: 2, anonymous: 1 }), (json, w) => check(authReq('POST /api/v1/auth/refresh', w, json))),
      runs(40),
    );
  });

  it('POST /auth/password: hostile password changes (a wrong current password changes nothing)', async () => {
    await spareLogin(); // clears the username's count of failures: this property sends many on purpose
    const template = fc.oneof(
      { weight: 3, arbitrary: mutate({ currentPassword: CURRENT_PASSWORD, newPassword: NEXT_PASSWORD }) },
      { weight: 1, arbitrary: mutate({ currentPassword: 'không phải mật khẩu', newPassword: NEXT_PASSWORD }) },
      { weight: 1, arbitrary: fc.tuple(hostileString, fc.constantFrom('', spare.username, `x${spare.username}x`, 'password1234', '123456789012', 'aaaaaaaaaaaa')).map(([a, b]) => ({ currentPassword: CURRENT_PASSWORD, newPassword: `${b}${a}`.slice(0, 200) })) },
    );
    await fc.assert(
      fc.asyncProperty(template, who({ spare: 6, anonymous: 1 }), (json, w) => check(authReq('POST /api/v1/auth/password', w, json))),
      runs(80),
    );
  });

  it('POST /auth/2fa/setup: hostile bodies', async () => {
    await spareLogin();
    await fc.assert(
      fc.asyncProperty(mutate({ currentPassword: CURRENT_PASSWORD }), who({ spare: 6, anonymous: 1 }), (json, w) => check(authReq('POST /api/v1/auth/2fa/setup', w, json))),
      runs(60),
    );
  });

  const codeTemplate = (code: string) =>
    fc.oneof(
      { weight: 4, arbitrary: mutate({ code }) },
      { weight: 1, arbitrary: fc.constantFrom('000000', '999999', '12345', '1234567', '１２３４５６', ' 123456', '123456\n', '-12345', '1e5', '0x1234').map((c) => ({ code: c })) },
    );

  it('POST /auth/2fa/enable: hostile codes (an accepted one is undone by an administrator at once)', async () => {
    await spareLogin();
    await fc.assert(
      fc.asyncProperty(codeTemplate(TOTP_NOW), who({ spare: 6, anonymous: 1 }), async (json, w) => {
        // A pending secret to confirm: set one up when the last run used it.
        if (spare.secret === null || spare.enabled) await send({ ...authReq('POST /api/v1/auth/2fa/setup', 'spare', { currentPassword: CURRENT_PASSWORD }), hostile: false });
        await check(authReq('POST /api/v1/auth/2fa/enable', w, json));
      }),
      runs(60),
    );
  });

  it('POST /auth/2fa/disable: hostile codes, with a second factor on', async () => {
    await spareLogin();
    spare.keepTwoFactor = true;
    try {
      await fc.assert(
        fc.asyncProperty(codeTemplate(TOTP_NEXT), who({ spare: 6, admin: 1, anonymous: 1 }), async (json, w) => {
          // Enabling spends this step's code; the next step's is the one left to disable with.
          if (!spare.enabled) {
            await send({ ...authReq('POST /api/v1/auth/2fa/setup', 'spare', { currentPassword: CURRENT_PASSWORD }), hostile: false });
            const on = await send({ ...authReq('POST /api/v1/auth/2fa/enable', 'spare', { code: TOTP_NOW }), hostile: false });
            if (on.status !== 204) throw new Error(`FUZZ_SEED=${SEED}: could not enable the spare's second factor: ${on.status} ${on.text.slice(0, 300)}`);
          }
          await check(authReq('POST /api/v1/auth/2fa/disable', w, json));
        }),
        runs(60),
      );
    } finally {
      spare.keepTwoFactor = false;
      if (spare.enabled) await spareResetTwoFactor();
    }
  });

  // ------------------------------------------------------------ paths and query strings

  it('GET endpoints with hostile path parameters', async () => {
    const routes: [string, (p: string, q: string) => string, () => string[]][] = [
      ['GET /api/v1/dossiers/:id', (p) => `/api/v1/dossiers/${p}`, () => pool.dossierIds],
      ['GET /api/v1/dossiers/:id/events', (p) => `/api/v1/dossiers/${p}/events`, () => pool.dossierIds],
      ['GET /api/v1/dossiers/by-code/:code', (p) => `/api/v1/dossiers/by-code/${p}`, () => pool.codes],
      ['GET /api/v1/public/dossiers/:code', (p) => `/api/v1/public/dossiers/${p}`, () => pool.codes],
      ['GET /api/v1/procedures/:code', (p) => `/api/v1/procedures/${p}`, () => ['1.001193', '1.001100']],
      ['GET /api/v1/procedures/:code/diagram', (p) => `/api/v1/procedures/${p}/diagram`, () => ['1.001193', '1.000900']],
      ['GET /api/v1/procedures/:code/versions/:version', (p, q) => `/api/v1/procedures/${p}/versions/${q}`, () => ['1.001193']],
      ['GET /api/v1/dossiers/:id/assignees', (p) => `/api/v1/dossiers/${p}/assignees`, () => pool.dossierIds],
      ['GET /api/v1/dossiers/:id/files', (p) => `/api/v1/dossiers/${p}/files`, () => pool.dossierIds],
      // No file is attached in the pool's dossiers: every file id, valid-looking or not, answers 404 (or 400/401).
      ['GET /api/v1/dossiers/:id/files/:fileId', (p) => `/api/v1/dossiers/${pool.dossierIds[0]}/files/${p}`, () => pool.dossierIds],
      ['GET /api/v1/dossiers/:id/forms/:form', (p) => `/api/v1/dossiers/${p}/forms/receipt`, () => pool.dossierIds],
      ['GET /api/v1/dossiers/:id/forms/:form', (p) => `/api/v1/dossiers/${pool.dossierIds[0]}/forms/${p}`, () => ['receipt', 'control-sheet', 'apology']],
    ];
    const version = fc.oneof(
      fc.constantFrom('1', '0', '-1', '2', '2147483647', '2147483648', '-2147483649', '99999999999999999999', '1e3', '0x10', '%201', '1.5', 'NaN', 'Infinity', '01', '+1', '%00', '1%00'),
      pathParam(() => ['1']),
    );
    const request = fc.constantFrom(...routes).chain(([endpoint, path, valid]) => fc.tuple(fc.constant(endpoint), pathParam(valid), version).map(([e, p, v]) => ({ endpoint: e, path: path(p, v) })));
    await fc.assert(
      fc.asyncProperty(request, who({ admin: 4, reception: 2, anonymous: 1 }), ({ endpoint, path }, w) =>
        check({ endpoint, method: 'get', path, who: endpoint.includes('/public/') ? 'anonymous' : w }),
      ),
      runs(600),
    );
  });

  // Well-formed base64 around a payload the server never wrote: a dashed non-UUID, dates PostgreSQL cannot hold, wrong shapes.
  const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const CRAFTED_CURSORS = [
    ['2026-01-01T00:00:00Z', '-'.repeat(36)], ['-271821-04-20T00:00:00Z', '00000000-0000-0000-0000-000000000000'], ['+275760-09-13T00:00:00Z', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
    ['0000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'], [null, '00000000-0000-0000-0000-000000000000', 'stepDueAt'], ['2026-01-01T00:00:00Z', "' OR 1=1 --"],
    [0, 0], { a: 1 }, 'x', [], [['2026-01-01'], ['00000000-0000-0000-0000-000000000000']],
  ].map(b64);

  it('GET endpoints with hostile query strings', async () => {
    const from = ['2026-11-01', '2026-01-01'];
    const to = ['2026-11-30', '2026-12-31'];
    const routes: [string, string, Record<string, string[]>, string[]?][] = [
      ['GET /api/v1/dossiers', '/api/v1/dossiers', {
        status: ['processing', 'returned'], procedureCode: ['1.001193'], agencyCode: ['H12.01', 'H12'], overdue: ['true', 'false'], dueSoon: ['true'],
        receivedFrom: from, receivedTo: to, q: ['Người', 'H12.01-'], limit: ['1', '20', '100'], cursor: [pool.cursor, ...CRAFTED_CURSORS],
        stepRole: ['reception', 'specialist,leader'], assignee: ['me', 'none'], sort: ['receivedAt', 'stepDueAt'],
      }],
      ['GET /api/v1/reports/live', '/api/v1/reports/live', { agencyCode: ['H12.01', 'H12'], groupBy: ['agency', 'receiving'] }],
      ['GET /api/v1/reports/lateness', '/api/v1/reports/lateness', { from, to, agencyCode: ['H12.30', 'H12'], procedureCode: ['1.000800'], field: ['Đất đai'] }, ['from', 'to']],
      ['GET /api/v1/agencies/receivable', '/api/v1/agencies/receivable', { level: ['commune'] }],
      ['GET /api/v1/users/officers', '/api/v1/users/officers', { agencyCode: ['H12.01'] }],
      ['GET /metrics', '/metrics', { name: ['x'] }],
      ['GET /api/v1/calendar/days', '/api/v1/calendar/days', { from: ['2026-11-01', '2026-01-01'], to: ['2026-11-30', '2026-12-31'], agencyCode: ['H12.01', pool.agency] }, ['from', 'to']],
      ['GET /api/v1/reports/summary', '/api/v1/reports/summary', { from, to, agencyCode: ['H12.01'], procedureCode: ['1.001193'], field: ['Hộ tịch'] }, ['from', 'to']],
      ['GET /api/v1/reports/06a', '/api/v1/reports/06a', { from, to, groupBy: ['agency', 'field', 'procedure', 'receiving'], format: ['json', 'xlsx'], agencyCode: ['H12'], field: ['Hộ tịch'] }, ['from', 'to', 'groupBy']],
      ['GET /api/v1/reports/766/progress', '/api/v1/reports/766/progress', { from, to, agencyCode: ['H12.01', 'H12'] }, ['from', 'to']],
      ['GET /api/v1/reports/766/digitization', '/api/v1/reports/766/digitization', { from, to, agencyCode: ['H12.01', 'H12'], procedureCode: ['1.001193'], field: ['Hộ tịch'] }, ['from', 'to']],
      ['GET /api/v1/reports/register', '/api/v1/reports/register', { from, to, agencyCode: ['H12.01', 'H12'], format: ['pdf', 'xlsx'] }, ['from', 'to']],
      ['GET /api/v1/procedures', '/api/v1/procedures', { code: ['1.001193'] }],
      ['GET /api/v1/agencies', '/api/v1/agencies', { level: ['commune'] }],
      ['GET /api/v1/users', '/api/v1/users', { active: ['true'] }],
      ['GET /health', '/health', { verbose: ['1'] }],
      ['GET /api/v1/auth/2fa', '/api/v1/auth/2fa', { verbose: ['1'] }],
      ['GET /api/v1/audit', '/api/v1/audit', auditQuery()],
    ];
    const request = fc.constantFrom(...routes).chain(([endpoint, path, template, required]) => queryOf(template, required).map((q) => ({ endpoint, path: `${path}${q}` })));
    await fc.assert(
      fc.asyncProperty(request, who({ admin: 5, reception: 2, anonymous: 1 }), ({ endpoint, path }, w) => check({ endpoint, method: 'get', path, who: w })),
      runs(700),
    );
  });

  // Audit cursors: well-formed base64 around a payload the server never wrote (dates PostgreSQL cannot hold, ids past bigint).
  const CRAFTED_AUDIT_CURSORS = [
    ['2026-01-01T00:00:00Z', '1'], ['-271821-04-20T00:00:00Z', '1'], ['+275760-09-13T00:00:00Z', '999999999999999999'], ['0000-01-01T00:00:00Z', '0'],
    ['-000001-01-01T00:00:00Z', '1'], ['2026-01-01T00:00:00Z', '9'.repeat(19)], ['2026', '1'], ['1', '1'], ['2026-01-01T00:00:00Z', "' OR 1=1 --"], ['2026-01-01T00:00:00Z', 1],
    [null, '1'], [], {}, 'x', [['2026-01-01'], ['1']],
  ].map(b64);
  const auditQuery = (): Record<string, string[]> => ({
    from: ['2026-11-01', '2026-01-01'], to: ['2026-11-30', '2026-12-31'], action: [...AUDIT_ACTIONS], actorId: [spare.id, 'system'], targetType: [...AUDIT_TARGET_TYPES],
    targetId: [spare.id, 'H12.01', '2031-05-04'], cursor: [pool.auditCursor, ...CRAFTED_AUDIT_CURSORS], limit: ['1', '50', String(AUDIT_PAGE_MAX), String(AUDIT_PAGE_MAX + 1)],
  });

  it('GET /audit: hostile filters and cursors', async () => {
    await fc.assert(
      fc.asyncProperty(queryOf(auditQuery()), who({ admin: 6, reception: 1, anonymous: 1 }), (q, w) => check({ endpoint: 'GET /api/v1/audit', method: 'get', path: `/api/v1/audit${q}`, who: w })),
      runs(200),
    );
  });

  // ------------------------------------------------------------ raw bodies, content types, sizes

  /** Route, method, path, a valid body, and who sends it (admin unless said: login anonymous, the session's own endpoints the spare). */
  const BODY_ROUTES: [string, Method, () => string, unknown, Who?][] = [
    ['POST /api/v1/auth/login', 'post', () => '/api/v1/auth/login', { username: 'admin', password: 'demo' }],
    ['POST /api/v1/dossiers', 'post', () => '/api/v1/dossiers', validIntake()],
    ['POST /api/v1/dossiers/:id/events', 'post', () => `/api/v1/dossiers/${pool.dossierIds[0]}/events`, assignToDesk],
    // Not multipart (415), or a broken multipart body (400): never stored.
    ['POST /api/v1/dossiers/:id/files', 'post', () => `/api/v1/dossiers/${pool.dossierIds[0]}/files`, { kind: 'component', documentCode: 'GDN' }],
    ['POST /api/v1/procedures', 'post', () => '/api/v1/procedures', procedureTemplate()],
    ['PUT /api/v1/calendar/days/:date', 'put', () => '/api/v1/calendar/days/2031-05-04', { working: true, note: 'Làm bù' }],
    ['POST /api/v1/agencies', 'post', () => '/api/v1/agencies', { code: 'FZ.RAW', name: 'Xã', level: 'commune', parentCode: 'H12.01' }],
    ['PATCH /api/v1/agencies/:code', 'patch', () => `/api/v1/agencies/${pool.agency}`, { name: 'Xã thử' }],
    ['POST /api/v1/users', 'post', () => '/api/v1/users', { username: 'fz.raw', fullName: 'A', password: 'mat-khau-123', roles: ['clerk'] }],
    ['PATCH /api/v1/users/:id', 'patch', () => `/api/v1/users/${pool.userId}`, { fullName: 'B' }],
    ['POST /api/v1/auth/logout', 'post', () => '/api/v1/auth/logout', { everywhere: false }, 'spare'],
    ['POST /api/v1/auth/refresh', 'post', () => '/api/v1/auth/refresh', { a: 1 }, 'spare'],
    // A wrong current password: a raw body never changes the spare's password behind the fuzzer's back.
    ['POST /api/v1/auth/password', 'post', () => '/api/v1/auth/password', { currentPassword: 'không phải mật khẩu', newPassword: SPARE_PASSWORDS[1] }, 'spare'],
    ['POST /api/v1/auth/2fa/setup', 'post', () => '/api/v1/auth/2fa/setup', { get currentPassword() { return spare.password; } }, 'spare'],
    ['POST /api/v1/auth/2fa/enable', 'post', () => '/api/v1/auth/2fa/enable', { code: '000000' }, 'spare'],
    ['POST /api/v1/auth/2fa/disable', 'post', () => '/api/v1/auth/2fa/disable', { code: '000000' }, 'spare'],
  ];
  const bodySender = (endpoint: string, w?: Who): Who => w ?? (endpoint.includes('login') ? 'anonymous' : 'admin');

  const MALFORMED = [
    '', '{', '}', '{"a":}', "{'a':1}", '{"a":1,}', '[1,2', 'undefined', 'NaN', '{"a":NaN}', '{"a":Infinity}', '{"a":1e999}', '{"a":-1e999}', '{"a":-0}',
    '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":"\\udfff\\ud800"}', '{"a":"\\x41"}', '{"a":"\t"}', '{"a":01}', 'null', '"text"', '1', 'true', '[]', '[{}]',
    '\uFEFF{}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1}{"b":2}', '{"a":1} trailing', '\u0000',
    '{"channel":"direct","channel":"fax"}',
  ];
  const TYPES = [
    'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16', 'application/json; charset=latin1',
    'application/json; charset=nonsense', 'application/json;;;', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
    'application/xml', 'application/vnd.api+json', 'application/merge-patch+json', '*/*', 'application/octet-stream',
  ];

  /** A valid body of the route with one value swapped for a raw JSON token (1e999, "\ud800", deep nesting...). */
  const rawTokens = fc.constantFrom('1e999', '-1e999', '-0', '"\\u0000"', '"\\ud800"', '"a\\u0000b"', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', 'null', '{}', '[]');
  const rawBody = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...MALFORMED) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 3, arbitrary: fc.tuple(fc.nat(), rawTokens).map(([i, tok]) => ({ i, tok })) },
    { weight: 1, arbitrary: fc.constantFrom(1_000, 20_000, 100_000).map((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`) },
  );

  it('raw bodies: malformed JSON, odd tokens, deep nesting, wrong content types and encodings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BODY_ROUTES),
        rawBody,
        fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.constant(undefined) }),
        fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip') }),
        ([endpoint, method, path, valid, w], body, type, encoding) => {
          let text: string;
          if (typeof body === 'string') text = body;
          else {
            // Swap one top-level value of the valid body for the token.
            const keys = Object.keys(valid as object);
            const key = keys[body.i % keys.length];
            text = JSON.stringify(valid).replace(JSON.stringify({ [key]: (valid as Record<string, unknown>)[key] }).slice(1, -1), `${JSON.stringify(key)}:${body.tok}`);
          }
          return check({ endpoint, method, path: path(), who: bodySender(endpoint, w), raw: { body: text, type, encoding } });
        },
      ),
      runs(400),
    );
  });

  it('bodies around and past the 1 MB limit: 400 or 413, never more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), fc.constantFrom(1_000_000, 1_048_000, 1_048_576, 1_048_577, 1_100_000, 4_000_000), fc.constantFrom('x', 'ữ', '\\u0000'), ([endpoint, method, path, valid, w], size, c) => {
        const head = JSON.stringify(valid).slice(0, -1);
        const filler = c.repeat(Math.ceil((size - head.length - 10) / Buffer.byteLength(c)));
        return check({ endpoint, method, path: path(), who: bodySender(endpoint, w), raw: { body: `${head},"z":"${filler}"}`, type: 'application/json' } });
      }),
      runs(30),
    );
  });

  it('junk tokens and unknown routes: 401 and 404 in the error format', async () => {
    const auth = fc.constantFrom('Bearer', 'Bearer ', 'Bearer x', 'Bearer a.b.c', 'Basic YWRtaW46ZGVtbw==', 'bearer  x', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', `Bearer ${'A'.repeat(5000)}`, 'Bearer \u00ff');
    const route = fc.constantFrom(
      '/api/v1/dossiers', '/api/v1/users', '/api/v1/reports/summary?from=2026-01-01&to=2026-01-31', '/api/v1/nope', '/api/v2/dossiers', '/api/v1/dossiers/x/y/z', '/api/v1/', '/health/x',
      '/api/v1/auth/logout', '/api/v1/auth/refresh', '/api/v1/auth/2fa', '/api/v1/audit',
    );
    await fc.assert(
      fc.asyncProperty(auth, route, fc.constantFrom<Method>('get', 'post', 'put', 'patch', 'delete'), (a, path, method) =>
        check({ endpoint: `${method.toUpperCase()} (junk token / unknown route)`, method, path, who: 'anonymous', headers: { Authorization: a } }),
      ),
      runs(80),
    );
  });

  // ------------------------------------------------------------ valid but unusual: success and a byte-identical read-back

  const same = (got: unknown, want: string, what: string) => {
    if (typeof got !== 'string' || !Buffer.from(got, 'utf8').equals(Buffer.from(want, 'utf8'))) {
      throw new Error(`FUZZ_SEED=${SEED}: ${what} did not round-trip\n  sent: ${JSON.stringify(want)}\n  got:  ${JSON.stringify(got)}`);
    }
  };
  const ok = (res: { status: number; text: string }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`FUZZ_SEED=${SEED}: ${what} answered ${res.status}, not ${status}: ${res.text.slice(0, 500)}`);
  };

  it('valid intakes with unusual Unicode succeed and read back byte-identical (by id, by code, in the list)', async () => {
    await fc.assert(
      fc.asyncProperty(weirdText(200), weirdText(500), weirdText(500), who({ admin: 1, reception: 1 }), async (fullName, address, docName, w) => {
        const json = { ...validIntake(fullName), applicant: { ...validIntake(fullName).applicant, address }, documents: [{ code: 'GDN', name: docName, copies: 2 }] };
        const created = await send({ ...intakeReq(w, json), hostile: false });
        ok(created, 201, 'intake');
        pool.dossierIds.push(created.body.id);
        const byId = await send({ endpoint: 'GET /api/v1/dossiers/:id', method: 'get', path: `/api/v1/dossiers/${created.body.id}`, who: w, hostile: false });
        ok(byId, 200, 'GET by id');
        same(byId.body.applicant.fullName, fullName, 'applicant.fullName');
        same(byId.body.applicant.address, address, 'applicant.address');
        same(byId.body.documents[0].name, docName, 'documents[0].name');
        const byCode = await send({ endpoint: 'GET /api/v1/dossiers/by-code/:code', method: 'get', path: `/api/v1/dossiers/by-code/${encode(created.body.code)}`, who: w, hostile: false });
        same(byCode.body.applicant.fullName, fullName, 'applicant.fullName by code');
        const q = [...fullName].slice(0, 30).join('');
        if (maxLength(q, 100)) {
          const list = await send({ endpoint: 'GET /api/v1/dossiers', method: 'get', path: `/api/v1/dossiers?limit=100&q=${encode(q)}`, who: w, hostile: false });
          ok(list, 200, 'list ?q=');
          if (!list.body.items.some((d: { id: string }) => d.id === created.body.id)) throw new Error(`FUZZ_SEED=${SEED}: ?q=${JSON.stringify(q)} does not find ${JSON.stringify(fullName)}`);
        }
      }),
      runs(60),
    );
  });

  it('valid events with unusual Unicode notes succeed and read back byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(weirdText(2000), async (note) => {
        const created = await send({ ...intakeReq('reception', validIntake()), hostile: false });
        ok(created, 201, 'intake');
        const path = `/api/v1/dossiers/${created.body.id}/events`;
        ok(await send({ endpoint: 'POST /api/v1/dossiers/:id/events', method: 'post', path, who: 'reception', json: { type: 'FORWARD', note }, hostile: false }), 200, 'FORWARD');
        const events = await send({ endpoint: 'GET /api/v1/dossiers/:id/events', method: 'get', path, who: 'reception', hostile: false });
        // Notes are stored trimmed, a blank one as null.
        const stored = events.body.items.at(-1).note;
        if (note.trim() === '' ? stored !== null : (same(stored, note.trim(), 'event note'), false)) throw new Error(`FUZZ_SEED=${SEED}: blank note stored as ${JSON.stringify(stored)}`);
      }),
      runs(30),
    );
  });

  it('a retried event with the same Idempotency-Key changes nothing and says so; the key on another event is 422', async () => {
    const key = fc.string({ unit: fc.constantFrom(...'aZ09-_.:/+= é\tÿ'.split('')), minLength: 1, maxLength: 200 }).filter((k) => k.trim() !== '');
    await fc.assert(
      fc.asyncProperty(key, weirdText(2000), async (k, note) => {
        const created = await send({ ...intakeReq('reception', validIntake()), hostile: false });
        ok(created, 201, 'intake');
        const keyed = (json: unknown): Req => ({ endpoint: 'POST /api/v1/dossiers/:id/events', method: 'post', path: `/api/v1/dossiers/${created.body.id}/events`, who: 'reception', json, headers: { 'Idempotency-Key': k }, hostile: false });
        ok(await send(keyed({ type: 'FORWARD', note })), 200, 'keyed FORWARD');
        const before = last;
        const again = await send(keyed({ type: 'FORWARD', note }));
        ok(again, 200, 'retried FORWARD');
        if (again.headers['idempotent-replayed'] !== 'true') throw new Error(`FUZZ_SEED=${SEED}: a replay of key ${JSON.stringify(k)} lacks Idempotent-Replayed: true`);
        if (last !== before) throw new Error(`FUZZ_SEED=${SEED}: a replay of key ${JSON.stringify(k)} changed rows\n  before: ${before}\n  after:  ${last}`);
        ok(await send(keyed({ type: 'RETURN', note: 'Khác' })), 422, 'the key reused for another event');
      }),
      runs(20),
    );
  });

  it('valid agencies, procedures, calendar notes and accounts with unusual Unicode read back byte-identical', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(weirdText(300), weirdName, weirdName, weirdName, async (name, procName, field, stepName) => {
        n++;
        const code = `FZ.U${n}`;
        ok(await send({ endpoint: 'POST /api/v1/agencies', method: 'post', path: '/api/v1/agencies', who: 'admin', json: { code, name, level: 'commune', parentCode: 'H12.01' }, hostile: false }), 201, 'agency');
        const agencies = await send({ endpoint: 'GET /api/v1/agencies', method: 'get', path: '/api/v1/agencies', who: 'admin', hostile: false });
        same(agencies.body.items.find((a: { code: string }) => a.code === code)?.name, name, 'agency name');

        const def = procedureTemplate();
        const proc = { ...def, code, name: procName, field, steps: def.steps.map((s, i) => (i === 1 ? { ...s, name: stepName } : s)) };
        ok(await send({ endpoint: 'POST /api/v1/procedures', method: 'post', path: '/api/v1/procedures', who: 'admin', json: proc, hostile: false }), 201, 'procedure');
        const read = await send({ endpoint: 'GET /api/v1/procedures/:code', method: 'get', path: `/api/v1/procedures/${code}`, who: 'admin', hostile: false });
        same(read.body.name, procName, 'procedure name');
        same(read.body.field, field, 'procedure field');
        same(read.body.steps[1].name, stepName, 'step name');
        ok(await send({ endpoint: 'GET /api/v1/procedures/:code/diagram', method: 'get', path: `/api/v1/procedures/${code}/diagram`, who: 'admin', hostile: false }), 200, 'diagram');
        const report = await send({ endpoint: 'GET /api/v1/reports/summary', method: 'get', path: `/api/v1/reports/summary?from=2026-11-01&to=2026-11-30&field=${encode(field.slice(0, 300))}`, who: 'admin', hostile: false });
        if (maxLength(field, 300)) ok(report, 200, 'summary by field');

        const date = `2031-${pad((n % 12) + 1, 2)}-${pad((n % 27) + 1, 2)}`;
        const note = `${procName.slice(0, 400)}`;
        ok(await send({ endpoint: 'PUT /api/v1/calendar/days/:date', method: 'put', path: `/api/v1/calendar/days/${date}`, who: 'admin', json: { working: false, note }, hostile: false }), 200, 'calendar day');
        const days = await send({ endpoint: 'GET /api/v1/calendar/days', method: 'get', path: `/api/v1/calendar/days?from=${date}&to=${date}`, who: 'admin', hostile: false });
        const want = note.trim() || null;
        const got = days.body.items[0]?.note ?? null;
        if (want === null ? got !== null : (same(got, want, 'calendar note'), false)) throw new Error(`calendar note ${JSON.stringify(got)} for an empty note`);

        if (n % 4 === 1) {
          // bcrypt makes accounts slow: one in four runs.
          const created = await send({ endpoint: 'POST /api/v1/users', method: 'post', path: '/api/v1/users', who: 'admin', json: { username: `fz.u${n}`, fullName: name, password: 'mat-khau-123', roles: ['clerk'], agencyCode: code }, hostile: false });
          ok(created, 201, 'user');
          const users = await send({ endpoint: 'GET /api/v1/users', method: 'get', path: '/api/v1/users', who: 'admin', hostile: false });
          same(users.body.items.find((u: { id: string }) => u.id === created.body.id)?.fullName, name, 'user fullName');
        }
      }),
      runs(24),
    );
  });

  it('covered every endpoint of the API with no 5xx', () => {
    // Every operation the API documents (docs/openapi.json, and the document the running code builds, should they differ),
    // as `METHOD /path/:param`: a new endpoint fails here until a property above fuzzes it.
    const operations = (doc: { paths: object }) =>
      Object.entries(doc.paths).flatMap(([path, item]) =>
        (['get', 'put', 'post', 'patch', 'delete'] as const).filter((m) => (item as Record<string, unknown>)[m]).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
      );
    const documented = new Set([...operations(JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'))), ...operations(openApiDocument(t.app))]);
    // Served but left out of the document on purpose: the Prometheus scrape.
    const undocumented = ['GET /metrics'];
    expect(documented.size).toBeGreaterThan(30);
    expect([...documented, ...undocumented].filter((e) => !endpoints.has(e))).toEqual([]);
    // And every label the properties count is a real operation (a typo would count nothing).
    expect([...endpoints].filter((e) => !documented.has(e) && !undocumented.includes(e) && !e.includes('(junk token / unknown route)'))).toEqual([]);
    expect(figures.serverErrors).toBe(0);
  });
});
