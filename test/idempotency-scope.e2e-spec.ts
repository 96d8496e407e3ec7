import { applicant, as, expectStatus } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

const HKD = '1.001193';

/** An Idempotency-Key belongs to the desk that sent it: another agency's desk neither replays it nor learns that it exists. */
describe('Idempotency-Key scoped to the agency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (agencyCode: string, fullName: string, key: string) =>
    t.http.post('/api/v1/dossiers').set(as('reception', `mot.cua.${agencyCode}`, agencyCode)).set('Idempotency-Key', key).send({ procedureCode: HKD, channel: 'direct', applicant: applicant(fullName) });

  it('the same key at two agencies makes two dossiers; within one agency it replays, or answers 422 for another intake', async () => {
    const first = await post('H12.01', 'Nguyễn Văn A', 'desk-0001');
    expectStatus(first, 201);
    // Another province desk happens to use the same key for another applicant: its own dossier, not a 422.
    const other = await post('H12.02', 'Trần Thị B', 'desk-0001');
    expectStatus(other, 201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body).toMatchObject({ agencyCode: 'H12.02', applicant: { fullName: 'Trần Thị B' } });
    expect(other.body.id).not.toBe(first.body.id);
    // Within the first agency the key still does its job.
    const retry = await post('H12.01', 'Nguyễn Văn A', 'desk-0001');
    expectStatus(retry, 201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const reused = await post('H12.01', 'Lê Văn C', 'desk-0001');
    expectStatus(reused, 422);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused' });
  });
});
