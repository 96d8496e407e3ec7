import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { join, resolve } from 'node:path';
import type { Role } from '@app/common';
import { EnvDto } from './env.dto';

const ENV_KEYS = ['NODE_ENV', 'PORT', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL', 'DATA_DIR', 'EMBEDDED_PG_PORT', 'SEED_DEMO', 'LOG_LEVEL', 'DUE_SOON_WORKING_DAYS', 'RECONCILE_INTERVAL_SECONDS', 'TIMER_HORIZON_MINUTES', 'WORKER_CONCURRENCY', 'QUEUE_PREFIX', 'JWT_SECRET', 'JWT_TTL_MINUTES', 'DEMO_PASSWORD', 'CORS_ORIGINS', 'PUBLIC_RATE_LIMIT_PER_MINUTE', 'LOGIN_RATE_LIMIT_PER_MINUTE', 'LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE', 'LOGIN_LOCKOUT_FAILURES', 'SESSION_MAX_HOURS', 'TRUST_PROXY', 'WEB_DIST_DIR', 'METRICS_TOKEN', 'RECOMPUTE_INLINE_SECONDS', 'REQUIRE_2FA_ROLES', 'EXTEND_MAX_FACTOR', 'EXTENSION_LEAD_WORKING_DAYS', 'FILE_STORAGE', 'S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'FILE_MAX_BYTES', 'DOSSIER_FILES_MAX_BYTES', 'FILE_ORPHAN_GRACE_MINUTES', 'PUBLIC_BASE_URL'] as const;

export type LogLevel = NonNullable<EnvDto['LOG_LEVEL']>;

/** The typed configuration, built once at start-up from the environment. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly http!: {
    port: number;
    corsOrigins: string[] | null;
    /** PUBLIC_BASE_URL without a trailing slash: where citizens look their dossier up (receipts, QR codes). */
    publicBaseUrl: string;
    publicRateLimitPerMinute: number;
    loginRateLimitPerMinute: number;
    /** Login tries a minute from one network: the /24 of an IPv4 address, the /64 of an IPv6 one. */
    loginNetworkRateLimitPerMinute: number;
    /** Express's `trust proxy`: null trusts no X-Forwarded-For (a direct connection's address is the client's). */
    trustProxy: number | string | null;
    webDistDir: string;
    metricsToken: string | null;
  };
  readonly database!: {
    /** null: start the embedded PostgreSQL under dataDir. */
    url: string | null;
    poolSize: number;
    embedded: { dataDir: string; port: number };
  };
  readonly redis!: { url: string | null };
  readonly timers!: {
    /** A dossier is due soon when less than this many working days remain. */
    dueSoonWorkingDays: number;
    reconcileIntervalMs: number;
    /** A calendar or office-hours request recomputes open deadlines itself this long; the queue does the rest. */
    recomputeInlineMs: number;
    /** Only deadlines this close get a queue job; the reconciliation arms the rest as they come near. */
    horizonMs: number;
    concurrency: number;
    queuePrefix: string;
  };
  readonly dossiers!: {
    /** An EXTEND may reach at most this many times the procedure's processing time past the current appointment. */
    extendMaxFactor: number;
    /** An EXTEND must be sent at least this many working days (the resolving agency's) before the current appointment. */
    extensionLeadWorkingDays: number;
  };
  readonly files!: {
    storage: { kind: 'filesystem'; root: string } | { kind: 's3'; endpoint: string | null; region: string; bucket: string; accessKeyId: string | null; secretAccessKey: string | null; forcePathStyle: boolean };
    maxBytes: number;
    dossierMaxBytes: number;
    orphanGraceMs: number;
  };
  /** Demo agencies, procedures and accounts: on by default only for the embedded database. */
  readonly seedDemo!: boolean;
  readonly auth!: {
    /** null only for a development start: the API then signs with a random per-process secret. */
    jwtSecret: string | null;
    /** An access token's lifetime, which is also the idle timeout: only a token still valid can be refreshed. */
    tokenTtlSeconds: number;
    /** No refresh reaches past this long after the password was typed. */
    sessionMaxSeconds: number;
    /** Failed logins of one username before it is refused for a minute (doubling up to 15). */
    lockoutFailures: number;
    demoPassword: string;
    /** Accounts holding one of these roles must enrol a TOTP second factor before they may do anything else. */
    requireTwoFactorRoles: Role[];
  };

  readonly logLevel!: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty values count as unset, as in a compose file's `VAR=`.
  const raw = Object.fromEntries(ENV_KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const dto = plainToInstance(EnvDto, raw);
  const errors = validateSync(dto, { whitelist: true });
  if (errors.length > 0) {
    // The variable and why, never its value: it may be a password or a secret, and start-up errors end up in logs.
    throw new ConfigError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  if (dto.FILE_STORAGE === 's3' && !dto.S3_BUCKET) throw new ConfigError(['S3_BUCKET: is required when FILE_STORAGE is s3']);
  const dataDir = resolve(dto.DATA_DIR ?? '.data');
  const url = dto.DATABASE_URL ?? null;
  return Object.assign(new AppConfig(), {
    env: dto.NODE_ENV ?? (url ? 'production' : 'development'),
    http: {
      port: dto.PORT ?? 3000,
      corsOrigins: dto.CORS_ORIGINS ? dto.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : null,
      // Unset: the process's own address, right only for a desk PC's own browser; the README says to set it.
      publicBaseUrl: (dto.PUBLIC_BASE_URL ?? `http://localhost:${dto.PORT ?? 3000}`).replace(/\/+$/, ''),
      publicRateLimitPerMinute: dto.PUBLIC_RATE_LIMIT_PER_MINUTE ?? 30,
      loginRateLimitPerMinute: dto.LOGIN_RATE_LIMIT_PER_MINUTE ?? 20,
      loginNetworkRateLimitPerMinute: dto.LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE ?? 5 * (dto.LOGIN_RATE_LIMIT_PER_MINUTE ?? 20),
      trustProxy: dto.TRUST_PROXY === undefined ? null : /^\d+$/.test(dto.TRUST_PROXY) ? Number(dto.TRUST_PROXY) : dto.TRUST_PROXY,
      webDistDir: resolve(dto.WEB_DIST_DIR ?? 'dist/web'),
      metricsToken: dto.METRICS_TOKEN ?? null,
    },
    database: { url, poolSize: dto.DATABASE_POOL_SIZE ?? 10, embedded: { dataDir, port: dto.EMBEDDED_PG_PORT ?? 5439 } },
    redis: { url: dto.REDIS_URL ?? null },
    timers: {
      dueSoonWorkingDays: dto.DUE_SOON_WORKING_DAYS ?? 1,
      reconcileIntervalMs: (dto.RECONCILE_INTERVAL_SECONDS ?? 60) * 1000,
      recomputeInlineMs: (dto.RECOMPUTE_INLINE_SECONDS ?? 20) * 1000,
      horizonMs: (dto.TIMER_HORIZON_MINUTES ?? 60) * 60_000,
      concurrency: dto.WORKER_CONCURRENCY ?? 20,
      queuePrefix: dto.QUEUE_PREFIX ?? 'motcua',
    },
    dossiers: { extendMaxFactor: dto.EXTEND_MAX_FACTOR ?? 1, extensionLeadWorkingDays: dto.EXTENSION_LEAD_WORKING_DAYS ?? 1 },
    files: {
      storage:
        dto.FILE_STORAGE === 's3'
          ? {
              kind: 's3',
              endpoint: dto.S3_ENDPOINT ?? null,
              region: dto.S3_REGION ?? 'us-east-1',
              bucket: dto.S3_BUCKET!,
              accessKeyId: dto.S3_ACCESS_KEY_ID ?? null,
              secretAccessKey: dto.S3_SECRET_ACCESS_KEY ?? null,
              forcePathStyle: dto.S3_FORCE_PATH_STYLE ?? true,
            }
          : { kind: 'filesystem', root: join(dataDir, 'files') },
      maxBytes: dto.FILE_MAX_BYTES ?? 20 * 1024 * 1024,
      dossierMaxBytes: dto.DOSSIER_FILES_MAX_BYTES ?? 200 * 1024 * 1024,
      orphanGraceMs: (dto.FILE_ORPHAN_GRACE_MINUTES ?? 60) * 60_000,
    },
    seedDemo: dto.SEED_DEMO ?? url === null,
    auth: { jwtSecret: dto.JWT_SECRET ?? null, tokenTtlSeconds: (dto.JWT_TTL_MINUTES ?? 30) * 60, sessionMaxSeconds: (dto.SESSION_MAX_HOURS ?? 12) * 3600, lockoutFailures: dto.LOGIN_LOCKOUT_FAILURES ?? 5, demoPassword: dto.DEMO_PASSWORD ?? 'demo', requireTwoFactorRoles: [...new Set(dto.REQUIRE_2FA_ROLES ?? [])] },

    logLevel: dto.LOG_LEVEL ?? 'log',
  });
}

