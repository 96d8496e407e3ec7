import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';

// One window per key from its first hit; past the limit the key is blocked, and counting starts afresh after the block.
// KEYS: hits, block; ARGV: ttl ms, limit, block ms. Returns { hits, window ms left, block ms left }.
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { tonumber(ARGV[2]) + 1, blocked, blocked } end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits <= tonumber(ARGV[2]) then return { hits, ttl, 0 } end
local block = tonumber(ARGV[3])
if block <= 0 then block = ttl end
redis.call('SET', KEYS[2], '1', 'PX', block)
redis.call('DEL', KEYS[1])
return { hits, ttl, block }`;
// A Redis that is up but does not answer must not hold a request: past this the in-memory count stands in.
const COMMAND_TIMEOUT_MS = 250;

type RateRedis = Redis & { rateIncrement(hits: string, block: string, ttl: number, limit: number, blockMs: number): Promise<number[]> };

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limits counted in Redis, so that API processes scaled out share one limit instead of each granting its own.
 * Without Redis (the one-command start), or while it is unreachable, each process counts in memory as before.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly local = new ThrottlerStorageService();
  private readonly redis: RateRedis | null;
  private warned = false;

  constructor(
    redisUrl: string | null,
    private readonly prefix: string,
  ) {
    // Fail fast when Redis is away: a request must not wait for it, the in-memory count stands in.
    this.redis = redisUrl
      ? (new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'rate-limits' }) as RateRedis)
      : null;
    // Sent once, then by its SHA (EVALSHA).
    this.redis?.defineCommand('rateIncrement', { numberOfKeys: 2, lua: INCREMENT });
    this.redis?.on('error', (e: Error) => this.warnOnce(e));
    this.redis?.on('ready', () => (this.warned = false));
  }

  /** Whether the counts are the shared ones right now (Redis connected). */
  get shared(): boolean {
    return this.redis?.status === 'ready';
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis && this.shared) {
      // One hash tag for both keys: a Redis Cluster keeps them in one slot, as a script needs.
      const base = `${this.prefix}:rate:{${throttlerName}:${key}}`;
      try {
        const [hits, windowMs, blockMs] = await this.redis.rateIncrement(base, `${base}:blocked`, ttl, limit, blockDuration);
        return { totalHits: hits, timeToExpire: Math.ceil(windowMs / 1000), isBlocked: blockMs > 0, timeToBlockExpire: Math.ceil(blockMs / 1000) };
      } catch (e) {
        this.warnOnce(e as Error);
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
    this.local.onApplicationShutdown();
  }

  private warnOnce(e: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`rate limits counted per process until Redis answers again: ${e.message}`);
  }
}
