import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@app/config';
import { migrateDatabase, startEmbeddedPostgres } from '@app/database';
import { prepareQueueBackend } from '@app/deadlines';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.database.url ?? (await startEmbeddedPostgres(config.database.embedded)).url;
  await migrateDatabase(databaseUrl);
  const queue = await prepareQueueBackend(config, databaseUrl);
  // An application context: the worker serves no HTTP.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl, queue), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  new Logger('Worker').log('Worker started');
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
