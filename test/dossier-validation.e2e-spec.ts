import { type TestApp, startTestApp } from './support/test-app';
import { withoutCultureDay2026 } from './support/ordinary-week';
import { type Dossier, ADMIN, act, as, expectFieldError, expectStatus, followCursor, listAll, receive } from './support/dossier-api';

/** api.md "Dossiers" and the error format: validation of intake payloads, lookups and the list's filters and pagination. */

const KS = '1.001100'; // birth registration, commune
const HKD = '1.001193';

describe('dossier validation, lookup and list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-23T09:00:00+07:00');
    await withoutCultureDay2026(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const good = () => ({
    procedureCode: KS,
    channel: 'direct',
    applicant: { type: 'citizen', fullName: 'Nguyễn Văn A', idNumber: '001090012345', phone: '0912 345 678', email: 'a@example.vn' },
    documents: [{ code: 'TK', name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
  });
  const reception = as('reception', 'mot.cua', 'H12.01.05');
  const post = (body: unknown, headers = reception) => t.http.post('/api/v1/dossiers').set(headers).send(body as object);

  describe('intake validation: 400 validation_failed naming the field, nothing written', () => {
    const cases: [string, (b: Record<string, unknown>) => unknown, string][] = [
      ['missing applicant.fullName', (b) => ({ ...b, applicant: { type: 'citizen', idNumber: '001090012345' } }), 'applicant.fullName'],
      ['empty applicant.fullName', (b) => ({ ...b, applicant: { ...(b.applicant as object), fullName: '' } }), 'applicant.fullName'],
      ['applicant.fullName of the wrong type', (b) => ({ ...b, applicant: { ...(b.applicant as object), fullName: 123 } }), 'applicant.fullName'],
      ['unknown applicant.type', (b) => ({ ...b, applicant: { ...(b.applicant as object), type: 'alien' } }), 'applicant.type'],
      ['bad applicant.idNumber', (b) => ({ ...b, applicant: { ...(b.applicant as object), idNumber: '12' } }), 'applicant.idNumber'],
      ['bad applicant.email', (b) => ({ ...b, applicant: { ...(b.applicant as object), email: 'not-an-email' } }), 'applicant.email'],
      ['unknown field inside applicant', (b) => ({ ...b, applicant: { ...(b.applicant as object), nickname: 'A' } }), 'applicant.nickname'],
      ['applicant missing', (b) => ({ ...b, applicant: undefined }), 'applicant'],
      ['applicant not an object', (b) => ({ ...b, applicant: 'Nguyễn Văn A' }), 'applicant'],
      ['unknown channel', (b) => ({ ...b, channel: 'fax' }), 'channel'],
      ['missing channel', (b) => ({ ...b, channel: undefined }), 'channel'],
      ['missing procedureCode', (b) => ({ ...b, procedureCode: undefined }), 'procedureCode'],
      ['procedureCode of the wrong type', (b) => ({ ...b, procedureCode: 1001100 }), 'procedureCode'],
      ['documents[0].copies = 0', (b) => ({ ...b, documents: [{ code: 'TK', name: 'Tờ khai', copies: 0 }] }), 'documents[0].copies'],
      ['documents[1].copies not an integer', (b) => ({ ...b, documents: [{ code: 'TK', name: 'Tờ khai', copies: 1 }, { code: 'GCS', name: 'Giấy chứng sinh', copies: 'two' }] }), 'documents[1].copies'],
      ['documents[0].name missing', (b) => ({ ...b, documents: [{ code: 'TK', copies: 1 }] }), 'documents[0].name'],
      ['documents not an array', (b) => ({ ...b, documents: { code: 'TK' } }), 'documents'],
      ['an unknown extra field', (b) => ({ ...b, foo: 'bar' }), 'foo'],
      ['receivedAt without an offset', (b) => ({ ...b, receivedAt: '2026-11-23T08:00:00' }), 'receivedAt'],
      ['receivedAt as a date only', (b) => ({ ...b, receivedAt: '2026-11-23' }), 'receivedAt'],
      ['an impossible date', (b) => ({ ...b, receivedAt: '2026-02-30T10:00:00+07:00' }), 'receivedAt'],
      ['an impossible hour', (b) => ({ ...b, receivedAt: '2026-11-20T25:00:00+07:00' }), 'receivedAt'],
      ['unknown procedureCode', (b) => ({ ...b, procedureCode: '9.999999' }), 'procedureCode'],
      ['unknown agencyCode (admin)', (b) => ({ ...b, agencyCode: 'H99.01' }), 'agencyCode'],
    ];

    it.each(cases)('%s', async (_title, mutate, field) => {
      // Admin, so that back-dating and naming an agency are allowed and only the named field is at fault.
      const res = await post(mutate({ ...good(), agencyCode: 'H12.01.05' }), ADMIN);
      expectFieldError(res, field);
      expect(Object.keys(res.body).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
    });

    it('a body that is not JSON → 400 in the error format', async () => {
      const res = await t.http.post('/api/v1/dossiers').set(reception).set('Content-Type', 'application/json').send('{"procedureCode": ');
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ statusCode: 400, error: expect.any(String), message: expect.any(String) });
    });

    it('a reception officer may not receive for another agency (403)', async () => {
      const res = await post({ ...good(), agencyCode: 'H12.02.03' });
      expectStatus(res, 403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
    });

    it('nothing was written: the next good intake is the first of the day', async () => {
      expect(await listAll(t, { agencyCode: 'H12.01.05' })).toHaveLength(0);
      expect(await listAll(t, { agencyCode: 'H12.02.03' })).toHaveLength(0);
      const res = await post(good());
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ code: 'H12.01.05-261123-0001', agencyCode: 'H12.01.05', applicant: good().applicant, documents: good().documents });
      expect(await listAll(t, { agencyCode: 'H12.01.05' })).toHaveLength(1);
    });
  });

  describe('field error codes: each problem carries a stable code and the numbers a translation needs', () => {
    const problems = (res: { body: { details?: unknown } }) => res.body.details as { field: string; code: string; params?: object }[];
    const applicant = (patch: object) => ({ ...good().applicant, ...patch });
    const cases: [string, unknown, object][] = [
      ['empty fullName', { ...good(), applicant: applicant({ fullName: '' }) }, { field: 'applicant.fullName', code: 'required' }],
      ['fullName too long', { ...good(), applicant: applicant({ fullName: 'A'.repeat(201) }) }, { field: 'applicant.fullName', code: 'too_long', params: { max: 200 } }],
      ['unknown channel', { ...good(), channel: 'fax' }, { field: 'channel', code: 'not_allowed_value', params: { allowed: 'direct, online, postal' } }],
      ['unknown field', { ...good(), foo: 'bar' }, { field: 'foo', code: 'unknown_field' }],
      ['applicant not an object', { ...good(), applicant: 'Nguyễn Văn A' }, { field: 'applicant', code: 'not_an_object' }],
      ['zero copies', { ...good(), documents: [{ code: 'TK', name: 'Tờ khai', copies: 0 }] }, { field: 'documents[0].copies', code: 'too_small', params: { min: 1 } }],
      ['copies not a number', { ...good(), documents: [{ code: 'TK', name: 'Tờ khai', copies: 'two' }] }, { field: 'documents[0].copies', code: 'not_an_integer' }],
      ['bad email', { ...good(), applicant: applicant({ email: 'not-an-email' }) }, { field: 'applicant.email', code: 'bad_format', params: { format: 'email' } }],
      ['bad idNumber', { ...good(), applicant: applicant({ idNumber: '12' }) }, { field: 'applicant.idNumber', code: 'bad_format', params: { format: 'id_number' } }],
      ['receivedAt without offset', { ...good(), receivedAt: '2026-11-23T08:00:00' }, { field: 'receivedAt', code: 'bad_date_time' }],
      ['impossible receivedAt', { ...good(), receivedAt: '2026-02-30T10:00:00+07:00' }, { field: 'receivedAt', code: 'bad_date_time' }],
      ['receivedAt in the future', { ...good(), receivedAt: '2026-11-24T09:00:00+07:00' }, { field: 'receivedAt', code: 'in_the_future' }],
      ['unknown procedureCode', { ...good(), procedureCode: '9.999999' }, { field: 'procedureCode', code: 'no_such_reference', params: { kind: 'procedure' } }],
      ['unknown agencyCode', { ...good(), agencyCode: 'H99.01' }, { field: 'agencyCode', code: 'no_such_reference', params: { kind: 'agency' } }],
      // Found by the contract check under the fuzz suite: a nested array passed ValidateNested and was stored.
      ['documents nested in an array', { ...good(), documents: [[{ code: 'GDN', name: 'Giấy đề nghị', copies: 1 }]] }, { field: 'documents', code: 'not_an_object' }],
      ['applicant as an array', { ...good(), applicant: [applicant({})] }, { field: 'applicant', code: 'not_an_object' }],
    ];

    it.each(cases)('%s', async (_title, body, expected) => {
      const res = await post({ agencyCode: 'H12.01.05', ...(body as object) }, ADMIN);
      expectStatus(res, 400);
      expect(problems(res)).toContainEqual({ reason: expect.any(String), ...expected });
    });

    it('the English reason stays beside the code, and params appear only where a message needs numbers', async () => {
      const res = await post({ ...good(), agencyCode: 'H12.01.05', applicant: applicant({ fullName: '' }) }, ADMIN);
      expect(res.body.details).toEqual([{ field: 'applicant.fullName', reason: 'should not be empty', code: 'required' }]);
    });

    it('headers and queries carry codes too', async () => {
      const long = await t.http.post('/api/v1/dossiers').set(reception).set('Idempotency-Key', 'k'.repeat(201)).send(good());
      expectStatus(long, 400);
      expect(problems(long)).toEqual([{ field: 'Idempotency-Key', reason: 'must be at most 200 characters', code: 'too_long', params: { max: 200 } }]);
      const badDate = await t.http.get('/api/v1/dossiers').set(reception).query({ receivedFrom: '2026-02-30' });
      expectStatus(badDate, 400);
      expect(problems(badDate)).toContainEqual(expect.objectContaining({ field: 'receivedFrom', code: 'bad_date' }));
      const limit = await t.http.get('/api/v1/dossiers').set(reception).query({ limit: '0' });
      expectStatus(limit, 400);
      expect(problems(limit)).toContainEqual(expect.objectContaining({ field: 'limit', code: 'too_small', params: { min: 1 } }));
    });
  });

  describe('lookup', () => {
    it('GET by id and by code; unknown id, non-uuid and unknown code → 404 in the error format', async () => {
      const d = await receive(t, { procedureCode: KS, agencyCode: 'H12.01.05', at: '2026-11-23T09:05:00+07:00' });
      const byId = await t.http.get(`/api/v1/dossiers/${d.id}`);
      expectStatus(byId, 200);
      expect(byId.body).toEqual(d);
      const byCode = await t.http.get(`/api/v1/dossiers/by-code/${d.code}`);
      expectStatus(byCode, 200);
      expect(byCode.body).toEqual(d);

      for (const path of [
        '/api/v1/dossiers/not-a-uuid',
        '/api/v1/dossiers/00000000-0000-4000-8000-000000000000',
        '/api/v1/dossiers/by-code/H12.01.05-261123-9999',
        '/api/v1/dossiers/not-a-uuid/events',
        '/api/v1/dossiers/00000000-0000-4000-8000-000000000000/events',
      ]) {
        const res = await t.http.get(path);
        expectStatus(res, 404);
        expect(res.body).toEqual({ statusCode: 404, error: 'not_found', message: expect.any(String) });
      }
    });
  });

  describe('list', () => {
    // Agency H12.02, newest first: D5, D4, D6, D3, D2, D1.
    const ds: Record<string, Dossier> = {};

    beforeAll(async () => {
      const at = (agencyCode: string, procedureCode: string, when: string, fullName: string) =>
        receive(t, { procedureCode, agencyCode, at: when, fullName });
      ds.D1 = await at('H12.02', HKD, '2026-11-16T09:00:00+07:00', 'Trần Thị Bình'); // due Thu 19/11 09:00
      ds.D2 = await at('H12.02', '1.000800', '2026-11-17T10:00:00+07:00', 'Nguyễn Văn An'); // due Tue 1/12 10:00
      ds.D3 = await at('H12.02', HKD, '2026-11-20T16:00:00+07:00', 'Lê Văn Cường'); // due Wed 25/11 16:00
      // Saturday 06:00 local is still Friday 20/11 in UTC.
      ds.D6 = await at('H12.02', HKD, '2026-11-21T06:00:00+07:00', 'Võ Minh Em'); // counts from Mon 07:30: due Wed 25/11 17:00
      ds.D4 = await at('H12.02', '1.000700', '2026-11-23T08:00:00+07:00', 'Phạm Thị Dung'); // due Mon 14/12 08:00
      ds.D5 = await at('H12.02', HKD, '2026-11-23T09:00:00+07:00', 'Nguyễn Thị Hoa');
      for (const hhmm of ['10:00', '10:10', '10:20', '10:30']) {
        await act(t, ds.D5.id, { type: 'FORWARD' }, { at: `2026-11-23T${hhmm}:00+07:00` });
      }
      await act(t, ds.D5.id, { type: 'COMPLETE', resultType: 'approved' }, { at: '2026-11-23T11:00:00+07:00' });
      await act(t, ds.D5.id, { type: 'DELIVER' }, { at: '2026-11-23T11:10:00+07:00' });
      expect(ds.D3.dueAt).toBe('2026-11-25T16:00:00+07:00');
      expect(ds.D6.dueAt).toBe('2026-11-25T17:00:00+07:00');
      expect(ds.D1.dueAt).toBe('2026-11-19T09:00:00+07:00');
      // Now: Wed 25/11 09:00; "due soon" = less than one working day left = due before Thu 26/11 09:00.
      t.clock.set('2026-11-25T09:00:00+07:00');
    });

    const codes = async (query: Record<string, string>) => (await listAll(t, query)).map((d) => d.code);
    const names = (...keys: string[]) => keys.map((k) => ds[k].code);

    it('lists newest first and filters by agencyCode', async () => {
      expect(await codes({ agencyCode: 'H12.02' })).toEqual(names('D5', 'D4', 'D6', 'D3', 'D2', 'D1'));
    });

    it('filters by status and procedureCode', async () => {
      expect(await codes({ agencyCode: 'H12.02', status: 'returned' })).toEqual(names('D5'));
      expect(await codes({ agencyCode: 'H12.02', status: 'processing' })).toEqual(names('D4', 'D6', 'D3', 'D2', 'D1'));
      expect(await codes({ agencyCode: 'H12.02', procedureCode: HKD })).toEqual(names('D5', 'D6', 'D3', 'D1'));
      expect(await codes({ agencyCode: 'H12.02', procedureCode: '1.000800' })).toEqual(names('D2'));
      expect(await codes({ agencyCode: 'H12.02', status: 'withdrawn' })).toEqual([]);
    });

    it('overdue=true lists open dossiers past dueAt; dueSoon=true those with less than one working day left', async () => {
      expect(await codes({ agencyCode: 'H12.02', overdue: 'true' })).toEqual(names('D1'));
      expect(await codes({ agencyCode: 'H12.02', dueSoon: 'true' })).toEqual(names('D6', 'D3'));
      const all = await listAll(t, { agencyCode: 'H12.02' });
      const flags = Object.fromEntries(all.map((d) => [d.code, [d.overdue, d.dueSoon]]));
      expect(flags).toEqual({
        [ds.D1.code]: [true, false],
        [ds.D2.code]: [false, false],
        [ds.D3.code]: [false, true],
        [ds.D4.code]: [false, false],
        [ds.D5.code]: [false, false],
        [ds.D6.code]: [false, true],
      });
      // Once the clock passes D3's and D6's due times they are overdue, no longer due soon.
      t.clock.set('2026-11-25T17:30:00+07:00');
      expect(await codes({ agencyCode: 'H12.02', overdue: 'true' })).toEqual(names('D6', 'D3', 'D1'));
      expect(await codes({ agencyCode: 'H12.02', dueSoon: 'true' })).toEqual([]);
      t.clock.set('2026-11-25T09:00:00+07:00');
    });

    it('receivedFrom/receivedTo are local dates, both inclusive', async () => {
      expect(await codes({ agencyCode: 'H12.02', receivedFrom: '2026-11-17', receivedTo: '2026-11-20' })).toEqual(names('D3', 'D2'));
      expect(await codes({ agencyCode: 'H12.02', receivedFrom: '2026-11-21', receivedTo: '2026-11-21' })).toEqual(names('D6'));
      expect(await codes({ agencyCode: 'H12.02', receivedFrom: '2026-11-23' })).toEqual(names('D5', 'D4'));
      expect(await codes({ agencyCode: 'H12.02', receivedTo: '2026-11-16' })).toEqual(names('D1'));
    });

    it('q matches a code prefix or part of the applicant name', async () => {
      expect(await codes({ q: 'H12.02-261123' })).toEqual(names('D5', 'D4'));
      expect(await codes({ q: ds.D2.code })).toEqual(names('D2'));
      expect(await codes({ q: 'Nguyễn', agencyCode: 'H12.02' })).toEqual(names('D5', 'D2'));
      expect(await codes({ q: 'văn', agencyCode: 'H12.02' })).toEqual(names('D3', 'D2'));
      expect(await codes({ q: '%' })).toEqual([]);
    });

    it('limit + cursor return every dossier exactly once, also across equal receivedAt', async () => {
      // Five more at the very same instant, so the cursor must break ties.
      t.clock.set('2026-11-24T10:00:00+07:00');
      await Promise.all(Array.from({ length: 5 }, (_, i) => receive(t, { procedureCode: KS, agencyCode: 'H12.01.05', fullName: `Cùng giờ ${i}` })));
      t.clock.set('2026-11-25T09:00:00+07:00');

      const everything = await listAll(t, {});
      expect(everything.length).toBeGreaterThanOrEqual(13);
      for (const limit of [1, 2, 3, 5]) {
        const pages = await followCursor((cursor) => t.http.get('/api/v1/dossiers').query({ limit: String(limit), ...(cursor ? { cursor } : {}) }));
        for (const res of pages) expect(res.body.items.length).toBeLessThanOrEqual(limit);
        const seen = pages.flatMap((res) => res.body.items.map((d: Dossier) => d.id));
        expect(seen).toHaveLength(everything.length);
        expect(new Set(seen).size).toBe(everything.length);
        expect(seen).toEqual(everything.map((d) => d.id));
        expect(pages).toHaveLength(Math.ceil(everything.length / limit));
      }
    });

    it('rejects bad filters and a bad cursor with 400 naming the parameter', async () => {
      const get = (query: Record<string, string>) => t.http.get('/api/v1/dossiers').query(query);
      expectFieldError(await get({ cursor: 'garbage' }), 'cursor');
      expectFieldError(await get({ cursor: Buffer.from('["not a time","x"]').toString('base64url') }), 'cursor');
      expectFieldError(await get({ limit: '0' }), 'limit');
      expectFieldError(await get({ limit: '101' }), 'limit');
      expectFieldError(await get({ limit: 'ten' }), 'limit');
      expectFieldError(await get({ status: 'lost' }), 'status');
      expectFieldError(await get({ overdue: 'yes' }), 'overdue');
      expectFieldError(await get({ receivedFrom: '2026-13-01' }), 'receivedFrom');
      expectFieldError(await get({ receivedTo: '23/11/2026' }), 'receivedTo');
      expectFieldError(await get({ foo: 'bar' }), 'foo');
    });
  });
});
