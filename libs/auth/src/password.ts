import bcrypt from 'bcryptjs';

// Cost 10: ~70 ms per hash in pure JS, enough against offline guessing for officer accounts, cheap at login.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
