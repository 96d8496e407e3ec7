import autocannon from 'autocannon';
import { type LoadFigures, loadFigures } from './stats';

export type LoadRequest = autocannon.Request;

/**
 * Drives the API with autocannon for `seconds`: `connections` clients, each sending its next request when the previous
 * one is answered. Latencies are taken from every response (float milliseconds), not from autocannon's integer histogram.
 */
export async function httpLoad(opts: {
  url: string;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
  /** The API process's CPU seconds so far, to report its CPU per request. */
  apiCpu?: () => number;
}): Promise<LoadFigures> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  // The body of the first few failures says why; successful bodies are not kept.
  const requests = opts.requests.map((r) => ({
    ...r,
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status > 299) && errorSamples.length < 3) errorSamples.push(`${status} ${body.slice(0, 300)}`);
    },
  }));
  const cpu0 = opts.apiCpu?.() ?? Number.NaN;
  const t0 = process.hrtime.bigint();
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: opts.url, connections: opts.connections, duration: opts.seconds, requests, timeout: 30 }, (err, result) =>
      err ? reject(err as Error) : resolve(result),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTime);
      else errors++;
    });
  });
  const result = await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // autocannon counts timeouts among its errors.
  errors += result.errors;
  if (result.errors > 0) errorSamples.push(`${result.errors} socket errors (${result.timeouts} of them timeouts)`);
  const figures = loadFigures(latencies, errors, seconds, errorSamples);
  if (opts.apiCpu) figures.apiCpuMsPerOp = ((opts.apiCpu() - cpu0) * 1000) / Math.max(1, figures.ok);
  return figures;
}
