import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type TestApp, startTestApp } from './support/test-app';

describe('database schema', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never lets TypeORM change the schema by itself', () => {
    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrationsRun).toBe(false);
  });

  it('has migrations that produce exactly what the entities describe', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the event log append-only', async () => {
    const res = await t.http
      .post('/api/v1/dossiers')
      .send({ procedureCode: '1.001193', agencyCode: 'H12.01', channel: 'direct', applicant: { type: 'citizen', fullName: 'Lê Thị B', idNumber: '001190000001' } })
      .expect(201);
    await expect(dataSource.query(`UPDATE dossier_event SET note = 'x' WHERE dossier_id = $1`, [res.body.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM dossier_event WHERE dossier_id = $1', [res.body.id])).rejects.toThrow(/append-only/);
    // Nor by cascade: a dossier with history cannot be deleted, and the log cannot be emptied at once.
    await expect(dataSource.query('DELETE FROM dossier WHERE id = $1', [res.body.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE dossier_event')).rejects.toThrow(/append-only/);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1', [res.body.id]);
    expect(n).toBe(1);
  });
});
