import type { PoolClient } from 'pg';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase } from './support/test-database';

/**
 * Regression: the pool removes its error listener when it hands a connection over, and TypeORM adds its own a moment
 * later. A connection the server ended in between (pg_terminate_backend, a failover) emitted an unhandled 'error' and
 * killed the worker process. Here a connection is held in exactly that window while the server ends it.
 */
describe('a database connection ended by the server', () => {
  it('does not crash the process, and the pool goes on with a new connection', async () => {
    const db = await createTestDatabase();
    const dataSource = new DataSource({ ...dataSourceOptions(db.url, 2), entities: [] });
    await dataSource.initialize();
    const pool = (dataSource.driver as PostgresDriver).master as { connect(): Promise<PoolClient> };
    try {
      const client = await pool.connect();
      const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
      const ended = new Promise((resolve) => client.once('end', resolve));
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      // Without a listener the server's error would have been thrown out of the socket handler by now.
      await ended;
      client.release(new Error('terminated'));
      expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
