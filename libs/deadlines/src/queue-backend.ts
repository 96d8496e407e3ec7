import { Logger } from '@nestjs/common';
import { createPostgresBackend, runMigrations, setDefaultBackendFactory } from 'bullmq';
import { Client } from 'pg';
import type { AppConfig } from '@app/config';

export type QueueConnection = { url: string } | string;

/**
 * Chooses the queue backend before any queue exists: Redis when REDIS_URL is set, otherwise BullMQ's
 * PostgreSQL backend on the product's own database (so the default start needs nothing installed).
 */
export async function prepareQueueBackend(config: AppConfig, databaseUrl: string): Promise<QueueConnection> {
  if (config.redis.url) return { url: config.redis.url };
  setDefaultBackendFactory(createPostgresBackend);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client);
  } finally {
    await client.end();
  }
  new Logger('Queues').log('Queues run on PostgreSQL (no REDIS_URL)');
  return databaseUrl;
}
