import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

// Cost 10: ~70 ms per hash in pure JS, enough against offline guessing for officer accounts, cheap at login.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/** `hash` null (no such account): compared with a hash of nothing anyone knows, so the answer takes as long as a real one. */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (hash !== null) return bcrypt.compare(password, hash);
  await bcrypt.compare(password, await unknownAccountHash());
  return false;
}

let decoy: Promise<string> | null = null;
const unknownAccountHash = () => (decoy ??= bcrypt.hash(randomBytes(32).toString('base64'), COST));
