import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database, port 3000 and demo seed', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database.url).toBeNull();
    expect(c.seedDemo).toBe(true);
    expect(c.env).toBe('development');
    expect(c.http.publicRateLimitPerMinute).toBe(30);
    expect(c.http.loginRateLimitPerMinute).toBe(20);
  });

  it('treats a given DATABASE_URL as production without demo seed', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/app', REDIS_URL: 'redis://r:6379' });
    expect(c.database.url).toBe('postgres://u@db:5432/app');
    expect(c.redis.url).toBe('redis://r:6379');
    expect(c.seedDemo).toBe(false);
    expect(c.env).toBe('production');
  });

  it('keeps files under DATA_DIR/files by default, 20 MB each; S3 needs a bucket', () => {
    const c = loadConfig({ DATA_DIR: '/srv/motcua' });
    expect(c.files).toEqual({ storage: { kind: 'filesystem', root: '/srv/motcua/files' }, maxBytes: 20 * 1024 * 1024, dossierMaxBytes: 200 * 1024 * 1024, orphanGraceMs: 3_600_000 });
    const s3 = loadConfig({ FILE_STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'ho-so', FILE_MAX_BYTES: '1048576' });
    expect(s3.files.storage).toEqual({ kind: 's3', endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'ho-so', accessKeyId: null, secretAccessKey: null, forcePathStyle: true });
    expect(s3.files.maxBytes).toBe(1048576);
    expect(() => loadConfig({ FILE_STORAGE: 's3' })).toThrow(/S3_BUCKET: is required/);
    expect(() => loadConfig({ FILE_STORAGE: 'ftp' })).toThrow(/FILE_STORAGE/);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: .*postgres:\/\//m);
    expect(problems).toMatch(/^SEED_DEMO: /m);
  });

  it('never prints a value back: a bad secret or connection string stays out of the logs', () => {
    const secrets = { DATABASE_URL: 'mysql://motcua:hunter2-db@db.tinh.gov.vn/motcua', JWT_SECRET: 'short secret hunter2-jwt', METRICS_TOKEN: 'hunter2' };
    expect(() => loadConfig(secrets)).toThrow(ConfigError);
    try {
      loadConfig(secrets);
    } catch (e) {
      const text = `${(e as ConfigError).message}\n${(e as ConfigError).problems.join('\n')}`;
      expect(text).toMatch(/^ {2}- JWT_SECRET: must be at least 32 characters/m);
      expect(text).not.toMatch(/hunter2/);
    }
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies, and refuses anything else', () => {
    expect(loadConfig({}).http.trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,2001:db8::/32' }).http.trustProxy).toBe('10.0.0.1,2001:db8::/32');
    for (const wrong of ['yes please; all', 'true', 'loopback,', 'proxy.example.vn']) expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrow(/TRUST_PROXY: /);
  });

  it('reads EXTEND_MAX_FACTOR (default 1) and refuses a factor that is not a positive number up to 10', () => {
    expect(loadConfig({}).dossiers.extendMaxFactor).toBe(1);
    expect(loadConfig({ EXTEND_MAX_FACTOR: '1.5' }).dossiers.extendMaxFactor).toBe(1.5);
    for (const wrong of ['0', '-1', 'abc', '11']) expect(() => loadConfig({ EXTEND_MAX_FACTOR: wrong })).toThrow(/EXTEND_MAX_FACTOR: /);
  });

  it('reads EXTENSION_LEAD_WORKING_DAYS (default 1) and refuses anything but a whole number of days from 0', () => {
    expect(loadConfig({}).dossiers.extensionLeadWorkingDays).toBe(1);
    expect(loadConfig({ EXTENSION_LEAD_WORKING_DAYS: '0' }).dossiers.extensionLeadWorkingDays).toBe(0);
    expect(loadConfig({ EXTENSION_LEAD_WORKING_DAYS: '2' }).dossiers.extensionLeadWorkingDays).toBe(2);
    for (const wrong of ['-1', '0.5', 'abc', '31']) expect(() => loadConfig({ EXTENSION_LEAD_WORKING_DAYS: wrong })).toThrow(/EXTENSION_LEAD_WORKING_DAYS: /);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.url).toBeNull();
  });

  it('reads REQUIRE_2FA_ROLES as a list of known roles, none by default', () => {
    expect(loadConfig({}).auth.requireTwoFactorRoles).toEqual([]);
    expect(loadConfig({ REQUIRE_2FA_ROLES: ' admin, supervisor ,admin' }).auth.requireTwoFactorRoles).toEqual(['admin', 'supervisor']);
    expect(() => loadConfig({ REQUIRE_2FA_ROLES: 'admin,boss' })).toThrow(/REQUIRE_2FA_ROLES: must be a comma-separated list of roles/);
  });
});
