import { type TestApp, startTestApp } from './support/test-app';
import { type Dossier, act, applicant, as, createOfficer, eventsOf, expectStatus, getDossier, listAll, receive, send } from './support/dossier-api';

/**
 * domain.md "Dossier code" (unique, gapless per agency per day under concurrency) and api.md
 * (Idempotency-Key, 409 when a concurrent change won, no lost update).
 */

const HKD = '1.001193';

describe('dossier concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (agencyCode: string, body: Record<string, unknown> = {}, key?: string) => {
    const req = t.http.post('/api/v1/dossiers').set(as('reception', 'mot.cua', agencyCode));
    if (key) req.set('Idempotency-Key', key);
    return req.send({ procedureCode: HKD, channel: 'direct', applicant: applicant(), ...body });
  };
  const seqOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));

  it('20 concurrent intakes for one agency and day get the gapless codes 0001..0020; failed intakes consume no number', async () => {
    t.clock.set('2026-11-23T09:00:00+07:00');
    const good = Array.from({ length: 20 }, (_, i) => post('H12.02.03', { applicant: applicant(`Người nộp ${i + 1}`) }));
    // Interleaved failures: unknown procedure, unknown agency (admin may name one), invalid payload.
    const bad = [
      post('H12.02.03', { procedureCode: '9.999999' }),
      post('H12.02.03', { procedureCode: '9.999998' }),
      t.http.post('/api/v1/dossiers').set(as('admin', 'quan.tri')).send({ procedureCode: HKD, agencyCode: 'H99', channel: 'direct', applicant: applicant() }),
      post('H12.02.03', { channel: 'fax' }),
    ];
    const [goodRes, badRes] = await Promise.all([Promise.all(good), Promise.all(bad)]);
    for (const res of goodRes) expectStatus(res, 201);
    for (const res of badRes) expectStatus(res, 400);

    const codes = goodRes.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) expect(code).toMatch(/^H12\.02\.03-261123-\d{4}$/);
    expect(codes.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(goodRes.map((r) => r.body.id)).size).toBe(20);

    // A failure between two intakes leaves no gap.
    expectStatus(await post('H12.02.03', { procedureCode: '9.999999' }), 400);
    const next = await receive(t, { procedureCode: HKD, agencyCode: 'H12.02.03' });
    expect(next.code).toBe('H12.02.03-261123-0021');

    const stored = await listAll(t, { agencyCode: 'H12.02.03' });
    expect(stored.map((d) => d.code).sort()).toEqual([...codes, next.code].sort());
  });

  it('the sequence is per agency and per local day', async () => {
    t.clock.set('2026-11-23T09:00:00+07:00');
    expect((await receive(t, { procedureCode: HKD, agencyCode: 'H12.02' })).code).toBe('H12.02-261123-0001');
    t.clock.set('2026-11-24T06:59:00+07:00');
    expect((await receive(t, { procedureCode: HKD, agencyCode: 'H12.02.03' })).code).toBe('H12.02.03-261124-0001');
    t.clock.set('2026-11-23T09:00:00+07:00');
  });

  it('Idempotency-Key: a retried intake returns the first dossier; 5 concurrent retries create one dossier', async () => {
    t.clock.set('2026-11-23T10:00:00+07:00');
    const before = await listAll(t, { agencyCode: 'H12.01' });

    const first = await post('H12.01', {}, 'desk-7-20261123-001');
    expectStatus(first, 201);
    const again = await post('H12.01', {}, 'desk-7-20261123-001');
    expect(again.status).toBeLessThan(300);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.code).toBe(first.body.code);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const burst = await Promise.all(Array.from({ length: 5 }, () => post('H12.01', {}, 'desk-7-20261123-002')));
    for (const res of burst) expect(res.status).toBeLessThan(300);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(burst.map((r) => r.body.code)).size).toBe(1);

    const after = await listAll(t, { agencyCode: 'H12.01' });
    expect(after).toHaveLength(before.length + 2);
    expect(after.filter((d) => d.id === burst[0].body.id)).toHaveLength(1);
    // The losers of the race rolled back their number: the next intake continues without a gap.
    const codes = [first.body.code as string, burst[0].body.code as string];
    const next = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01' });
    expect([...codes, next.code].map(seqOf).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    // The same key for a different intake is refused (another officer's details must never come back), and nothing is created.
    const reused = await post('H12.01', { applicant: { type: 'citizen', fullName: 'Trần Thị B', idNumber: '001090099999' } }, 'desk-7-20261123-001');
    expectStatus(reused, 422);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused' });
    expect(reused.body).not.toHaveProperty('id');
    // Another agency's desk with the same key: its own intake (a 422 would reveal the key exists elsewhere).
    const elsewhere = await post('H12.02', {}, 'desk-7-20261123-001');
    expectStatus(elsewhere, 201);
    expect(elsewhere.body.agencyCode).toBe('H12.02');
    expect(await listAll(t, { agencyCode: 'H12.01' })).toHaveLength(before.length + 3);
    // A different key is a different dossier.
    const other = await post('H12.01', {}, 'desk-7-20261123-003');
    expectStatus(other, 201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('20 concurrent FORWARDs with the same expectedVersion: exactly one wins, 19 get 409 concurrent_change', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T09:00:00+07:00' });
    t.clock.set('2026-11-23T09:30:00+07:00');
    const results = await Promise.all(Array.from({ length: 20 }, () => send(t, d.id, { type: 'FORWARD', expectedVersion: d.version })));
    const ok = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    for (const res of conflicts) expect(res.body).toMatchObject({ statusCode: 409, error: 'concurrent_change', message: expect.any(String) });

    const now: Dossier = await getDossier(t, d.id);
    expect(now).toMatchObject({ version: d.version + 1, currentStep: { id: 'appraise' } });
    const events = await eventsOf(t, d.id);
    expect(events.map((e) => e.type)).toEqual(['RECEIVE', 'FORWARD']);

    // A stale expectedVersion is refused, the current one accepted.
    const stale = await send(t, d.id, { type: 'FORWARD', expectedVersion: d.version });
    expectStatus(stale, 409);
    expect(stale.body.error).toBe('concurrent_change');
    await act(t, d.id, { type: 'FORWARD', expectedVersion: now.version });
  });

  it('20 concurrent ASSIGNs without expectedVersion all apply, serially: no lost update', async () => {
    const d = await receive(t, { procedureCode: HKD, agencyCode: 'H12.01', at: '2026-11-23T11:00:00+07:00' });
    // Twenty desk officers of the agency: the first step is the desk's.
    const assignees: string[] = [];
    for (let i = 1; i <= 20; i++) assignees.push(await createOfficer(t, `mc.${String(i).padStart(2, '0')}`, ['reception'], 'H12.01'));
    const results = await Promise.all(assignees.map((assigneeId) => send(t, d.id, { type: 'ASSIGN', assigneeId })));
    for (const res of results) expectStatus(res, 200);
    // Each response saw a distinct version: the updates were serialised.
    expect(new Set(results.map((r) => r.body.version)).size).toBe(20);

    const final = await getDossier(t, d.id);
    expect(final.version).toBe(d.version + 20);
    const events = await eventsOf(t, d.id);
    expect(events).toHaveLength(21);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const assigned = events.slice(1);
    expect(assigned.every((e) => e.type === 'ASSIGN')).toBe(true);
    expect(assigned.map((e) => e.data.assigneeId).sort()).toEqual([...assignees].sort());
    expect(final.currentStep?.assigneeId).toBe(assigned[assigned.length - 1].data.assigneeId);
  });
});
