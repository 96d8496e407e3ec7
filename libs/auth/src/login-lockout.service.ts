import { HttpException, HttpStatus, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, Clock } from '@app/config';

// The first lock lasts a minute, each next one twice as long, up to 15; failures an hour apart are forgotten.
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 15 * 60_000;
const MEMORY_MS = 60 * 60_000;
// A Redis that is up but does not answer must not hold a login: past this the in-memory count stands in.
const COMMAND_TIMEOUT_MS = 250;
// The in-memory fallback forgets the oldest usernames past this many, so invented names cannot fill the memory.
const LOCAL_MAX_ENTRIES = 10_000;

// KEYS: the username's hash; ARGV: now ms. Returns the ms the username stays locked (0: not locked).
const CHECK = `
local locked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0') - tonumber(ARGV[1])
if locked > 0 then return locked end
return 0`;
// KEYS: the username's hash; ARGV: now ms, failures before a lock, first lock ms, longest lock ms, memory ms. Returns the lock ms it set (0: none).
const FAIL = `
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if last > 0 and now - last > tonumber(ARGV[5]) then redis.call('DEL', KEYS[1]) end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('HSET', KEYS[1], 'last', now)
local lock = 0
if n >= tonumber(ARGV[2]) then
  local level = redis.call('HINCRBY', KEYS[1], 'level', 1)
  lock = math.min(tonumber(ARGV[3]) * 2 ^ (level - 1), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', now + lock, 'n', 0)
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + tonumber(ARGV[4]))
return lock`;

type LockoutRedis = Redis & {
  lockoutCheck(key: string, now: number): Promise<number>;
  lockoutFail(key: string, now: number, failures: number, firstMs: number, longestMs: number, memoryMs: number): Promise<number>;
};

interface LocalRecord {
  n: number;
  level: number;
  until: number;
  last: number;
}

/**
 * Failed logins counted per username, whether or not the account exists (so a lock tells nothing about it): after
 * LOGIN_LOCKOUT_FAILURES the username is refused for a minute, then 2, 4, 8, up to 15. Counted in Redis so every API
 * process sees the lock; without Redis, or while it is unreachable, each process counts on its own. Times come from the Clock.
 */
@Injectable()
export class LoginLockoutService implements OnApplicationShutdown {
  private readonly logger = new Logger('LoginLockout');
  private readonly redis: LockoutRedis | null;
  private readonly local = new Map<string, LocalRecord>();
  private warned = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.redis = config.redis.url
      ? (new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'login-lockout' }) as LockoutRedis)
      : null;
    this.redis?.defineCommand('lockoutCheck', { numberOfKeys: 1, lua: CHECK });
    this.redis?.defineCommand('lockoutFail', { numberOfKeys: 1, lua: FAIL });
    this.redis?.on('error', (e: Error) => this.warnOnce(e));
    this.redis?.on('ready', () => (this.warned = false));
  }

  /** Whether the counts are the shared ones right now (Redis connected). */
  get shared(): boolean {
    return this.redis?.status === 'ready';
  }

  /** 429 while the username is locked, the same for every username, existing or not. */
  async check(username: string): Promise<void> {
    const now = this.clock.now().getTime();
    const lockedMs = await this.count(
      (r) => r.lockoutCheck(this.key(username), now),
      () => Math.max(0, (this.local.get(this.localKey(username))?.until ?? 0) - now),
    );
    if (lockedMs > 0) throw locked(lockedMs);
  }

  async failed(username: string): Promise<void> {
    const now = this.clock.now().getTime();
    const failures = this.config.auth.lockoutFailures;
    await this.count(
      (r) => r.lockoutFail(this.key(username), now, failures, FIRST_LOCK_MS, LONGEST_LOCK_MS, MEMORY_MS),
      () => this.failLocally(this.localKey(username), now, failures),
    );
  }

  async succeeded(username: string): Promise<void> {
    this.local.delete(this.localKey(username));
    await this.count(
      (r) => r.del(this.key(username)),
      () => 0,
    );
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  private async count(inRedis: (r: LockoutRedis) => Promise<number>, inMemory: () => number): Promise<number> {
    if (this.redis && this.shared) {
      try {
        return await inRedis(this.redis);
      } catch (e) {
        this.warnOnce(e as Error);
      }
    }
    return inMemory();
  }

  private failLocally(key: string, now: number, failures: number): number {
    let r = this.local.get(key);
    if (!r || now - r.last > MEMORY_MS) r = { n: 0, level: 0, until: 0, last: now };
    this.local.delete(key); // re-inserted last: the Map's order is then the order of last use
    r.n++;
    r.last = now;
    let lock = 0;
    if (r.n >= failures) {
      r.level++;
      lock = Math.min(FIRST_LOCK_MS * 2 ** (r.level - 1), LONGEST_LOCK_MS);
      r.until = now + lock;
      r.n = 0;
    }
    this.local.set(key, r);
    if (this.local.size > LOCAL_MAX_ENTRIES) this.local.delete(this.local.keys().next().value!);
    return lock;
  }

  // One hash tag per username: a Redis Cluster keeps the key in one slot.
  private key(username: string): string {
    return `${this.config.timers.queuePrefix}:login-lockout:{${this.localKey(username)}}`;
  }

  private localKey(username: string): string {
    return username.trim().toLowerCase();
  }

  private warnOnce(e: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`failed logins counted per process until Redis answers again: ${e.message}`);
  }
}

function locked(ms: number): HttpException {
  const seconds = Math.ceil(ms / 1000);
  return new HttpException(
    { error: 'too_many_requests', message: `Too many failed sign-ins for this username: try again in ${seconds} s`, retryAfterSeconds: seconds },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
