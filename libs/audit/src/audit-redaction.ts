import { canonicalJson } from '@app/common';

/** What a secret's value becomes in the audit log. */
export const REDACTED = '[redacted]';

// A key is secret when one of its words is one of these: passwordHash, totpSecret, accessToken, recoveryCodes, apiKey.
const SECRET_WORDS = new Set(['password', 'passcode', 'hash', 'secret', 'token', 'totp', 'otp', 'key', 'recovery', 'credential', 'credentials']);
// Values that are secrets whatever their key: a bcrypt hash, a JWT.
const SECRET_VALUES = [/^\$2[abxy]?\$\d{2}\$/, /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/];

const wordsOf = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
const isSecretKey = (key: string) => wordsOf(key).some((w) => SECRET_WORDS.has(w));

/**
 * A before/after value as the audit log may keep it: plain JSON, every secret replaced by REDACTED. A boolean or null under
 * a secret's key stays (`passwordChanged: true` says that it changed, not what it is).
 */
export function redactSecrets(value: unknown): unknown {
  return value === undefined ? null : redact(JSON.parse(JSON.stringify(value)) as unknown);
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'string') return SECRET_VALUES.some((p) => p.test(value)) ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isSecretKey(k) && v !== null && typeof v !== 'boolean' ? REDACTED : redact(v)]),
  );
}

/** Only the fields that differ, each side with its own value (a field one side lacks is absent there): the compact "what changed". */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[key]) === canonicalJson(after[key])) continue;
    if (before[key] !== undefined) out.before[key] = before[key];
    if (after[key] !== undefined) out.after[key] = after[key];
  }
  return out;
}
