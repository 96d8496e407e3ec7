import { type LoadFigures, loadFigures, msSince } from './stats';

/** One simulated client: each call performs one operation (and keeps whatever state the client needs between calls). */
export type ClientStep = () => Promise<void>;

/**
 * Runs operations for `seconds` with `concurrency` clients, each waiting for its answer before the next (a closed loop,
 * as autocannon's connections do), and measures every operation's latency.
 */
export async function closedLoop(concurrency: number, seconds: number, makeClient: (index: number) => ClientStep): Promise<LoadFigures> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const run = async (step: ClientStep) => {
    while (Date.now() < end) {
      const t = process.hrtime.bigint();
      try {
        await step();
        latencies.push(msSince(t));
      } catch (e) {
        errors++;
        if (errorSamples.length < 3) errorSamples.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => run(makeClient(i))));
  return loadFigures(latencies, errors, msSince(t0) / 1000, errorSamples);
}
