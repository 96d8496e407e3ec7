/* eslint-disable no-console -- a command-line tool talks on the console */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { checkConsistency, formatProblem } from '@app/dossiers';

/**
 * `npm run check:consistency`: checks a live database (DATABASE_URL, and the queue of REDIS_URL / QUEUE_PREFIX) with the
 * API's own environment. Exit 0: consistent; 1: problems, one per line; 2: the check itself could not run.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.database.url) {
    throw new Error('DATABASE_URL is required (the embedded database of `npm start` is postgres://postgres:postgres@127.0.0.1:5439/mot_cua)');
  }
  const report = await checkConsistency({
    databaseUrl: config.database.url,
    redisUrl: config.redis.url,
    queuePrefix: config.timers.queuePrefix,
    timers: config.timers,
  });
  for (const p of report.problems) console.log(formatProblem(p));
  const more = report.truncated ? ` (stopped at ${report.problems.length}; fix these and run again)` : '';
  console.log(`checked ${report.checked} dossiers, ${report.problems.length} problem(s) found${more}`);
  return report.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`check:consistency could not run: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
