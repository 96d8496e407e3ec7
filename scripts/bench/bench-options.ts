export const SCENARIOS = ['intake', 'transitions', 'timers', 'files', 'reports'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  only: ReadonlySet<Scenario>;
  /** Dossiers the reports benchmark generates. */
  dossiers: number;
  /** Deadline worker processes in the timer scenarios, and the jobs each runs at once (WORKER_CONCURRENCY). */
  workers: number;
  workerConcurrency: number;
  /** DATABASE_POOL_SIZE of the API process. */
  apiPool: number;
  /** Seconds each measured run lasts (per concurrency level, product and raw each), and the warm-up. */
  seconds: number;
  warmupSeconds: number;
  /** Deadlines armed for the memory figure, and how many of them fall due together. */
  timersArmed: number;
  timersDue: number;
}

export const CONCURRENCY = [1, 8, 32] as const;
/** Clients uploading or downloading at once in the files scenario (each moves megabytes: a few saturate the disk). */
export const FILE_CONCURRENCY = [1, 4] as const;

const USAGE = `npm run bench -- [--quick] [--only intake,transitions,timers,files,reports] [--seconds N] [--dossiers N | --large] [--workers N] [--worker-concurrency N] [--api-pool N]
  --quick       3 s per measured run, 1,000 timers: a smoke run of a few minutes
  --seconds N   seconds per measured run (default 12)
  --only        run only these scenarios (comma-separated)
  --dossiers N  dossiers the reports benchmark generates (default 1,000,000; --large = 10,000,000)
  --workers N   deadline worker processes for the timer scenarios (default 1: on two cores a second one only competes with PostgreSQL)
  --worker-concurrency N  WORKER_CONCURRENCY of each worker (default 20, the product's default)
  --api-pool N  DATABASE_POOL_SIZE of the API process (default 16)
BENCH_CPU_PROF=1 starts the API with --cpu-prof (profiles in /tmp/prof) and prints its top functions.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
  }
}

export function parseOptions(argv: string[]): BenchOptions {
  let quick = false;
  let only: Set<Scenario> = new Set(SCENARIOS);
  let dossiers: number | null = null;
  let large = false;
  let workers = 1;
  let workerConcurrency = 20;
  let apiPool = 16;
  let seconds: number | null = null;
  const positive = (flag: string, v: string | undefined) => {
    const n = Number(v?.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number, not ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--large':
        large = true;
        break;
      case '--only': {
        const names = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
        if (names.length === 0 || unknown.length) throw new UsageError(`--only takes ${SCENARIOS.join(', ')}; got ${JSON.stringify(names.join(','))}`);
        only = new Set(names as Scenario[]);
        break;
      }
      case '--dossiers':
        dossiers = positive(flag, value());
        break;
      case '--workers':
        workers = positive(flag, value());
        break;
      case '--seconds':
        seconds = positive(flag, value());
        break;
      case '--worker-concurrency':
        workerConcurrency = positive(flag, value());
        break;
      case '--api-pool':
        apiPool = positive(flag, value());
        break;
      case '--help':
      case '-h':
        throw new UsageError('Benchmarks of intake, transitions, timers, files and reports against raw baselines.');
      default:
        throw new UsageError(`unknown argument ${argv[i]}`);
    }
  }
  return {
    quick,
    only,
    dossiers: dossiers ?? (large ? 10_000_000 : quick ? 100_000 : 1_000_000),
    workers,
    workerConcurrency,
    apiPool,
    seconds: seconds ?? (quick ? 3 : 12),
    warmupSeconds: quick ? 2 : 5,
    timersArmed: quick ? 1000 : 100_000,
    timersDue: quick ? 1000 : 10_000,
  };
}
