import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any fixed number works; it only has to be the same in every process of this product.
const MIGRATION_LOCK = 7_150_001;

/** Runs pending migrations under an advisory lock, so several processes starting together migrate once. */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Migrates the database at url before any app module starts (start-up hooks may already query it). */
export async function migrateDatabase(url: string): Promise<void> {
  // Two connections: one holds the advisory lock while the other migrates.
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
