import { Client } from 'pg';
import { type TestApp, startTestApp } from './support/test-app';
import { act, as, eventsOf, expectFieldError, expectStatus, receive, send } from './support/dossier-api';
import { waitFor } from './support/wait-for';

/**
 * An event without occurredAt happens when it is applied. Found by test/reliability/concurrency: a request that waited
 * for the dossier's row lock while another change committed was dated when it arrived, before that change, and was
 * refused with 400 "occurredAt: must not be earlier than the dossier's last transition", a field it never sent.
 */
describe('the time of an event', () => {
  let t: TestApp;
  let db: Client;
  const DESK = as('reception', 'mot.cua', 'H12.01');
  const SPECIALIST = as('specialist', 'chuyen.vien', 'H12.01');

  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('is read once the row is locked: a change that committed during the wait is earlier, and the event is accepted', async () => {
    const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-11-23T09:00:00+07:00' });
    await db.query('BEGIN');
    await db.query('SELECT 1 FROM dossier WHERE id = $1 FOR UPDATE', [d.id]);
    t.clock.set('2026-11-23T09:10:00+07:00');
    const forward = send(t, d.id, { type: 'FORWARD' }, { headers: DESK });
    await waitFor(async () => {
      const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows.length > 0;
    });
    // Meanwhile another API process changed the dossier at 09:20 (its last transition), and commits.
    await db.query(`UPDATE dossier SET last_transition_at = '2026-11-23T09:20:00+07:00' WHERE id = $1`, [d.id]);
    t.clock.set('2026-11-23T09:25:00+07:00');
    await db.query('COMMIT');

    const res = await forward;
    expectStatus(res, 200);
    const events = await eventsOf(t, d.id);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['RECEIVE', '2026-11-23T09:00:00+07:00'],
      ['FORWARD', '2026-11-23T09:25:00+07:00'],
    ]);
  });

  it('is never before the last transition, whose process clock may have been a little ahead', async () => {
    const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', at: '2026-11-23T10:00:00+07:00' });
    await act(t, d.id, { type: 'FORWARD' }, { headers: DESK, at: '2026-11-23T10:00:02+07:00' });
    t.clock.set('2026-11-23T10:00:01+07:00');
    const res = await send(t, d.id, { type: 'FORWARD' }, { headers: SPECIALIST });
    expectStatus(res, 200);
    expect((await eventsOf(t, d.id)).map((e) => e.at)).toEqual(['2026-11-23T10:00:00+07:00', '2026-11-23T10:00:02+07:00', '2026-11-23T10:00:02+07:00']);
    // A back-dated event is still refused before the last transition.
    const backDated = await send(t, d.id, { type: 'FORWARD', occurredAt: '2026-11-23T10:00:01+07:00' });
    expectFieldError(backDated, 'occurredAt');
    expect((await eventsOf(t, d.id)).length).toBe(3);
  });
});
