import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DeadlineReconciler } from '@app/deadlines';
import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { pause, waitFor } from './support/wait-for';

const HOUSEHOLD_BUSINESS = '1.001193'; // 3 working days, restart policy, steps: receive 4 h, appraise 12 h, …
const applicant = { type: 'citizen', fullName: 'Trần Văn C', idNumber: '001090099999' };

async function flagEvents(db: DataSource, dossierId: string): Promise<string[]> {
  const rows: { type: string }[] = await db.query(
    `SELECT type FROM dossier_event WHERE dossier_id = $1 AND type IN ('DUE_SOON', 'OVERDUE', 'STEP_OVERDUE') ORDER BY seq`,
    [dossierId],
  );
  return rows.map((r) => r.type);
}

describe.each(['redis', 'postgres'] as const)('deadline timers on the %s queue backend', (queueBackend) => {
  let t: TestApp;
  let db: DataSource;
  let reconciler: DeadlineReconciler;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: true, queueBackend, now: '2026-11-23T09:00:00+07:00' });
    await withoutCultureDay2026(t);
    db = t.app.get<DataSource>(getDataSourceToken());
    reconciler = t.app.get(DeadlineReconciler);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function intake(): Promise<{ id: string; dueAt: string; currentStep: { dueAt: string } }> {
    t.clock.set('2026-11-23T09:00:00+07:00');
    const res = await t.http.post('/api/v1/dossiers').send({ procedureCode: HOUSEHOLD_BUSINESS, agencyCode: 'H12.01', channel: 'direct', applicant }).expect(201);
    return res.body;
  }

  it('flags a passed deadline exactly once, with one event each, and shows it', async () => {
    const d = await intake();
    expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
    // Real time runs from just before the due time; the reconciliation arms the jobs that are now near.
    t.clock.run(new Date(new Date(d.dueAt).getTime() - 700));
    await reconciler.reconcile();
    // Due soon and the first step's deadline have long passed: flagged at once; the overdue job fires ~0.7 s later.
    await waitFor(async () => (await flagEvents(db, d.id)).includes('OVERDUE'), 10_000, 'the OVERDUE flag');
    expect(await flagEvents(db, d.id)).toEqual(expect.arrayContaining(['DUE_SOON', 'STEP_OVERDUE', 'OVERDUE']));
    // Running everything again changes nothing.
    await reconciler.reconcile();
    await pause(300);
    expect((await flagEvents(db, d.id)).sort()).toEqual(['DUE_SOON', 'OVERDUE', 'STEP_OVERDUE']);
    const view = (await t.http.get(`/api/v1/dossiers/${d.id}`).expect(200)).body;
    expect(view.overdue).toBe(true);
    expect(view.overdueFlaggedAt).not.toBeNull();
    const events = (await t.http.get(`/api/v1/dossiers/${d.id}/events`).expect(200)).body.items;
    const overdue = events.find((e: { type: string }) => e.type === 'OVERDUE');
    expect(overdue.actor).toEqual({ id: 'system', username: 'system' });
    expect(overdue.data.deadline).toBe(new Date(d.dueAt).toISOString());
    const list = (await t.http.get('/api/v1/dossiers?overdue=true&agencyCode=H12.01').expect(200)).body.items;
    expect(list.map((x: { id: string }) => x.id)).toContain(d.id);
  });

  it('fires no flag for a deadline that a suspension moved', async () => {
    const d = await intake();
    t.clock.set('2026-11-25T09:00:00+07:00');
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'SUSPEND', reason: 'financial_obligation' }).expect(200);
    // The old due time passes while suspended: the clock is stopped, nothing is flagged.
    t.clock.run('2026-11-26T09:00:01+07:00');
    await reconciler.reconcile();
    await pause(300);
    expect(await flagEvents(db, d.id)).not.toContain('OVERDUE');
    // Resumed a working day later: the due time moved by exactly that, and is not overdue just after the old one.
    t.clock.set('2026-11-26T09:00:00+07:00');
    const resumed = (await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'RESUME' }).expect(200)).body;
    expect(resumed.dueAt).toBe('2026-11-27T09:00:00+07:00');
    t.clock.run('2026-11-26T09:00:01+07:00');
    await reconciler.reconcile();
    await pause(300);
    expect(await flagEvents(db, d.id)).not.toContain('OVERDUE');
  });

  it('clears an overdue flag that a restarting supplement made untrue, and flags the new deadline once', async () => {
    const d = await intake();
    t.clock.run(new Date(new Date(d.dueAt).getTime() + 1000));
    await reconciler.reconcile();
    await waitFor(async () => (await flagEvents(db, d.id)).includes('OVERDUE'), 10_000, 'the first OVERDUE flag');
    t.clock.set('2026-11-27T09:00:00+07:00');
    await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ', missingItems: ['Bản sao CCCD'] }).expect(200);
    t.clock.set('2026-11-30T09:00:00+07:00');
    const restarted = (await t.http.post(`/api/v1/dossiers/${d.id}/events`).send({ type: 'SUPPLEMENT_RECEIVED' }).expect(200)).body;
    expect(restarted.dueAt).toBe('2026-12-03T09:00:00+07:00');
    expect(restarted.overdue).toBe(false);
    expect(restarted.overdueFlaggedAt).toBeNull();
    t.clock.run(new Date(new Date(restarted.dueAt).getTime() - 500));
    await reconciler.reconcile();
    await waitFor(async () => (await flagEvents(db, d.id)).filter((x) => x === 'OVERDUE').length === 2, 10_000, 'the second OVERDUE flag');
    await reconciler.reconcile();
    await pause(300);
    expect((await flagEvents(db, d.id)).filter((x) => x === 'OVERDUE')).toHaveLength(2);
  });

  it('moves the due-soon reminder with an extension but keeps the overdue deadline', async () => {
    const d = await intake();
    t.clock.set('2026-11-25T08:00:00+07:00');
    const extended = (await t.http
      .post(`/api/v1/dossiers/${d.id}/events`)
      // The latest it may be (3 working days past 26/11 09:00): its due-soon moment stays after every time this test runs to.
      .send({ type: 'EXTEND', extendedDueAt: '2026-12-01T09:00:00+07:00', reason: 'Chờ ý kiến cơ quan phối hợp' })
      .expect(200)).body;
    expect(extended.dueSoon).toBe(false);
    // Past the old due-soon moment (one working day before 26/11 09:00): no reminder, the extended date governs it.
    t.clock.run('2026-11-25T10:00:00+07:00');
    await reconciler.reconcile();
    await pause(300);
    expect(await flagEvents(db, d.id)).not.toContain('DUE_SOON');
    // The statistics' due time is unchanged: it still turns overdue at 26/11 09:00.
    t.clock.run('2026-11-26T09:00:01+07:00');
    await reconciler.reconcile();
    await waitFor(async () => (await flagEvents(db, d.id)).includes('OVERDUE'), 10_000, 'the OVERDUE flag');
    expect(await flagEvents(db, d.id)).not.toContain('DUE_SOON');
  });
});
