import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestApp, startTestApp } from './support/test-app';
import { ADMIN, act, as, expectFieldError, expectStatus, receive } from './support/dossier-api';

/**
 * GET /api/v1/reports/766/digitization: the 766 digitization metrics (domain.md "Files and digitization"), on dossiers of
 * HKD 1.001193 (lines GDN, GTPL; steps receive → appraise → review → record → deliver) received, scanned and completed
 * through the API with the test clock. Period P = Mon 30/11 … Wed 2/12/2026, read on Mon 7/12.
 *
 * | dossier | agency | channel | received | lines | component files (current at the end of P) | finished | result file |
 * |---|---|---|---|---|---|---|---|
 * | A | H12.01 | direct | 30/11 | GDN, GTPL | GDN, GTPL | 1/12 | yes |
 * | B | H12.01 | direct | 30/11 | GDN, GTPL | GDN | 1/12 | yes |
 * | C | H12.01 | postal | 30/11 | GDN | GDN v2 (superseding GDN v1) | — | — |
 * | D | H12.01 | direct | 30/11 | GDN | none: its GDN scan superseded by one filed under GTPL | — | — |
 * | E | H12.01 | direct | 30/11 | GDN, GTPL | GDN, GTPL | 1/12 | attached 3/12 (after P) |
 * | F | H12.01 | online | 30/11 | GDN | none (electronic already) | 1/12 | yes |
 * | G | H12.01 | direct | 30/11 | none | none | — | — |
 * | W | H12.01 | direct | 30/11 | GDN | GDN | withdrawn 30/11 | — |
 * | I | H12.01 | direct | 27/11 (before P) | GDN | GDN | 1/12 | yes |
 * | H | H12.02 | direct | 30/11 | GDN | GDN | 1/12 | yes |
 * | J | H12.01 | direct | 3/12 (after P) | GDN | GDN | 3/12 | yes |
 *
 * P for H12.01: paper received (not withdrawn) A B C D E G = 6, digitized A C E = 3; finished A B E F I = 5, with a
 * result A B F I = 4; with every line digitized (F online: as received) and a result A F I = 3. H12.02 adds H to each.
 */

const HKD = '1.001193';
const P = { from: '2026-11-30', to: '2026-12-02' };
const NOW = '2026-12-07T09:00:00+07:00';
const MON = '2026-11-30T08:00:00+07:00';
const TUE = '2026-12-01T09:00:00+07:00';
const THU = '2026-12-03T09:00:00+07:00';

const officers = (agency: string) => ({
  code: agency,
  reception: as('reception', `dg.reception.${agency}`, agency),
  specialist: as('specialist', `dg.specialist.${agency}`, agency),
  leader: as('leader', `dg.leader.${agency}`, agency),
  clerk: as('clerk', `dg.clerk.${agency}`, agency),
});
const H1201 = officers('H12.01');
const H1202 = officers('H12.02');
const SUPERVISOR_H1201 = as('supervisor', 'dg.supervisor.h12.01', 'H12.01');

const LINES = { GDN: { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }, GTPL: { code: 'GTPL', name: 'Bản sao giấy tờ pháp lý', copies: 1 } };

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

interface Metric {
  id: string;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  computed: boolean;
}

/** The four metrics in their order, as [numerator, denominator] of the three computed ones. */
function metrics(electronicResult: [number, number], digitizedComponents: [number, number], digitizedComponentsAndResult: [number, number]): Metric[] {
  const m = (id: string, [numerator, denominator]: [number, number]) => ({
    id,
    numerator,
    denominator,
    ratio: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
    computed: true,
  });
  return [
    m('electronicResult', electronicResult),
    m('digitizedComponents', digitizedComponents),
    m('digitizedComponentsAndResult', digitizedComponentsAndResult),
    { id: 'reuse', numerator: null, denominator: null, ratio: null, computed: false },
  ];
}

describe('reports: 766 digitization metrics', () => {
  let t: TestApp;
  let dataDir: string;
  const ids: Record<string, string> = {};

  const report = (query: Record<string, string> = {}, headers = ADMIN) => t.http.get('/api/v1/reports/766/digitization').set(headers).query({ ...P, ...query });

  async function intake(name: string, agency: typeof H1201, channel: 'direct' | 'postal' | 'online', lines: (keyof typeof LINES)[]) {
    const d = await receive(t, { procedureCode: HKD, agencyCode: agency.code, channel, headers: agency.reception, extra: { documents: lines.map((l) => LINES[l]) } });
    ids[name] = d.id;
  }

  async function attach(name: string, agency: typeof H1201, fields: Record<string, string>): Promise<string> {
    let req = t.http.post(`/api/v1/dossiers/${ids[name]}/files`).set(agency.reception);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', pdf(`${name} ${JSON.stringify(fields)}`), { filename: 'scan.pdf', contentType: 'application/pdf' });
    expectStatus(res, 201);
    return res.body.id as string;
  }

  /** Forwards to the desk's last step, attaches the result when asked, and completes (all at the clock's now). */
  async function complete(name: string, agency: typeof H1201, withResult: boolean) {
    for (const by of [agency.reception, agency.specialist, agency.leader, agency.clerk]) await act(t, ids[name], { type: 'FORWARD' }, { headers: by });
    if (withResult) await attach(name, agency, { kind: 'result' });
    const d = await act(t, ids[name], { type: 'COMPLETE', resultType: 'approved' }, { headers: agency.reception });
    expect(d.status).toBe('result_ready');
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'digitization-'));
    t = await startTestApp({ now: '2026-11-27T09:00:00+07:00', env: { DATA_DIR: dataDir } });

    await intake('I', H1201, 'direct', ['GDN']);
    await attach('I', H1201, { kind: 'component', documentCode: 'GDN' });

    t.clock.set(MON);
    for (const [name, channel, lines] of [
      ['A', 'direct', ['GDN', 'GTPL']],
      ['B', 'direct', ['GDN', 'GTPL']],
      ['C', 'postal', ['GDN']],
      ['D', 'direct', ['GDN']],
      ['E', 'direct', ['GDN', 'GTPL']],
      ['F', 'online', ['GDN']],
      ['G', 'direct', []],
      ['W', 'direct', ['GDN']],
    ] as const) {
      await intake(name, H1201, channel, [...lines]);
    }
    await intake('H', H1202, 'direct', ['GDN']);
    for (const name of ['A', 'B', 'E', 'W']) await attach(name, H1201, { kind: 'component', documentCode: 'GDN' });
    for (const name of ['A', 'E']) await attach(name, H1201, { kind: 'component', documentCode: 'GTPL' });
    await attach('H', H1202, { kind: 'component', documentCode: 'GDN' });
    // C: a rescan replaces the first; D: its only GDN scan was the wrong paper, refiled under GTPL, so GDN has none left.
    await attach('C', H1201, { kind: 'component', documentCode: 'GDN', supersedes: await attach('C', H1201, { kind: 'component', documentCode: 'GDN' }) });
    await attach('D', H1201, { kind: 'component', documentCode: 'GTPL', supersedes: await attach('D', H1201, { kind: 'component', documentCode: 'GDN' }) });
    t.clock.set('2026-11-30T10:00:00+07:00');
    await act(t, ids.W, { type: 'WITHDRAW', note: 'Người nộp rút hồ sơ' }, { headers: H1201.reception });

    t.clock.set(TUE);
    for (const name of ['A', 'B', 'F', 'I']) await complete(name, H1201, true);
    await complete('E', H1201, false);
    await complete('H', H1202, true);

    // After P: E's result (allowed until it is handed back), and J received, scanned and completed.
    t.clock.set(THU);
    await attach('E', H1201, { kind: 'result' });
    await intake('J', H1201, 'direct', ['GDN']);
    await attach('J', H1201, { kind: 'component', documentCode: 'GDN' });
    await complete('J', H1201, true);
    t.clock.set(NOW);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts each metric of an agency over the period, files as they stood at its end', async () => {
    const res = await report({ agencyCode: 'H12.01' });
    expectStatus(res, 200);
    expect(res.body.period).toEqual({ ...P, asOf: '2026-12-03T00:00:00+07:00' });
    expect(res.body.metrics).toEqual(metrics([4, 5], [3, 6], [3, 5]));
  });

  it('counts E’s later result and J once the period takes them in', async () => {
    // Paper A B C D E G J, digitized A C E J; finished A B E F I J, all with a result; fully digitized A E F I J.
    expect((await report({ agencyCode: 'H12.01', to: '2026-12-03' }).expect(200)).body.metrics).toEqual(metrics([6, 6], [4, 7], [5, 6]));
  });

  it('scopes by agency as the progress score does: a supervisor their subtree, the administrator all', async () => {
    expect((await report({}, SUPERVISOR_H1201).expect(200)).body.metrics).toEqual(metrics([4, 5], [3, 6], [3, 5]));
    expect((await report().expect(200)).body.metrics).toEqual(metrics([5, 6], [4, 7], [4, 6]));
    expect((await report({ agencyCode: 'H12.02' }).expect(200)).body.metrics).toEqual(metrics([1, 1], [1, 1], [1, 1]));
    await report({ agencyCode: 'H12.02' }, SUPERVISOR_H1201).expect(404);
    await report({}, H1201.specialist).expect(403);
    // Another procedure: nothing to divide, no ratio.
    expect((await report({ procedureCode: '1.000900' }).expect(200)).body.metrics).toEqual(metrics([0, 0], [0, 0], [0, 0]));
  });

  it('divides the dossiers the 06a counts: resolved (7) and received directly or by post (5)', async () => {
    for (const query of [{ agencyCode: 'H12.01' }, {}, { to: '2026-12-03' }] as Record<string, string>[]) {
      const summary = (await t.http.get('/api/v1/reports/summary').set(ADMIN).query({ ...P, ...query }).expect(200)).body;
      const [electronicResult, digitizedComponents] = (await report(query).expect(200)).body.metrics as Metric[];
      expect(electronicResult.denominator).toBe(summary.resolved.total);
      expect(digitizedComponents.denominator).toBe(summary.received.directOrPostal);
    }
  });

  it('answers null ratios for a period with no dossier, and validates the period as the other reports do', async () => {
    const res = await report({ from: '2026-11-16', to: '2026-11-20' });
    expectStatus(res, 200);
    expect(res.body.metrics).toEqual(metrics([0, 0], [0, 0], [0, 0]));
    expectFieldError(await report({ to: '2026-11-29' }), 'to');
    expectFieldError(await report({ from: '2026-02-30' }), 'from');
  });
});
