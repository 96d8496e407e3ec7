import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './bench-context';
import type { ResultRow } from './bench-results';

type BenchReports = (databaseUrl: string, opts: { dossiers: number; log?: (line: string) => void }) => Promise<Array<Record<string, string | number>>>;

/** Compiled next to bench.js when scripts/bench-reports.ts exists (another issue provides it). */
const COMPILED = join(__dirname, '..', 'bench-reports.js');

/** The reports benchmark's own rows, or null when it is not part of this build. */
export async function benchReports(ctx: BenchContext, databaseUrl: string): Promise<ResultRow[] | null> {
  if (!existsSync(COMPILED)) return null;
  // A runtime path: the build must not depend on a file that may not exist yet.
  const mod = (await import(COMPILED)) as { benchReports?: BenchReports };
  if (typeof mod.benchReports !== 'function') {
    ctx.log(`${COMPILED} exports no benchReports function`);
    return null;
  }
  ctx.log(`reports: benchReports with ${ctx.opts.dossiers.toLocaleString('en-US')} dossiers`);
  const rows = await mod.benchReports(databaseUrl, { dossiers: ctx.opts.dossiers, log: ctx.log });
  ctx.details.reports = rows;
  return rows.map(toRow);
}

const UNITS: readonly string[] = ['/s', 'ms', 's', 'B', 'MiB'];
const YES: readonly unknown[] = ['yes', 'true', 1];
const NO: readonly unknown[] = ['no', 'false', 0];

/** Takes the columns it knows (scenario, metric, product, raw / naive, unit, ratio, target, met); the JSON keeps the rest. */
function toRow(r: Record<string, string | number>): ResultRow {
  const pick = (...keys: string[]) => keys.map((k) => r[k]).find((v) => v !== undefined);
  const ratio = pick('ratio');
  const met = pick('met', 'met?');
  const unit = pick('unit');
  return {
    scenario: String(pick('scenario') ?? 'reports'),
    metric: String(pick('metric', 'name') ?? JSON.stringify(r)),
    product: pick('product', 'value') ?? null,
    raw: pick('raw', 'raw ceiling', 'naive', 'baseline') ?? null,
    unit: typeof unit === 'string' && UNITS.includes(unit) ? (unit as ResultRow['unit']) : undefined,
    // A reports ratio is a speed-up over the naive query, not a share of a ceiling.
    ratio: ratio === undefined ? null : typeof ratio === 'number' ? `${ratio.toFixed(1)}×` : ratio,
    target: pick('target') === undefined ? undefined : String(pick('target')),
    met: YES.includes(met) ? true : NO.includes(met) ? false : null,
  };
}
