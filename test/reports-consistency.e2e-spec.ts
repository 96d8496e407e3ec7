import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type GroupBy,
  type NaiveRow,
  type ReportScope,
  ReportsService,
  naiveReportQuery,
  naiveRowNumbers,
  progressScore766,
  reportNumbers,
} from '@app/reports';
import { type TestApp, startTestApp } from './support/test-app';
import { applicant, as, assigneesOf, createOfficer, expectStatus } from './support/dossier-api';
import { EVENT_BODIES, pickWeighted, random } from './support/load-client';

/**
 * The rollups the triggers keep must give exactly what the naive GROUP BY over the raw dossiers gives, after a burst of
 * random, concurrent, back-dated transitions (supplements, suspensions, extensions, withdrawals, completions, deliveries)
 * on a few agencies, procedures and days, so many transactions hit the same rollup rows at once.
 */

const NOW = '2026-11-23T09:00:00+07:00';
const DAY = 86_400_000;
const AGENCIES = ['H12.01', 'H12.01.05', 'H12.02', 'H12.02.03', 'H12.10'];
const PROCEDURES = ['1.001193', '1.000800', '1.000600', '1.001100'];
const CHANNELS = ['direct', 'online', 'postal'];
// Likelier to move forward than to wait or stop, so the histories are long enough to cross several periods.
const WEIGHTS: Record<string, number> = { FORWARD: 6, COMPLETE: 6, DELIVER: 2, SUPPLEMENT_RECEIVED: 5, RESUME: 5, REQUEST_SUPPLEMENT: 2, SUSPEND: 1, RETURN: 1, ASSIGN: 1, EXTEND: 1, WITHDRAW: 1 };

const ADMIN = as('admin', 'consistency-admin');

describe('report rollups stay equal to the naive GROUP BY', () => {
  let t: TestApp;
  let reports: ReportsService;
  let db: DataSource;
  const seed = Number(process.env.REPORTS_SEED ?? 20261123);

  beforeAll(async () => {
    t = await startTestApp(NOW);
    reports = t.app.get(ReportsService);
    db = t.app.get<DataSource>(getDataSourceToken());
    // An officer of every work role in every agency, so that ASSIGN always has someone to take.
    for (const agency of AGENCIES) await createOfficer(t, `cv.b.${agency.toLowerCase()}`, ['reception', 'specialist', 'leader', 'clerk'], agency);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One dossier's random life: received between August and now, then events at increasing back-dated times. */
  async function live(rnd: () => number, n: number): Promise<void> {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const now = Date.parse(NOW);
    // Whole days plus a time of day that is sometimes exactly midnight, to sit on period boundaries.
    // Whole minutes: a wait of a fraction of a minute is not storable today (paused_minutes is an int; see the report).
    const at = (ms: number) => new Date(Math.min(now, rnd() < 0.15 ? Math.ceil(ms / DAY) * DAY - 7 * 3_600_000 : Math.floor(ms / 60_000) * 60_000)).toISOString();
    let time = Date.parse('2026-08-20T00:00:00+07:00') + rnd() * (now - Date.parse('2026-08-20T00:00:00+07:00'));
    const res = await t.http
      .post('/api/v1/dossiers')
      .set(ADMIN)
      .send({
        procedureCode: pick(PROCEDURES),
        agencyCode: pick(AGENCIES),
        // Some at another desk (liên thông), chosen without drawing from rnd so the burst stays what the seed made it.
        receivingAgencyCode: AGENCIES[n % AGENCIES.length],
        channel: pick(CHANNELS),
        applicant: applicant(`Người ${n}`),
        receivedAt: at(time),
      });
    expectStatus(res, 201);
    let d = res.body as { id: string; allowedEvents: string[]; dueAt: string; lastTransitionAt?: string };
    let last = Date.parse(res.body.receivedAt);
    for (let step = 0; step < 14 && d.allowedEvents.length; step++) {
      time = Math.max(last, time + rnd() * rnd() * 6 * DAY);
      if (time >= now) return;
      const allowed = d.allowedEvents;
      const type = pickWeighted(rnd, allowed, (e) => WEIGHTS[e] ?? 1);
      const occurredAt = at(time);
      // An hour later is within every procedure's bound (the shortest processing time is 2 working hours).
      const body =
        type === 'EXTEND'
          ? { extendedDueAt: new Date(Date.parse(d.dueAt) + 3_600_000).toISOString(), reason: 'Xin lỗi, hẹn lại' }
          : type === 'ASSIGN'
            ? { assigneeId: (await assigneesOf(t, d.id))[0].id }
            : EVENT_BODIES[type];
      const ev = await t.http.post(`/api/v1/dossiers/${d.id}/events`).set(ADMIN).send({ type, ...body, occurredAt });
      // EXTEND after the due date, or an instant rounded before the last transition: not allowed, try something else.
      if (ev.status === 409 || ev.status === 400) continue;
      expectStatus(ev, 200);
      d = ev.body;
      last = Date.parse(occurredAt);
    }
  }

  async function compare(period: { from: string; to: string }, grouping: GroupBy | 'all', scope: ReportScope): Promise<number> {
    const p = reports.resolvePeriod(period);
    const rolled = await reports.counts(p, grouping, scope);
    const { sql, params } = naiveReportQuery({ start: p.start, end: p.end, asOf: p.asOf, grouping, scope, with766: true });
    const naive: NaiveRow[] = await db.query(sql, params);
    const empty = (x: { numbers: ReturnType<typeof reportNumbers> }) => x.numbers.received.total === 0 && x.numbers.resolved.total === 0;
    const expected = Object.fromEntries(
      naive
        .map((r) => ({ key: r.key, ...naiveRowNumbers(r) }))
        .filter((x) => !empty(x))
        .map((x) => [x.key, { numbers: x.numbers, numerator766: x.numerator766, denominator766: x.denominator766 }]),
    );
    const actual = Object.fromEntries(
      [...rolled]
        .map(([key, c]) => ({ key, numbers: reportNumbers(c), progress: progressScore766(c) }))
        .filter((x) => !empty(x))
        .map((x) => [x.key, { numbers: x.numbers, numerator766: x.progress.numerator, denominator766: x.progress.denominator }]),
    );
    expect({ period, grouping, scope, rows: actual }).toEqual({ period, grouping, scope, rows: expected });
    return Object.keys(expected).length;
  }

  it(`after a burst of concurrent random transitions (seed ${seed})`, async () => {
    const rnd = random(seed);
    const lives = Array.from({ length: 90 }, (_, i) => random(Math.floor(rnd() * 2 ** 32) + i));
    // 18 dossiers at a time: transitions of the same agency, procedure and day commit concurrently.
    for (let i = 0; i < lives.length; i += 18) await Promise.all(lives.slice(i, i + 18).map((r, j) => live(r, i + j)));

    // The burst covers what the rules distinguish.
    const [mix] = await db.query(`SELECT count(*) FILTER (WHERE supplement_count >= 2)::int AS multi, count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS withdrawn,
      count(*) FILTER (WHERE paused_at IS NOT NULL)::int AS waiting, count(*) FILTER (WHERE outcome = 'overdue')::int AS late,
      count(*) FILTER (WHERE outcome = 'early')::int AS early, count(*) FILTER (WHERE status = 'processing')::int AS processing,
      (SELECT count(*)::int FROM dossier_event) AS events FROM dossier`);
    expect(Object.values(mix).every((v) => (v as number) > 0)).toBe(true);
    expect(mix.events).toBeGreaterThan(300);
    const periods = [
      { from: '2026-08-01', to: '2026-08-31' },
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-09-15', to: '2026-10-14' },
      { from: '2026-10-15', to: '2026-10-15' },
      { from: '2026-10-31', to: '2026-11-01' },
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2025-11-23', to: '2026-11-22' },
    ];
    const scopes: ReportScope[] = [
      { agencyCodes: 'all' },
      { agencyCodes: ['H12.02', 'H12.02.03'] },
      { agencyCodes: 'all', agencyCode: 'H12.01' },
      { agencyCodes: 'all', procedureCode: '1.001193' },
      { agencyCodes: 'all', field: 'Đất đai' },
    ];
    let groups = 0;
    for (const period of periods) {
      for (const grouping of ['all', 'agency', 'field', 'procedure'] as const) groups += await compare(period, grouping, scopes[0]);
      for (const scope of scopes.slice(1)) groups += await compare(period, 'agency', scope);
      // Per receiving desk, each dossier still counts once: the same total as per resolving agency.
      for (const scope of scopes) {
        const [byDesk, byAgency] = await Promise.all([reports.report06a(period, 'receiving', scope), reports.report06a(period, 'agency', scope)]);
        expect({ period, scope, total: byDesk.total }).toEqual({ period, scope, total: byAgency.total });
      }
    }
    expect(groups).toBeGreaterThan(100);
  });

  it('and equal to the rollups rebuilt from scratch', async () => {
    const nonZero = `SELECT * FROM report_rollup WHERE (received_online, received_other, finished_early, finished_on_time, finished_overdue,
      finished_in_time_multi, open_delta, overdue_delta, multi_delta, multi_overdue_delta) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      ORDER BY grain, period, agency_code, procedure_code, procedure_version`;
    const withdrawals = 'SELECT * FROM report_withdrawal WHERE dossiers <> 0 ORDER BY received_day, withdrawn_day, agency_code, procedure_code, online';
    const before = { rollup: await db.query(nonZero), withdrawals: await db.query(withdrawals) };
    expect(before.rollup.length).toBeGreaterThan(100);
    await db.query('SELECT report_rebuild()');
    expect({ rollup: await db.query(nonZero), withdrawals: await db.query(withdrawals) }).toEqual(before);
  });
});
