import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { killOnExit, stopProcess } from './child-process';
import { DIST_DIR } from './dist';
import { deleteKeys, freePort, TEST_REDIS_URL as REDIS_URL } from './redis-server';
import { createTestDatabase } from './test-database';

const API_MAIN = join(DIST_DIR, 'apps/api/src/main.js');
const PROCESS_JWT_SECRET = 'reliability-secret-0123456789-0123456789';

export interface ApiEnvironment {
  /** What every API process of the scenario shares: database, queue prefix, JWT secret. */
  env: Record<string, string>;
  databaseUrl: string;
  cleanup(): Promise<void>;
}

/** A fresh database and queue prefix for the API processes of one scenario; cleanup drops both. */
export async function createApiEnvironment(extra: Record<string, string> = {}): Promise<ApiEnvironment> {
  const db = await createTestDatabase();
  const queuePrefix = `rel-${randomBytes(5).toString('hex')}`;
  return {
    databaseUrl: db.url,
    env: {
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: PROCESS_JWT_SECRET,
      SEED_DEMO: 'true',
      DATABASE_POOL_SIZE: '6',
      LOG_LEVEL: 'error',
      ...extra,
    },
    async cleanup() {
      try {
        await db.drop();
      } finally {
        await deleteKeys(REDIS_URL, `${queuePrefix}:*`);
      }
    },
  };
}

/**
 * A real API process (`main.js --api-only` from the compiled build, as production runs it; `args` [] for the default
 * start, which also runs the workers) on a fixed port, which a scenario kills (SIGKILL: a crash; SIGTERM: a deploy) and
 * starts again on the same port. main.js migrates the database.
 */
export class ApiProcess {
  private child: ChildProcess | null = null;
  private output = '';
  /** How many times this process was started, and killed. */
  starts = 0;
  kills = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly args: string[] = ['--api-only'],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote, for a failure message. */
  get recentOutput(): string {
    return this.output;
  }

  /** Starts the process and resolves once GET /health answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`the API on port ${this.port} is already running`);
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build first (or set TEST_DIST_DIR)`);
    const child = spawn(process.execPath, [API_MAIN, ...this.args], {
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    killOnExit(child);
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`API on port ${this.port} exited (${code ?? signal}) while starting:\n${this.output}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) await exited;
      if (await this.healthy()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.kill('SIGKILL');
    throw new Error(`API on port ${this.port} did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Kills the process and waits until it is gone (and its port free). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await stopProcess(child, signal);
    this.kills++;
  }

  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.kill(signal);
    await this.start();
  }

  private async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }
}

/** Starts an API process on a free port. */
export async function startApiProcess(env: Record<string, string>, port?: number): Promise<ApiProcess> {
  const api = new ApiProcess(port ?? (await freePort()), env);
  await api.start();
  return api;
}

/**
 * For a describe block: a fresh environment, one API process and a client on its database, started before its tests and
 * killed and dropped after them. Read `api` and `db` inside the tests (they exist once beforeAll has run).
 */
export function useApiProcess(): { readonly api: ApiProcess; readonly db: Client; readonly databaseUrl: string } {
  let env: ApiEnvironment | undefined;
  let api: ApiProcess | undefined;
  let db: Client | undefined;
  beforeAll(async () => {
    env = await createApiEnvironment();
    api = await startApiProcess(env.env);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await db?.end();
    await env?.cleanup();
  });
  return {
    get api() {
      return api!;
    },
    get db() {
      return db!;
    },
    get databaseUrl() {
      return env!.databaseUrl;
    },
  };
}
