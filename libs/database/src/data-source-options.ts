import type { ClientBase } from 'pg';
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
    extra: {
      max: poolSize,
      // The pool drops its error listener when it hands a connection over, before TypeORM adds its own: a server that ends
      // the connection in between (failover, pg_terminate_backend) would crash the process with an unhandled 'error'.
      // The failed connection is still discarded: its next query fails and the pool never reuses a broken client.
      onConnect: (client: ClientBase) => void client.on('error', () => undefined),
    },
    // Failed queries are not logged: their parameters may hold applicants' personal data.
    logging: false,
  };
}
