import { Client } from 'pg';
import { type ApiEnvironment, type ApiProcess, createApiEnvironment, startApiProcess } from '../support/api-process';
import { type Answer, type DossierState, EVENT_BODIES, call, intakeBody, loginAll, pickWeighted, random, RELIABILITY_SEED as SEED, tokenFor } from '../support/load-client';
import { recordReliability } from '../support/reliability-report';

/**
 * api.md: 409 "when a concurrent change won". 100 clients, spread over two API processes on one database, send
 * conflicting events to the same 10 dossiers at once, state after state: one change wins per version (never two, never
 * a 5xx), a request naming the version it read loses with 409 once another change won, and the event log holds exactly
 * the winners, so no acknowledged update is lost.
 */

const DOSSIERS = 10;
const CLIENTS = 100;
const ROUNDS = 4;
const WEIGHTS: Record<string, number> = {
  FORWARD: 4,
  RETURN: 2,
  REQUEST_SUPPLEMENT: 2,
  SUPPLEMENT_RECEIVED: 4,
  SUSPEND: 1,
  RESUME: 4,
  COMPLETE: 4,
  DELIVER: 4,
  // Only with expectedVersion: without it a withdrawal would nearly always win after the first change and end the run early.
  WITHDRAW: 0.3,
};

interface Attempt {
  client: number;
  type: string;
  versioned: boolean;
  answer: Answer;
}

describe('conflicting events from 100 clients on two API processes', () => {
  let env: ApiEnvironment;
  const apis: ApiProcess[] = [];
  let db: Client;

  beforeAll(async () => {
    env = await createApiEnvironment({ DATABASE_POOL_SIZE: '5' });
    // One after the other: each start seeds the demo data.
    apis.push(await startApiProcess(env.env));
    apis.push(await startApiProcess(env.env));
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.kill('SIGKILL')));
    await db?.end();
    await env?.cleanup();
  });

  it(`${ROUNDS} rounds of ${CLIENTS} clients × ${DOSSIERS} dossiers: one winner per version, 409 for the others, the log holds exactly the winners (RELIABILITY_SEED=${SEED})`, async () => {
    const rnd = random(SEED);
    const tokens = await loginAll(apis[0].url);
    const ids: string[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const res = await call(apis[0].url, 'POST', '/api/v1/dossiers', { token: tokens.reception, body: intakeBody('1.001193', `Người nộp ${i}`, `0010900000${String(i).padStart(2, "0")}`) });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const wins = new Map(ids.map((id) => [id, 0]));
    const problems: string[] = [];
    const tally = { operationsSent: 0, serverErrors: 0, unanswered: 0, twoWinners: 0, lost: 0, won: 0, concurrentChange: 0, notAllowed: 0, wrongRoleNow: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      const states = new Map<string, DossierState>();
      for (const id of ids) {
        // Read as an administrator: allowedEvents follow the viewer's roles, and the clients race with every role.
        const res = await call(apis[0].url, 'GET', `/api/v1/dossiers/${id}`, { token: tokens.admin });
        if (!['returned', 'withdrawn'].includes(res.body.status)) states.set(id, res.body);
      }
      if (states.size === 0) break;
      for (const [id, d] of states) {
        // The clients race on this one state at once, each through one of the two processes.
        const all: Attempt[] = await Promise.all(
          Array.from({ length: CLIENTS }, (_, client) => {
            const versioned = rnd() < 0.8;
            const choices = d.allowedEvents.filter((t) => WEIGHTS[t] && (versioned || t !== 'WITHDRAW'));
            const type = pickWeighted(rnd, choices, (t) => WEIGHTS[t]);
            const body = { type, ...EVENT_BODIES[type], ...(versioned ? { expectedVersion: d.version } : {}) };
            tally.operationsSent++;
            const answer = call(apis[client % apis.length].url, 'POST', `/api/v1/dossiers/${id}/events`, { token: tokenFor(tokens, type, d), body, timeoutMs: 120_000 });
            return answer.then((a) => ({ client, type, versioned, answer: a }));
          }),
        );
        const winners = all.filter((a) => a.answer.status === 200).sort((a, b) => a.answer.body.version - b.answer.body.version);
        const versions = winners.map((w) => w.answer.body.version as number);
        tally.won += winners.length;
        wins.set(id, wins.get(id)! + winners.length);
        if (new Set(versions).size !== versions.length) {
          tally.twoWinners++;
          problems.push(`${d.code} v${d.version}: two winners for one version: ${versions.join(', ')}`);
        }
        // The winners follow each other: v+1, v+2, … (a request without expectedVersion may win after the first change).
        if (versions.join() !== versions.map((_, i) => d.version + 1 + i).join()) problems.push(`${d.code} v${d.version}: winners' versions ${versions.join(', ')}`);
        if (winners.length === 0) problems.push(`${d.code} v${d.version}: nobody won`);
        const versionedWinners = winners.filter((w) => w.versioned);
        if (versionedWinners.length > 1 || versionedWinners.some((w) => w.answer.body.version !== d.version + 1)) {
          problems.push(`${d.code} v${d.version}: ${versionedWinners.length} requests with expectedVersion ${d.version} won`);
        }
        for (const a of all) {
          const { status, body } = a.answer;
          if (status === 200) continue;
          if (status === 0) tally.unanswered++;
          if (status >= 500) tally.serverErrors++;
          const error = body?.error as string | undefined;
          if (status === 409 && error === 'concurrent_change') tally.concurrentChange++;
          else if (status === 409 && error === 'event_not_allowed' && !a.versioned) tally.notAllowed++;
          // Without expectedVersion the change that won may have moved the dossier to another role's step.
          else if (status === 403 && !a.versioned) tally.wrongRoleNow++;
          else problems.push(`${d.code} v${d.version}: ${a.type}${a.versioned ? ` expecting v${d.version}` : ''} got ${status} ${a.answer.error ?? JSON.stringify(body)}`);
        }
        // The log after the version read is exactly the winners, in their order.
        const logged: { seq: number; type: string; to_status: string }[] = (
          await db.query('SELECT seq, type, to_status FROM dossier_event WHERE dossier_id = $1 AND seq > $2 ORDER BY seq', [id, d.version])
        ).rows;
        const expected = winners.map((w) => ({ seq: w.answer.body.version, type: w.type, to_status: w.answer.body.status }));
        if (JSON.stringify(logged) !== JSON.stringify(expected)) {
          tally.lost += Math.max(0, expected.length - logged.length);
          problems.push(`${d.code} v${d.version}: log ${JSON.stringify(logged)}, winners ${JSON.stringify(expected)}`);
        }
      }
    }

    const finals: { id: string; version: number; event_count: number; events: number }[] = (
      await db.query(
        'SELECT d.id, d.version, d.event_count, (SELECT count(*)::int FROM dossier_event e WHERE e.dossier_id = d.id) AS events FROM dossier d WHERE d.id = ANY($1::uuid[])',
        [ids],
      )
    ).rows;
    recordReliability('concurrency', {
      scenario: `${CLIENTS} clients on 2 API processes, conflicting events on the same ${DOSSIERS} dossiers, ${ROUNDS} rounds`,
      operationsSent: tally.operationsSent,
      faultsInjected: 0,
      lost: tally.lost,
      duplicates: tally.twoWinners,
      serverErrors: tally.serverErrors,
      won: tally.won,
      concurrentChange409: tally.concurrentChange,
      eventNotAllowed409: tally.notAllowed,
      wrongRoleNow403: tally.wrongRoleNow,
      unanswered: tally.unanswered,
      seed: SEED,
    });

    expect(problems).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.unanswered).toBe(0);
    expect(tally.concurrentChange).toBeGreaterThan(0);
    // No update lost: every dossier's version is 1 (its RECEIVE) plus the changes that were answered 200.
    expect(finals.map((f) => ({ id: f.id, version: f.version, events: f.events, eventCount: f.event_count })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      ids.map((id) => ({ id, version: 1 + wins.get(id)!, events: 1 + wins.get(id)!, eventCount: 1 + wins.get(id)! })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});
