import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ROLES, type Role } from '@app/common';

const BOOLEAN_WORDS: Record<string, boolean> = { '1': true, true: true, yes: true, '0': false, false: false, no: false };
const toBoolean = ({ value }: { value: unknown }) => (typeof value === 'string' ? (BOOLEAN_WORDS[value.toLowerCase()] ?? value) : value);

/** Every environment variable the product reads; nothing else touches process.env. */
export class EnvDto {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// connection string' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** The built web app (vite build output) served at `/`. */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @Type(() => Number)
  @Min(0.1)
  @Max(30)
  DUE_SOON_WORKING_DAYS?: number;

  /** Where dossier files' bytes live: `filesystem` (under DATA_DIR/files) or `s3` (any S3-compatible store, S3_*). */
  @IsOptional()
  @IsIn(['filesystem', 's3'])
  FILE_STORAGE?: 'filesystem' | 's3';

  /** The S3 endpoint (MinIO, Ceph, a cloud's); unset: the AWS endpoint of S3_REGION. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid bucket name (3–63 lower-case letters, digits, dots, hyphens)' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

  /** The largest file one upload may carry. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  FILE_MAX_BYTES?: number;

  /** The most all of one dossier's files may add up to. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  DOSSIER_FILES_MAX_BYTES?: number;

  /** Stored bytes no file row references are deleted by the orphan sweep once this old (an upload in flight is younger). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  FILE_ORPHAN_GRACE_MINUTES?: number;

  /** How far an extension may reach past the appointment: this many times the procedure's processing time. */
  @IsOptional()
  @Type(() => Number)
  @Min(0.1)
  @Max(10)
  EXTEND_MAX_FACTOR?: number;

  /** An EXTEND (the apology) must be sent at least this many working days before the appointment (Decree 118/2025 provincial rules). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  EXTENSION_LEAD_WORKING_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  RECONCILE_INTERVAL_SECONDS?: number;

  /** How long a calendar or office-hours request recomputes deadlines itself before the queue finishes (0: always the queue). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600)
  RECOMPUTE_INLINE_SECONDS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10080)
  TIMER_HORIZON_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  WORKER_CONCURRENCY?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1–40 letters, digits, dashes or underscores' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\S{32,}$/, { message: 'must be at least 32 characters without spaces' })
  JWT_SECRET?: string;

  /** When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (the scraper's). */
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'must be at least 16 characters without spaces' })
  METRICS_TOKEN?: string;

  /** An access token's lifetime, and so the idle timeout: the web app refreshes it while the officer works. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  JWT_TTL_MINUTES?: number;

  @IsOptional()
  @IsString()
  @Matches(/^\S{4,}$/, { message: 'must be at least 4 characters without spaces' })
  DEMO_PASSWORD?: string;

  /** The roles whose accounts must sign in with a second factor (TOTP), e.g. `admin,supervisor`; none by default. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((r) => r.trim()).filter(Boolean) : value))
  @IsIn(ROLES, { each: true, message: `must be a comma-separated list of roles among ${ROLES.join(', ')}` })
  REQUIRE_2FA_ROLES?: Role[];

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** The citizens' address of the deployment (https://dichvucong.example.gov.vn): printed on receipts and in their QR code. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http(s) URL with no query, e.g. https://motcua.bacninh.gov.vn' })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  PUBLIC_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_RATE_LIMIT_PER_MINUTE?: number;

  /** Login tries a minute from one /24 (IPv4) or /64 (IPv6); default five times LOGIN_RATE_LIMIT_PER_MINUTE. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE?: number;

  /** Failed logins of one username before it is refused for a minute, doubling up to 15 minutes. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_LOCKOUT_FAILURES?: number;

  /** The longest a session lasts, refreshes included, before the password is asked again. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  SESSION_MAX_HOURS?: number;

  /** Behind a reverse proxy: which proxies to believe about the client address (hop count, `loopback`, IPs or subnets). */
  @IsOptional()
  @IsString()
  @Matches(/^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)( *, *(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?))*)$/, {
    message: 'must be a hop count, or loopback/linklocal/uniquelocal and IP addresses or subnets separated by commas',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}
