import { type TestApp, startTestApp } from './support/test-app';
import { type Dossier, act, as, expectFieldError, expectStatus, followCursor, receive } from './support/dossier-api';

/**
 * The officers' work queue ("Công việc của tôi"): GET /api/v1/dossiers?stepRole=&assignee=&sort=stepDueAt.
 * Procedure 1.001193 (receive·reception 4 h → appraise·specialist 12 h → review·leader 4 h → record·clerk 1.5 h →
 * deliver·reception 1 h, working hours). Office hours 07:30–11:30, 13:30–17:00; November 2026 has no holiday; 23/11 is a Monday.
 */

const SPECIALIST = as('specialist', 'tran.chuyen.vien', 'H12.01');
const queue = (t: TestApp, headers: Record<string, string>, query: Record<string, string>) =>
  t.http.get('/api/v1/dossiers').set(headers).query({ sort: 'stepDueAt', limit: '100', ...query });
const codes = (items: Dossier[]) => items.map((d) => d.code);

describe('the work queue: dossiers waiting for a role, by step deadline', () => {
  let t: TestApp;
  const d: Record<string, Dossier> = {};
  const forward = async (key: string, times: number, at: string) => {
    for (let i = 0; i < times; i++) d[key] = await act(t, d[key].id, { type: 'FORWARD' }, { at });
  };

  beforeAll(async () => {
    t = await startTestApp('2026-11-16T08:00:00+07:00');
    const intake = async (key: string, at: string, agencyCode = 'H12.01') => {
      const headers = as('reception', agencyCode === 'H12.01' ? 'mot.cua' : 'mc.yen.phong', agencyCode);
      d[key] = await receive(t, { procedureCode: '1.001193', agencyCode, at, fullName: `Người nộp ${key}`, headers });
    };
    // A week old and still at the specialist's: its step was due Tuesday 17/11 14:30.
    await intake('B0', '2026-11-16T08:00:00+07:00');
    await forward('B0', 1, '2026-11-16T08:00:00+07:00');
    for (const key of ['A', 'B1', 'B2', 'B3', 'G', 'C', 'D', 'R', 'E', 'H', 'W', 'F', 'T1', 'T2', 'T3', 'T4']) {
      await intake(key, '2026-11-23T07:30:00+07:00');
    }
    await intake('X', '2026-11-23T07:30:00+07:00', 'H12.02');
    // G: at the specialist's from 08:00 (due Tue 14:30), suspended: still the specialist's to resume.
    await forward('G', 1, '2026-11-23T08:00:00+07:00');
    d.G = await act(t, d.G.id, { type: 'SUSPEND', reason: 'other' }, { at: '2026-11-23T08:10:00+07:00' });
    t.clock.set('2026-11-23T08:30:00+07:00');
    await forward('B2', 1, '2026-11-23T08:30:00+07:00');
    await forward('C', 2, '2026-11-23T08:30:00+07:00'); // review (leader), due Mon 14:30
    await forward('D', 3, '2026-11-23T08:30:00+07:00'); // record (clerk)
    await forward('R', 4, '2026-11-23T08:30:00+07:00'); // deliver (reception), due 09:30
    await forward('E', 4, '2026-11-23T08:30:00+07:00');
    d.E = await act(t, d.E.id, { type: 'COMPLETE', resultType: 'approved' }); // result ready: the desk hands it back
    await forward('H', 4, '2026-11-23T08:30:00+07:00');
    d.H = await act(t, d.H.id, { type: 'COMPLETE', resultType: 'approved' });
    d.H = await act(t, d.H.id, { type: 'DELIVER' }); // returned: nobody's work
    d.W = await act(t, d.W.id, { type: 'WITHDRAW' });
    await forward('F', 1, '2026-11-23T08:30:00+07:00');
    d.F = await act(t, d.F.id, { type: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy tờ', missingItems: ['Bản sao CCCD'] }); // at the desk
    await forward('X', 1, '2026-11-23T08:30:00+07:00'); // another commune's specialist work
    await forward('B1', 1, '2026-11-23T09:00:00+07:00');
    await forward('B3', 1, '2026-11-23T10:00:00+07:00');
    for (const key of ['T1', 'T2', 'T3', 'T4']) await forward(key, 1, '2026-11-23T10:30:00+07:00'); // same step deadline
    t.clock.set('2026-11-23T11:00:00+07:00');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Equal step deadlines are ordered by id, as the keyset is (stepDueAt, id). */
  const tied = () => ['T1', 'T2', 'T3', 'T4'].map((k) => d[k]).sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => x.code);

  it("lists the specialist's queue: running or suspended at a specialist step, own agency only, soonest step deadline first", async () => {
    const res = await queue(t, SPECIALIST, { stepRole: 'specialist' });
    expectStatus(res, 200);
    expect(codes(res.body.items)).toEqual([d.B0.code, d.G.code, d.B2.code, d.B1.code, d.B3.code, ...tied()]);
    expect(res.body.nextCursor).toBeNull();
    const other = await queue(t, as('specialist', 'cv.yen.phong', 'H12.02'), { stepRole: 'specialist' });
    expect(codes(other.body.items)).toEqual([d.X.code]);
  });

  it("lists reception's queue: its steps and the desk work (supplements, results to hand back), dossiers without a step deadline last", async () => {
    const res = await queue(t, as('reception', 'le.tiep.nhan', 'H12.01'), { stepRole: 'reception' });
    expectStatus(res, 200);
    // R's deliver step is due 09:30, A's receive step 11:30, F waits for a supplement (appraise was due Tue 11:30), E has none.
    expect(codes(res.body.items)).toEqual([d.R.code, d.A.code, d.F.code, d.E.code]);
  });

  it('lists one role per step and merges several roles by deadline', async () => {
    const leader = await queue(t, as('leader', 'pham.lanh.dao', 'H12.01'), { stepRole: 'leader' });
    expect(codes(leader.body.items)).toEqual([d.C.code]);
    const clerk = await queue(t, as('clerk', 'vo.van.thu', 'H12.01'), { stepRole: 'clerk' });
    expect(codes(clerk.body.items)).toEqual([d.D.code]);
    const both = await queue(t, as('specialist,leader', 'hai.vai', 'H12.01'), { stepRole: 'specialist,leader' });
    expect(codes(both.body.items)).toEqual([d.B0.code, d.C.code, d.G.code, d.B2.code, d.B1.code, d.B3.code, ...tied()]);
  });

  it('tells each running step its working time left, negative when overdue, from the server clock', async () => {
    const res = await queue(t, SPECIALIST, { stepRole: 'specialist' });
    const [b0, g] = res.body.items as (Dossier & { currentStep: { overdue: boolean; workingMinutesLeft: number | null } })[];
    // Due Tue 17/11 14:30, now Mon 23/11 11:00: 2.5 h + 3 days × 7.5 h + 3.5 h = 28.5 working hours late.
    expect(b0.currentStep).toMatchObject({ id: 'appraise', dueAt: '2026-11-17T14:30:00+07:00', overdue: true, workingMinutesLeft: -1710 });
    // A suspended step's clock is stopped: no time left to count down.
    expect(g.currentStep).toMatchObject({ overdue: false, workingMinutesLeft: null });
    const reception = await queue(t, as('reception', 'le.tiep.nhan', 'H12.01'), { stepRole: 'reception' });
    const a = (reception.body.items as Dossier[]).find((x) => x.code === d.A.code) as Dossier & { currentStep: object };
    expect(a.currentStep).toMatchObject({ id: 'receive', dueAt: '2026-11-23T11:30:00+07:00', overdue: false, workingMinutesLeft: 30 });
  });

  it('pages through the queue with the keyset cursor: the same rows in the same order, none twice, across tied deadlines', async () => {
    const all = codes((await queue(t, SPECIALIST, { stepRole: 'specialist' })).body.items);
    const pages = await followCursor((cursor) => queue(t, SPECIALIST, { stepRole: 'specialist', limit: '2', ...(cursor ? { cursor } : {}) }), 10);
    expect(pages.map((p) => p.body.items.length)).toEqual(pages.map((_, i) => Math.min(2, all.length - 2 * i)));
    expect(pages.flatMap((p) => codes(p.body.items))).toEqual(all);
    // The reception queue ends with a dossier without a step deadline: paging across it must still end.
    const desk = as('reception', 'le.tiep.nhan', 'H12.01');
    const deskAll = codes((await queue(t, desk, { stepRole: 'reception' })).body.items);
    const deskPages = await followCursor((cursor) => queue(t, desk, { stepRole: 'reception', limit: '1', ...(cursor ? { cursor } : {}) }), 10);
    expect(deskPages.flatMap((p) => codes(p.body.items))).toEqual(deskAll);
  });

  it('sort=dueAt lists the overdue dossiers most overdue first (the supervisor\'s overdue list), paging by (dueAt, id)', async () => {
    const admin = as('admin', 'quan.tri');
    const all = await t.http.get('/api/v1/dossiers').set(admin).query({ overdue: 'true', sort: 'dueAt', limit: '100' });
    expectStatus(all, 200);
    // B0 was received a week earlier than the others, so its appointment passed first.
    expect(all.body.items[0].code).toBe(d.B0.code);
    const dues = all.body.items.map((x: Dossier) => new Date(x.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const overduePages = await followCursor(
      (cursor) => t.http.get('/api/v1/dossiers').set(admin).query({ overdue: 'true', sort: 'dueAt', limit: '1', ...(cursor ? { cursor } : {}) }),
      20,
    );
    expect(overduePages.flatMap((p) => codes(p.body.items))).toEqual(codes(all.body.items));
    // Every dossier by appointment, two at a time: the same order as one page, and its cursor is refused by the other orders.
    const byDue = await t.http.get('/api/v1/dossiers').set(admin).query({ sort: 'dueAt', limit: '100' });
    const pairs = await followCursor((cursor) => t.http.get('/api/v1/dossiers').set(admin).query({ sort: 'dueAt', limit: '2', ...(cursor ? { cursor } : {}) }), 20);
    expectFieldError(await queue(t, admin, { cursor: pairs[0].body.nextCursor }), 'cursor');
    const paired = pairs.flatMap((p) => codes(p.body.items));
    expect(paired).toEqual(codes(byDue.body.items));
    expect(paired.length).toBeGreaterThan(10);
  });

  it('refuses a cursor of the other sort order rather than skipping rows', async () => {
    const newest = await t.http.get('/api/v1/dossiers').set(SPECIALIST).query({ limit: '1' });
    expectStatus(newest, 200);
    expectFieldError(await queue(t, SPECIALIST, { stepRole: 'specialist', cursor: newest.body.nextCursor }), 'cursor');
    const byDue = await queue(t, SPECIALIST, { stepRole: 'specialist', limit: '1' });
    expectFieldError(await t.http.get('/api/v1/dossiers').set(SPECIALIST).query({ cursor: byDue.body.nextCursor }), 'cursor');
  });

  it('filters on the assignee: assigned to me, or to nobody', async () => {
    const officers = await t.http.get('/api/v1/users/officers').set(SPECIALIST);
    expectStatus(officers, 200);
    const me = (officers.body.items as { id: string; username: string }[]).find((u) => u.username === 'tran.chuyen.vien');
    expect(me).toBeDefined();
    await act(t, d.B1.id, { type: 'ASSIGN', assigneeId: me!.id }, { headers: SPECIALIST });
    const mine = await queue(t, SPECIALIST, { stepRole: 'specialist', assignee: 'me' });
    expect(codes(mine.body.items)).toEqual([d.B1.code]);
    expect(mine.body.items[0].currentStep.assigneeId).toBe(me!.id);
    const unassigned = await queue(t, SPECIALIST, { stepRole: 'specialist', assignee: 'none' });
    expect(codes(unassigned.body.items)).toEqual([d.B0.code, d.G.code, d.B2.code, d.B3.code, ...tied()]);
    // Someone else's "me" is someone else.
    const other = await queue(t, as('specialist', 'cv.khac', 'H12.01'), { stepRole: 'specialist', assignee: 'me' });
    expect(other.body.items).toEqual([]);
  });

  it('keeps the default order (newest received first) and combines the queue with the other filters', async () => {
    const res = await t.http.get('/api/v1/dossiers').set(SPECIALIST).query({ stepRole: 'specialist', q: 'Người nộp B', limit: '100' });
    expectStatus(res, 200);
    // All received at 07:30 on 23/11 except B0 (16/11): B0 last; the rest by id descending.
    const items = res.body.items as Dossier[];
    expect(items.map((x) => x.code).sort()).toEqual([d.B0.code, d.B1.code, d.B2.code, d.B3.code].sort());
    expect(items[items.length - 1].code).toBe(d.B0.code);
  });

  it('validates the new parameters', async () => {
    expectFieldError(await queue(t, SPECIALIST, { stepRole: 'admin' }), 'stepRole');
    expectFieldError(await queue(t, SPECIALIST, { stepRole: 'specialist,nobody' }), 'stepRole');
    expectFieldError(await queue(t, SPECIALIST, { assignee: 'someone' }), 'assignee');
    expectFieldError(await queue(t, SPECIALIST, { sort: 'deadline' }), 'sort');
  });

  it('lists the officers of the caller\'s own agency for assignment, without account secrets', async () => {
    const res = await t.http.get('/api/v1/users/officers').set(as('leader', 'pham.lanh.dao', 'H12.01'));
    expectStatus(res, 200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(['reception', 'specialist', 'leader', 'clerk', 'tran.chuyen.vien']));
    expect(items.map((u) => u.username)).not.toContain('cv.yen.phong'); // H12.02
    for (const u of items) expect(Object.keys(u).sort()).toEqual(['fullName', 'id', 'roles', 'username']);
    const elsewhere = await t.http.get('/api/v1/users/officers').set(as('specialist', 'cv.yen.phong', 'H12.02'));
    expect((elsewhere.body.items as { username: string }[]).map((u) => u.username).sort()).toEqual([
      'cv.yen.phong',
      'kinhbac.chuyenvien', // the demo accounts of phường Kinh Bắc
      'kinhbac.lanhdao',
      'kinhbac.motcua',
      'kinhbac.vanthu',
      'mc.yen.phong',
    ]);
  });
});
