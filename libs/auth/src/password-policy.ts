import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '@app/common';

export const PASSWORD_MIN_CHARACTERS = 12;
/** bcrypt reads only the first 72 bytes: a longer password would be silently cut, so it is refused instead. */
export const PASSWORD_MAX_BYTES = 72;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses and more), enough behind bcrypt and login throttling. */
export const PASSWORD_MIN_SCORE = 3;
/** Shorter usernames (`an`, `le`) are too common inside ordinary words to refuse every password containing them. */
const USERNAME_MIN_CHARACTERS_TO_MATCH = 3;

let estimator: ZxcvbnFactory | null = null;
// Built on first use: the common-password dictionary takes a moment to load and only password changes need it.
const zxcvbn = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

/**
 * Refuses a password an account may not be given (admin create/update, self-service change), with a 400 naming `field`:
 * too short, over bcrypt's 72 bytes, containing the username, or easy to guess (common passwords, keyboard runs, repeats).
 * Login never calls this: existing accounts keep working whatever their password.
 */
export function assertAcceptablePassword(password: string, username: string, field = 'password'): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > PASSWORD_MAX_BYTES) {
    throw invalidField(field, `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (letters with diacritics count 2–3 bytes); it has ${bytes}`, 'password_too_long', {
      maxBytes: PASSWORD_MAX_BYTES,
    });
  }
  const characters = [...password].length;
  if (characters < PASSWORD_MIN_CHARACTERS) {
    throw invalidField(field, `must have at least ${PASSWORD_MIN_CHARACTERS} characters`, 'password_too_short', { min: PASSWORD_MIN_CHARACTERS });
  }
  const name = username.trim().toLowerCase();
  const lower = password.toLowerCase();
  if (name !== '' && (lower === name || (name.length >= USERNAME_MIN_CHARACTERS_TO_MATCH && lower.includes(name)))) {
    throw invalidField(field, 'must not be or contain the username', 'password_contains_username');
  }
  const { score, feedback } = zxcvbn().check(password, name ? [name] : []);
  if (score < PASSWORD_MIN_SCORE) {
    throw invalidField(field, `is too easy to guess (strength ${score} of 4, at least ${PASSWORD_MIN_SCORE} needed): use a longer phrase of unrelated words`, 'password_too_weak', {
      score,
      minScore: PASSWORD_MIN_SCORE,
      ...(feedback.warning ? { warning: feedback.warning } : {}),
      ...(feedback.suggestions.length ? { suggestions: feedback.suggestions.join(',') } : {}),
    });
  }
}
