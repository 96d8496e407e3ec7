import { ADMIN, as, eventsOf, expectFieldError, expectStatus, getDossier, receive } from './support/dossier-api';
import { startTestApp, type TestApp } from './support/test-app';

const HKD = '1.001193';
const DESK = as('reception', 'mot.cua', 'H12.01');

/**
 * POST …/events with an Idempotency-Key: a retry of the same event on the same dossier is not sent again (200, the
 * dossier as it is now, `Idempotent-Replayed: true`); the same key with another body is a 422, as for an intake.
 */
describe('Idempotency-Key on dossier events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (id: string, body: Record<string, unknown>, key?: string, headers: Record<string, string> = DESK) => {
    const req = t.http.post(`/api/v1/dossiers/${id}/events`).set(headers);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('a retried FORWARD moves the dossier once and answers the dossier again', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    const first = await post(d.id, { type: 'FORWARD', expectedVersion: d.version }, 'fwd-1');
    expectStatus(first, 200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toMatchObject({ version: 2, currentStep: { id: 'appraise' } });

    // The answer was lost; the desk sends the same request again, its expectedVersion now stale.
    const retry = await post(d.id, { type: 'FORWARD', expectedVersion: d.version }, 'fwd-1');
    expectStatus(retry, 200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD']);

    // Without the key the same body is a new request: the stale version is a 409.
    const unkeyed = await post(d.id, { type: 'FORWARD', expectedVersion: d.version });
    expectStatus(unkeyed, 409);
  });

  it('a replay answers the dossier as it is now, after later events', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    expectStatus(await post(d.id, { type: 'FORWARD' }, 'step-1'), 200);
    const later = await post(d.id, { type: 'FORWARD' }, 'step-2', ADMIN);
    expectStatus(later, 200);
    expect(later.body.currentStep.id).toBe('review');
    const replay = await post(d.id, { type: 'FORWARD' }, 'step-1');
    expectStatus(replay, 200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toMatchObject({ version: 3, currentStep: { id: 'review' } });
    expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD', 'FORWARD']);
  });

  it('the same key with a different body is a 422 and writes nothing; a failed first attempt leaves the key free', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    expectStatus(await post(d.id, { type: 'SUSPEND', reason: 'financial_obligation', note: 'Chờ nộp thuế' }, 'susp-1'), 200);
    for (const body of [
      { type: 'SUSPEND', reason: 'financial_obligation', note: 'Chờ nộp lệ phí' },
      { type: 'SUSPEND', reason: 'other', note: 'Chờ nộp thuế' },
      { type: 'WITHDRAW', note: 'Chờ nộp thuế' },
    ]) {
      const res = await post(d.id, body, 'susp-1');
      expectStatus(res, 422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'idempotency_key_reused', message: expect.stringContaining('different event') });
    }
    expect((await getDossier(t, d.id)).version).toBe(2);

    // A refused request (400) logged nothing: the corrected request may use its key.
    const refused = await post(d.id, { type: 'RESUME', note: 'x'.repeat(2001) }, 'resume-1');
    expectFieldError(refused, 'note');
    const resumed = await post(d.id, { type: 'RESUME', note: 'Đã nộp thuế' }, 'resume-1');
    expectStatus(resumed, 200);
    expect(resumed.headers['idempotent-replayed']).toBeUndefined();
    expect(resumed.body.status).toBe('processing');
  });

  it('a key belongs to one dossier: the same key on another dossier is another event', async () => {
    const a = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    const b = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    expectStatus(await post(a.id, { type: 'FORWARD' }, 'shared-key'), 200);
    const other = await post(b.id, { type: 'FORWARD' }, 'shared-key');
    expectStatus(other, 200);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body).toMatchObject({ id: b.id, currentStep: { id: 'appraise' } });
    // Another agency's officer does not reach the dossier at all, key or not.
    const outside = await post(a.id, { type: 'FORWARD' }, 'shared-key', as('reception', 'mot.cua.h1202', 'H12.02'));
    expectStatus(outside, 404);
  });

  it('identical keyed requests at once make one event; every answer is 200', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(d.id, { type: 'FORWARD' }, 'burst-1')));
    for (const res of answers) expectStatus(res, 200);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    for (const res of answers) expect(res.body).toMatchObject({ version: 2, currentStep: { id: 'appraise' } });
    expect((await eventsOf(t, d.id)).map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD']);
  });

  it('refuses a key over 200 characters; a blank key is no key', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    const long = await post(d.id, { type: 'FORWARD' }, 'k'.repeat(201));
    expectFieldError(long, 'Idempotency-Key');
    expect((await getDossier(t, d.id)).version).toBe(1);
    expectStatus(await post(d.id, { type: 'FORWARD' }, '   ', ADMIN), 200);
    const again = await post(d.id, { type: 'FORWARD' }, '   ', ADMIN);
    expectStatus(again, 200);
    expect(again.body.currentStep.id).toBe('review');
  });
});
