import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FixedClock } from '@app/config';
import { dataSourceOptions, migrateDatabase } from '@app/database';
import { type GroupBy, type NaiveRow, type Report06a, type ReportNumbers, type ReportScope, ReportsService, naiveReportQuery, naiveRowNumbers } from '@app/reports';
import { seedVolume } from './seed-volume';

/** One line of the results table; bench.ts shows scenario, metric, product, naive, ratio, target and met, and keeps the rest. */
export type Row = Record<string, string | number>;

export interface BenchReportsOptions {
  dossiers: number;
  /** Timed runs of each rollup query (after 3 warm-up runs), and of each naive query (after 1). */
  runs?: number;
  naiveRuns?: number;
  log?: (line: string) => void;
}

const TARGET_MS = 200;
const TARGET_SPEEDUP = 20;

interface Case {
  name: string;
  period: { from: string; to: string };
  grouping: GroupBy | 'all';
}

/**
 * The reports on `dossiers` generated dossiers (seeded first if the database has fewer): summary and 06a (by agency, by
 * procedure) for one year, through ReportsService (the rollups) against the naive GROUP BY over the raw `dossier`
 * table, with median and p95 latency of each, and a check that both give the same numbers (it throws if not).
 */
export async function benchReports(databaseUrl: string, opts: BenchReportsOptions): Promise<Row[]> {
  // eslint-disable-next-line no-console -- a benchmark reports progress on the console unless told otherwise
  const log = opts.log ?? ((line: string) => console.log(line));
  await migrateDatabase(databaseUrl);
  const present = await countDossiers(databaseUrl);
  if (present < opts.dossiers) {
    log(`reports: ${present.toLocaleString('en-US')} dossiers present, generating ${(opts.dossiers - present).toLocaleString('en-US')} more`);
    await seedVolume(databaseUrl, { dossiers: opts.dossiers - present, log });
  }
  const total = await countDossiers(databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 4), entities: [] });
  await dataSource.initialize();
  try {
    // One instant for the whole run: a period that has not ended is judged as of then, by both sides.
    const now = new Date();
    const reports = new ReportsService(dataSource, new FixedClock(now));
    // Local (UTC+7) dates: the last whole calendar year, and the twelve months up to yesterday (ragged at both ends).
    const today = new Date(now.getTime() + 7 * 3_600_000);
    const lastYear = today.getUTCFullYear() - 1;
    const year = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` };
    const yesterday = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
    const rolling = { from: new Date(today.getTime() - 365 * 86_400_000).toISOString().slice(0, 10), to: yesterday };
    const cases: Case[] = [
      { name: `summary, ${lastYear}`, period: year, grouping: 'all' },
      { name: `06a by agency, ${lastYear}`, period: year, grouping: 'agency' },
      { name: `06a by procedure, ${lastYear}`, period: year, grouping: 'procedure' },
      { name: `summary, 12 months to ${yesterday}`, period: rolling, grouping: 'all' },
      { name: `06a by agency, 12 months to ${yesterday}`, period: rolling, grouping: 'agency' },
      { name: `summary, ${lastYear + 1} so far`, period: { from: `${lastYear + 1}-01-01`, to: `${lastYear + 1}-12-31` }, grouping: 'all' },
    ];
    const scope: ReportScope = { agencyCodes: 'all' };
    const rows: Row[] = [];
    for (const c of cases) {
      const grouping = c.grouping;
      const rollup = (): Promise<ReportNumbers | Report06a> => (grouping === 'all' ? reports.summary(c.period, scope) : reports.report06a(c.period, grouping, scope));
      const p = reports.resolvePeriod(c.period);
      const { sql, params } = naiveReportQuery({ start: p.start, end: p.end, asOf: p.asOf, grouping: c.grouping, scope });
      const naive = () => dataSource.query(sql, params) as Promise<NaiveRow[]>;

      const fast = await timed(rollup, 3, opts.runs ?? 30);
      const slow = await timed(naive, 1, opts.naiveRuns ?? 5);
      assertEqual(c.name, numbersByKey(fast.result), naiveByKey(slow.result, c.grouping));
      const speedup = slow.p50 / fast.p50;
      const met = fast.p50 < TARGET_MS && speedup >= TARGET_SPEEDUP;
      log(`reports: ${c.name}: rollups p50 ${fast.p50.toFixed(1)} ms (p95 ${fast.p95.toFixed(1)}), naive p50 ${slow.p50.toFixed(0)} ms: ${speedup.toFixed(0)}×`);
      const common = { scenario: 'reports', dossiers: total, unit: 'ms', equal: 'yes' };
      rows.push({ ...common, metric: `${c.name}: p50 ms`, product: round1(fast.p50), naive: round1(slow.p50), ratio: round1(speedup), target: `< ${TARGET_MS} ms, ≥ ${TARGET_SPEEDUP}×`, met: met ? 'yes' : 'no' });
      rows.push({ ...common, metric: `${c.name}: p95 ms`, product: round1(fast.p95), naive: round1(slow.p95), ratio: round1(slow.p95 / fast.p95), target: '—', met: '—' });
    }
    return rows;
  } finally {
    await dataSource.destroy();
  }
}

async function countDossiers(databaseUrl: string): Promise<number> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM dossier`)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function timed<T>(run: () => Promise<T>, warmup: number, runs: number): Promise<{ p50: number; p95: number; result: T }> {
  let result = await run();
  for (let i = 1; i < warmup; i++) result = await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    result = await run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), result };
}

type Cells = Omit<ReportNumbers, 'shares'>;

function cells(n: ReportNumbers): Cells {
  return { received: n.received, resolved: n.resolved, inProgress: n.inProgress };
}

function numbersByKey(r: ReportNumbers | Report06a): Map<string, Cells> {
  if ('rows' in r) return new Map([...r.rows.map((row) => [row.key, cells(row)] as const), ['(total)', cells(r.total)]]);
  return new Map([['', cells(r)]]);
}

function naiveByKey(rows: NaiveRow[], grouping: GroupBy | 'all'): Map<string, Cells> {
  const out = new Map<string, Cells>();
  let total: Cells = { received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 }, resolved: { total: 0, early: 0, onTime: 0, overdue: 0 }, inProgress: { total: 0, withinDeadline: 0, overdue: 0 } };
  for (const r of rows) {
    const n = cells(naiveRowNumbers(r).numbers);
    total = sumCells(total, n);
    // The service leaves out groups with nothing in the period.
    if (n.received.total > 0 || n.resolved.total > 0 || n.inProgress.total > 0) out.set(r.key, n);
  }
  return grouping === 'all' ? new Map([['', total]]) : out.set('(total)', total);
}

function sumCells(a: Cells, b: Cells): Cells {
  const add = <T extends Record<string, number>>(x: T, y: T) => Object.fromEntries(Object.keys(x).map((k) => [k, x[k] + y[k]])) as T;
  return { received: add(a.received, b.received), resolved: add(a.resolved, b.resolved), inProgress: add(a.inProgress, b.inProgress) };
}

function assertEqual(name: string, rollup: Map<string, Cells>, naive: Map<string, Cells>): void {
  const keys = new Set([...rollup.keys(), ...naive.keys()]);
  for (const k of keys) {
    const a = JSON.stringify(rollup.get(k) ?? null);
    const b = JSON.stringify(naive.get(k) ?? null);
    if (a !== b) throw new Error(`reports: ${name}: the rollups and the naive query disagree on ${k || 'the summary'}: ${a} ≠ ${b}`);
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
