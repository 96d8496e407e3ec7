import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one fault scenario did and what it found; the README's reliability table is copied from these files. */
export interface ReliabilityFigures {
  scenario: string;
  operationsSent: number;
  faultsInjected: number;
  lost: number;
  duplicates: number;
  serverErrors: number;
  [extra: string]: string | number;
}

const RELIABILITY_DIR = join(__dirname, '../artifacts/reliability');

/** Writes test/artifacts/reliability/<name>.json (git-ignored). */
export function recordReliability(name: string, figures: ReliabilityFigures): void {
  mkdirSync(RELIABILITY_DIR, { recursive: true });
  writeFileSync(join(RELIABILITY_DIR, `${name}.json`), `${JSON.stringify({ ...figures, at: new Date().toISOString() }, null, 2)}\n`);
}
