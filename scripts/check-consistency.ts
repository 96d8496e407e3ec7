/* eslint-disable no-console -- a command-line tool talks on the console */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { checkConsistency, formatProblem } from '@app/consistency';
import { createFileStorage } from '@app/files';

const USAGE = 'usage: npm run check:consistency -- [--agency CODE[,CODE…]] [--open] [--at TIME] [--verify-bytes]';

/**
 * `--agency H12,H15` (those agencies and every agency under them), `--open` (only dossiers whose clock runs or waits),
 * `--at 2026-12-01T17:00:00+07:00` (judge deadlines and timers as of that instant instead of now) and `--verify-bytes`
 * (read every file's bytes and compare their SHA-256, not only presence and size).
 */
function parseCheckArgs(args: string[]): { agencies: string[] | null; openOnly: boolean; now?: Date; verifyBytes: boolean } {
  let agencies: string[] | null = null;
  let openOnly = false;
  let verifyBytes = false;
  let now: Date | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '--open' && inline === undefined) openOnly = true;
    else if (flag === '--verify-bytes' && inline === undefined) verifyBytes = true;
    else if (flag === '--agency') {
      const value = inline ?? args[++i];
      const codes = (value ?? '').split(',').map((c) => c.trim()).filter(Boolean);
      if (!codes.length) throw new Error(`--agency needs one or more agency codes; ${USAGE}`);
      agencies = [...(agencies ?? []), ...codes];
    } else if (flag === '--at') {
      const value = inline ?? args[++i] ?? '';
      now = new Date(value);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(now.getTime())) {
        throw new Error(`--at needs a date and time with its offset, e.g. 2026-12-01T17:00:00+07:00; ${USAGE}`);
      }
    } else throw new Error(`unknown argument ${args[i]}; ${USAGE}`);
  }
  return { agencies, openOnly, now, verifyBytes };
}

/**
 * `npm run check:consistency`: checks a live database (DATABASE_URL, and the queue of REDIS_URL / QUEUE_PREFIX) with the
 * API's own environment. Exit 0: consistent; 1: problems, one per line; 2: the check itself could not run.
 */
async function main(): Promise<number> {
  const scope = parseCheckArgs(process.argv.slice(2));
  const config = loadConfig();
  if (!config.database.url) {
    throw new Error('DATABASE_URL is required (the embedded database of `npm start` is postgres://postgres:postgres@127.0.0.1:5439/mot_cua)');
  }
  const report = await checkConsistency({
    databaseUrl: config.database.url,
    redisUrl: config.redis.url,
    queuePrefix: config.timers.queuePrefix,
    timers: config.timers,
    storage: createFileStorage(config.files.storage),
    ...scope,
  });
  for (const p of report.problems) console.log(formatProblem(p));
  const more = report.truncated ? ` (stopped at ${report.problems.length}; fix these and run again)` : '';
  const which = `${scope.openOnly ? 'open ' : ''}dossiers${scope.agencies ? ` of ${scope.agencies.join(', ')} and the agencies under them` : ''}`;
  console.log(`checked ${report.checked} ${which}, ${report.problems.length} problem(s) found${more}`);
  return report.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`check:consistency could not run: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
