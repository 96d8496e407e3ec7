import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** One place for how we talk to PostgreSQL; schema changes happen only through MIGRATIONS. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    extra: { max: poolSize },
    // Failed queries are not logged: their parameters may hold applicants' personal data.
    logging: false,
  };
}
