import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Unit = '/s' | 'ms' | 's' | 'B' | 'MiB' | 'MiB/s' | '';

/** One line of the results table (and of the JSON file). */
export interface ResultRow {
  scenario: string;
  metric: string;
  product: number | string | null;
  raw?: number | string | null;
  unit?: Unit;
  /** product / raw for throughput rows (shown as a percentage); a text as given (e.g. a speed-up "25×"). */
  ratio?: number | string | null;
  target?: string;
  met?: boolean | null;
  note?: string;
}

export function ratioOf(product: number, raw: number): number | null {
  return raw > 0 && Number.isFinite(product) ? product / raw : null;
}

function formatValue(v: number | string | null | undefined, unit: Unit | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return 'n/a';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const text = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const header = ['scenario', 'metric', 'product', 'raw ceiling', 'ratio', 'target', 'met?'];
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    formatValue(r.product, r.unit),
    formatValue(r.raw, r.unit),
    r.ratio === null || r.ratio === undefined ? '—' : typeof r.ratio === 'string' ? r.ratio : `${(r.ratio * 100).toFixed(0)} %`,
    r.target ?? '—',
    r.met === true ? 'yes' : r.met === false ? '**no**' : '—',
  ]);
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.map(esc).join(' | ')} |`).join('\n');
}

/** Writes the run as JSON under bench/results (git-ignored); returns the file's path. */
export function writeResults(rootDir: string, startedAt: Date, payload: object): string {
  const dir = join(rootDir, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

/** The p50, p99 (judged against the shared ≤ 50 ms target when asked) and CPU rows every HTTP scenario reports. */
export const TARGET_P99_MS = 50;
export function latencyRows(
  scenario: string,
  product: { p50Ms: number; p99Ms: number; apiCpuMsPerOp?: number | null },
  raw: { p50Ms: number; p99Ms: number },
  judged: boolean,
): ResultRow[] {
  return [
    { scenario, metric: 'p50 latency', product: product.p50Ms, raw: raw.p50Ms, unit: 'ms' },
    {
      scenario,
      metric: 'p99 latency',
      product: product.p99Ms,
      raw: raw.p99Ms,
      unit: 'ms',
      ...(judged ? { target: `≤ ${TARGET_P99_MS} ms`, met: product.p99Ms <= TARGET_P99_MS } : {}),
    },
    { scenario, metric: 'API CPU per request', product: product.apiCpuMsPerOp ?? null, unit: 'ms' },
  ];
}
