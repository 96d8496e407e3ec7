import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { spawnReady, stopProcess } from './child-process';

/** The machine's Redis, which the tests share (each under its own key prefix). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A private, disk-less redis-server a test may kill and restart empty, leaving the machine's Redis to the other tests. */
export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: nothing is saved) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port; with nothing saved on disk it comes back empty. */
  start(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-'));
  let child: ChildProcess | null = null;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      // Its working directory is removed on every kill; with nothing saved there it comes back empty anyway.
      mkdirSync(dir, { recursive: true });
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
      ({ child } = await spawnReady('redis-server', args, { ready: 'Ready to accept connections', timeoutMs: 10_000, what: 'redis-server' }));
      child.stdout?.resume();
      child.stderr?.resume();
    },
    async kill(signal = 'SIGKILL') {
      const c = child;
      child = null;
      if (!c) return;
      await stopProcess(c, signal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** A port nobody listens on now (the OS picks it), so a test can start (and restart) a server on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Deletes the keys matching `pattern` (a test's queue prefix) from the Redis at `url`; returns how many there were. */
export async function deleteKeys(url: string, pattern: string): Promise<number> {
  const redis = new Redis(url);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
