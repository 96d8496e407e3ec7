import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '@app/config';
import { runMigrations, startEmbeddedPostgres } from '@app/database';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const url = config.database.url ?? (await startEmbeddedPostgres(config.database.embedded)).url;
  // An application context: the worker serves no HTTP.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, url), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await runMigrations(app.get<DataSource>(getDataSourceToken()));
  new Logger('Worker').log('Worker started');
}

bootstrap().catch((e: unknown) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `Start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
