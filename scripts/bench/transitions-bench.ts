import { Pool } from 'pg';
import { authHeaders } from './auth-headers';
import { apiCpu, type BenchContext, PROCEDURE_CODE } from './bench-context';
import { CONCURRENCY } from './bench-options';
import { latencyRows, type ResultRow, ratioOf } from './bench-results';
import { closedLoop } from './closed-loop';
import { cloneDossier, intakeOne } from './dossier-fixtures';
import { httpLoad, type LoadRequest } from './http-load';
import { RawForward } from './raw-baseline';
import type { LoadFigures } from './stats';

const TARGET_RATE = 2000;
const FORWARD = JSON.stringify({ type: 'FORWARD' });

/**
 * FORWARD through every step over HTTP at 1, 8 and 32 clients, each client walking its own dossiers (received, then
 * cloned in SQL) from the first step to the last; then the same with plain pg on other copies.
 */
export async function benchTransitions(ctx: BenchContext): Promise<ResultRow[]> {
  const template = await intakeOne(ctx);
  const roles = await stepRoles(ctx);
  // The officer acting in each step sends its FORWARD (the step names the role).
  const headers = await Promise.all(roles.slice(0, -1).map((role) => authHeaders(ctx.baseUrl, role)));
  const forwards = headers.length;
  const raw = new RawForward(PROCEDURE_CODE);

  let batch = 0;
  // Enough received dossiers for the run: sized from the fastest rate seen so far, so that no client runs out.
  let capacity = 1000;
  const dossiersFor = (clients: number, seconds: number) => Math.ceil((capacity * seconds) / forwards) + clients;
  const httpRun = async (clients: number, seconds: number) => {
    const ids = await cloneDossier(ctx.db, template.id, dossiersFor(clients, seconds), `-F${batch++}-`);
    let next = 0;
    const requests: LoadRequest[] = headers.map((h, step) => ({
      method: 'POST',
      headers: { ...h, 'content-type': 'application/json' },
      body: FORWARD,
      setupRequest: (req: LoadRequest, context: object) => {
        const c = context as { id?: string };
        // A client's context lives for one pass over the requests: one dossier from the first step to the last.
        if (step === 0) c.id = ids[next++];
        return { ...req, path: `/api/v1/dossiers/${c.id}/events` };
      },
    }));
    const figures = await httpLoad({ url: ctx.baseUrl, connections: clients, seconds, requests, apiCpu: apiCpu(ctx) });
    capacity = Math.max(capacity, 3 * figures.perSecond);
    return figures;
  };
  const rawRun = async (clients: number, seconds: number) => {
    const ids = await cloneDossier(ctx.db, template.id, dossiersFor(clients, seconds), `-R${batch++}-`);
    let next = 0;
    const pool = new Pool({ connectionString: ctx.databaseUrl, max: clients });
    try {
      const figures = await closedLoop(clients, seconds, () => {
        const state = { id: '', done: forwards };
        return async () => {
          if (state.done === forwards) Object.assign(state, { id: ids[next++], done: 0 });
          await raw.run(pool, state.id, state.done);
          state.done++;
        };
      });
      capacity = Math.max(capacity, 3 * figures.perSecond);
      return figures;
    } finally {
      await pool.end();
    }
  };

  ctx.log(`transitions: warm-up, ${ctx.opts.warmupSeconds} s`);
  await httpRun(8, ctx.opts.warmupSeconds);
  await rawRun(8, ctx.opts.warmupSeconds);

  const rows: ResultRow[] = [];
  const details: Record<string, { product: LoadFigures; raw: LoadFigures }> = {};
  for (const clients of CONCURRENCY) {
    ctx.log(`transitions: ${clients} client(s) over HTTP, ${ctx.opts.seconds} s`);
    const product = await httpRun(clients, ctx.opts.seconds);
    ctx.log(`transitions: ${clients} client(s) raw, ${ctx.opts.seconds} s`);
    const rawFigures = await rawRun(clients, ctx.opts.seconds);
    ctx.log(`transitions: ${clients} client(s): ${product.perSecond.toFixed(0)}/s over HTTP (API CPU ${product.apiCpuMsPerOp?.toFixed(2)} ms each), ${rawFigures.perSecond.toFixed(0)}/s raw`);
    details[`${clients}`] = { product, raw: rawFigures };
    rows.push(...transitionRows(clients, product, rawFigures));
  }
  ctx.details.transitions = { forwardsPerDossier: forwards, roles: roles.slice(0, -1), levels: details };
  return rows;
}

/** The role of each step of the benchmark's procedure, from the API. */
async function stepRoles(ctx: BenchContext): Promise<string[]> {
  const res = await fetch(`${ctx.baseUrl}/api/v1/procedures/${PROCEDURE_CODE}`, { headers: await authHeaders(ctx.baseUrl, 'reception') });
  if (!res.ok) throw new Error(`GET procedure ${PROCEDURE_CODE}: ${res.status} ${await res.text()}`);
  const { steps } = (await res.json()) as { steps: { role: string }[] };
  return steps.map((s) => s.role);
}

function transitionRows(clients: number, product: LoadFigures, raw: LoadFigures): ResultRow[] {
  const scenario = `transitions, ${clients} client${clients > 1 ? 's' : ''}`;
  const judged = clients === 32;
  const rows: ResultRow[] = [
    {
      scenario,
      metric: 'events/s',
      product: product.perSecond,
      raw: raw.perSecond,
      unit: '/s',
      ratio: ratioOf(product.perSecond, raw.perSecond),
      ...(judged ? { target: `≥ ${TARGET_RATE.toLocaleString('en-US')} /s`, met: product.perSecond >= TARGET_RATE } : {}),
    },
    ...latencyRows(scenario, product, raw, judged),
  ];
  if (product.errors + raw.errors > 0) {
    rows.push({ scenario, metric: 'errors', product: product.errors, raw: raw.errors, note: [...product.errorSamples, ...raw.errorSamples].join(' | ') });
  }
  return rows;
}
