import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { HOLIDAYS_2026, NATIONAL_CALENDAR_DAYS } from '@app/calendar';
import { dataSourceOptions, migrateDatabase } from '@app/database';
import { getDossier, receive } from './support/dossier-api';
import { reconcilerOf } from './support/flag-tally';
import { type TestApp, startTestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { waitFor } from './support/wait-for';

const MIGRATION = 'NationalCalendar20271764700500000';
// The dates the migration brings to running deployments: what the seed did not have before it.
const ADDED = NATIONAL_CALENDAR_DAYS.filter((d) => d.date === '2026-11-24' || d.date.startsWith('2027-'));

interface Row {
  date: string;
  working: boolean;
  note: string | null;
}

const rowsOf = async (db: Client): Promise<Row[]> =>
  (await db.query<Row>(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working, note FROM calendar_day ORDER BY date`)).rows;

/** domain.md "Calendar facts for 2026–2027": 24/11/2026 and the 2027 days off reach new and running deployments. */
describe('the national calendar 2026–2027', () => {
  describe('migrating a database that already has the 2026 seed', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('adds the missing national days, keeps an administrator’s entries for those dates, and tells running processes', async () => {
      // The schema as it was before the migration, with the 2026 seed as it was then and two administrator's entries.
      const options = dataSourceOptions(db.url, 2);
      const before = new DataSource({ ...options, migrations: (options.migrations as { name: string }[]).filter((m) => m.name !== MIGRATION) as never });
      await before.initialize();
      try {
        await before.runMigrations();
        const oldSeed = HOLIDAYS_2026.filter((d) => d.date !== '2026-11-24');
        await before.query(`INSERT INTO calendar_day (date, working, note) SELECT d::date, w, n FROM unnest($1::text[], $2::boolean[], $3::text[]) AS x(d, w, n)`, [
          oldSeed.map((d) => d.date),
          oldSeed.map((d) => d.working),
          oldSeed.map((d) => d.note),
        ]);
        await before.query(`INSERT INTO calendar_day (date, working, note) VALUES ('2026-11-24', false, 'Nghỉ Ngày Văn hóa (quản trị nhập)'), ('2027-02-05', true, 'Trực Tết')`);
      } finally {
        await before.destroy();
      }

      const listener = new Client({ connectionString: db.url });
      await listener.connect();
      const notified: string[] = [];
      listener.on('notification', (n) => notified.push(n.channel));
      await listener.query('LISTEN calendar_changed');
      try {
        await migrateDatabase(db.url);
        await waitFor(async () => notified.includes('calendar_changed'), 5_000, 'the calendar_changed notification');
      } finally {
        await listener.end();
      }

      const check = new Client({ connectionString: db.url });
      await check.connect();
      try {
        const rows = await rowsOf(check);
        const admin = [
          { date: '2026-11-24', working: false, note: 'Nghỉ Ngày Văn hóa (quản trị nhập)' },
          { date: '2027-02-05', working: true, note: 'Trực Tết' },
        ];
        const expected = NATIONAL_CALENDAR_DAYS.map(({ date, working, note }) => admin.find((a) => a.date === date) ?? { date, working, note });
        expect(rows).toEqual(expected);
        expect(ADDED.map((d) => d.date)).toEqual(['2026-11-24', '2027-01-01', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03', '2027-11-24']);
        const { rows: [{ n }] } = await check.query(`SELECT count(*)::int AS n FROM typeorm_migration WHERE name = $1`, [MIGRATION]);
        expect(n).toBe(1);

        // Runs once: a second start changes nothing, even after an administrator removed one of its days.
        await check.query(`DELETE FROM calendar_day WHERE date = '2027-11-24'`);
        await migrateDatabase(db.url);
        expect((await rowsOf(check)).map((r) => r.date)).not.toContain('2027-11-24');
      } finally {
        await check.end();
      }
    });
  });

  describe('through the API', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('2027-01-25T09:00:00+07:00');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives a dossier received Monday 25/1/2027 09:00 with 10 working days the appointment Monday 15/2/2027 09:00, after Tết', async () => {
      const lltp = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.10' });
      expect(lltp.dueAt).toBe('2027-02-15T09:00:00+07:00');
      const days = await t.http.get('/api/v1/calendar/days').query({ from: '2027-02-03', to: '2027-02-11' }).expect(200);
      expect(days.body.items.map((d: Row) => d.working)).toEqual([true, false, false, false, false, false, false, false, true]);
      expect(days.body.items[1]).toEqual({ date: '2027-02-04', working: false, note: 'Tết Nguyên đán Đinh Mùi' });
    });

    it('moves an open dossier’s appointment: the migration requests the recomputation and the reconciliation runs it', async () => {
      // A running deployment before the migration: without those rows the same dossier was due during Tết.
      const dataSource = t.app.get(DataSource);
      await dataSource.query(`DELETE FROM calendar_day WHERE date = ANY($1::date[])`, [ADDED.map((d) => d.date)]);
      await dataSource.query(`DELETE FROM typeorm_migration WHERE name = $1`, [MIGRATION]);
      await dataSource.query(`SELECT pg_notify('calendar_changed', '')`);
      const workingOn = async (date: string) => ((await t.http.get('/api/v1/calendar/days').query({ from: date, to: date }).expect(200)).body.items[0] as Row).working;
      await waitFor(async () => (await workingOn('2027-02-08')) === true, 5_000, 'the calendar without 2027');
      const dossier = await receive(t, { procedureCode: '1.000600', agencyCode: 'H12.10', at: '2027-01-25T09:00:00+07:00', fullName: 'Trần Văn C' });
      expect(dossier.dueAt).toBe('2027-02-08T09:00:00+07:00');

      await migrateDatabase(t.databaseUrl);
      await waitFor(async () => (await workingOn('2027-02-08')) === false, 5_000, 'the migrated calendar');
      // The migration requests the recomputation; the workers' reconciliation runs it.
      expect((await getDossier(t, dossier.id)).dueAt).toBe('2027-02-08T09:00:00+07:00');
      const swept = await reconcilerOf(t).reconcile();
      expect(swept.recomputed).toBe(1);
      expect((await getDossier(t, dossier.id)).dueAt).toBe('2027-02-15T09:00:00+07:00');
      expect((await reconcilerOf(t).reconcile()).recomputed).toBe(0);
    });
  });
});
