import { Pool } from 'pg';
import { authHeaders } from './auth-headers';
import { apiCpu, type BenchContext } from './bench-context';
import { CONCURRENCY } from './bench-options';
import { latencyRows, type ResultRow, ratioOf } from './bench-results';
import { closedLoop } from './closed-loop';
import { intakeBody, intakeOne } from './dossier-fixtures';
import { httpLoad, type LoadRequest } from './http-load';
import { RawIntake } from './raw-baseline';
import type { LoadFigures } from './stats';

const TARGET_RATE = 1500;
const TARGET_SHARE = 0.3;

/** Intake over HTTP at 1, 8 and 32 clients, each level followed by the same rows written with plain pg. */
export async function benchIntake(ctx: BenchContext): Promise<ResultRow[]> {
  const headers = { ...(await authHeaders(ctx.baseUrl, 'reception')), 'content-type': 'application/json' };
  let n = 1;
  const request = {
    method: 'POST' as const,
    path: '/api/v1/dossiers',
    headers,
    setupRequest: (req: LoadRequest) => ({ ...req, body: JSON.stringify(intakeBody(n++)) }),
  };
  const template = await intakeOne(ctx);
  const raw = await RawIntake.fromDossier(ctx.db, template.id);
  ctx.log(`intake: warm-up, ${ctx.opts.warmupSeconds} s`);
  await httpLoad({ url: ctx.baseUrl, connections: 8, seconds: ctx.opts.warmupSeconds, requests: [request] });
  await rawRun(ctx, raw, 8, ctx.opts.warmupSeconds);

  const rows: ResultRow[] = [];
  const details: Record<string, { product: LoadFigures; raw: LoadFigures }> = {};
  for (const clients of CONCURRENCY) {
    ctx.log(`intake: ${clients} client(s) over HTTP, ${ctx.opts.seconds} s`);
    const product = await httpLoad({ url: ctx.baseUrl, connections: clients, seconds: ctx.opts.seconds, requests: [request], apiCpu: apiCpu(ctx) });
    ctx.log(`intake: ${clients} client(s) raw, ${ctx.opts.seconds} s`);
    const rawFigures = await rawRun(ctx, raw, clients, ctx.opts.seconds);
    ctx.log(`intake: ${clients} client(s): ${product.perSecond.toFixed(0)}/s over HTTP (API CPU ${product.apiCpuMsPerOp?.toFixed(2)} ms each), ${rawFigures.perSecond.toFixed(0)}/s raw`);
    details[`${clients}`] = { product, raw: rawFigures };
    rows.push(...intakeRows(clients, product, rawFigures));
  }
  ctx.details.intake = details;
  return rows;
}

let rawApplicants = 10_000_000;

/** The same rows with plain pg, one connection per client. */
async function rawRun(ctx: BenchContext, raw: RawIntake, clients: number, seconds: number): Promise<LoadFigures> {
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: clients });
  try {
    return await closedLoop(clients, seconds, () => () => raw.run(pool, intakeBody(rawApplicants++).applicant));
  } finally {
    await pool.end();
  }
}

function intakeRows(clients: number, product: LoadFigures, raw: LoadFigures): ResultRow[] {
  const scenario = `intake, ${clients} client${clients > 1 ? 's' : ''}`;
  const judged = clients === 32;
  const ratio = ratioOf(product.perSecond, raw.perSecond);
  const errors = product.errors + raw.errors;
  const rows: ResultRow[] = [
    {
      scenario,
      metric: 'dossiers/s',
      product: product.perSecond,
      raw: raw.perSecond,
      unit: '/s',
      ratio,
      ...(judged ? { target: `≥ ${TARGET_RATE.toLocaleString('en-US')} /s`, met: product.perSecond >= TARGET_RATE } : {}),
    },
    ...(judged
      ? [{ scenario, metric: 'share of the raw ceiling', product: ratio === null ? null : `${(ratio * 100).toFixed(0)} %`, target: `≥ ${TARGET_SHARE * 100} %`, met: (ratio ?? 0) >= TARGET_SHARE }]
      : []),
    ...latencyRows(scenario, product, raw, judged),
  ];
  if (errors > 0) {
    rows.push({ scenario, metric: 'errors', product: product.errors, raw: raw.errors, note: [...product.errorSamples, ...raw.errorSamples].join(' | ') });
  }
  return rows;
}
