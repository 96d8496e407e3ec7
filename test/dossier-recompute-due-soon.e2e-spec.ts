import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ADMIN, act, expectStatus, receive } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';

describe('calendar change and an extended appointment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves the due-soon time even when dueAt and the step deadline stay (found by check:consistency)', async () => {
    const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
    expect(d.dueAt).toBe('2026-11-26T09:00:00+07:00');
    // At most the processing time (3 working days) past dueAt: Tuesday 1/12 09:00.
    await act(t, d.id, { type: 'EXTEND', extendedDueAt: '2026-12-01T09:00:00+07:00', reason: 'Cần xác minh thêm' }, { at: '2026-11-24T09:00:00+07:00' });
    const db = t.app.get<DataSource>(getDataSourceToken());
    const dueSoonAt = (): Promise<{ due_soon_at: Date }[]> => db.query('SELECT due_soon_at FROM dossier WHERE id = $1', [d.id]);
    // One working day before the extended appointment.
    expect((await dueSoonAt())[0].due_soon_at.toISOString()).toBe(new Date('2026-11-30T09:00:00+07:00').toISOString());

    const holiday = await t.http.put('/api/v1/calendar/days/2026-11-30').set(ADMIN).send({ working: false, note: 'Nghỉ đột xuất' });
    expectStatus(holiday, 200);
    expect(holiday.body.recomputedDossiers).toBe(1);
    expect((await dueSoonAt())[0].due_soon_at.toISOString()).toBe(new Date('2026-11-27T09:00:00+07:00').toISOString());
  });
});
