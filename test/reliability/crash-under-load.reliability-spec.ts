import { Client } from 'pg';
import { checkConsistency, formatProblem } from '@app/consistency';
import { useApiProcess } from '../support/api-process';
import {
  type Answer,
  type DossierState,
  EVENT_BODIES,
  call,
  codeProblems,
  intakeBody,
  loginAll,
  ok,
  pickWeighted,
  random,
  RELIABILITY_SEED as SEED,
  tokenFor,
} from '../support/load-client';
import { recordReliability } from '../support/reliability-report';
import { pause } from '../support/wait-for';

/**
 * Clients send intakes and events at full speed while the API process is killed (SIGKILL, once SIGTERM) and restarted. Whatever the API
 * acknowledged (2xx) must be in the database exactly once, the codes stay gapless, each dossier's row is what its event
 * log says, and nothing is half-written: every change is one transaction (architecture.md, "The one transition path").
 */

const CLIENTS = 16;
const KILLS = 4;
const PROCEDURES = ['1.001193', '1.000900', '1.000800'];
// Forward-moving events are likelier, so dossiers reach the later states (result ready, returned) during the run.
const WEIGHTS: Record<string, number> = {
  FORWARD: 8,
  COMPLETE: 8,
  DELIVER: 8,
  SUPPLEMENT_RECEIVED: 8,
  RESUME: 8,
  RETURN: 1,
  REQUEST_SUPPLEMENT: 1,
  SUSPEND: 1,
  WITHDRAW: 0.3,
};
const CLOSED = new Set(['returned', 'withdrawn']);

interface IntakeIntent {
  idNumber: string;
  key: string | null;
  /** The answers with 2xx (a keyed intake may be answered more than once: a retry after a lost answer). */
  acks: { id: string; code: string }[];
  unanswered: number;
}

interface EventAck {
  dossierId: string;
  type: string;
  version: number;
  status: string;
}

interface Stats {
  operationsSent: number;
  serverErrors: number;
  unanswered: number;
  conflicts: number;
  unexpected: string[];
}

describe('the API process crashes under load', () => {
  const apiProcess = useApiProcess();

  it(`${CLIENTS} clients, ${KILLS} kills of the API: every acknowledged intake and event is stored once, codes gapless, rows match their event logs (RELIABILITY_SEED=${SEED})`, async () => {
    const { api, db, databaseUrl } = apiProcess;
    const rnd = random(SEED);
    const tokens = await loginAll(api.url);
    const stats: Stats = { operationsSent: 0, serverErrors: 0, unanswered: 0, conflicts: 0, unexpected: [] };
    const intents: IntakeIntent[] = [];
    const eventAcks: EventAck[] = [];
    let stop = false;

    const send = async (path: string, token: string, body: unknown, headers?: Record<string, string>): Promise<Answer> => {
      stats.operationsSent++;
      const res = await call(api.url, 'POST', path, { token, body, headers });
      if (res.status === 0) stats.unanswered++;
      else if (res.status >= 500) stats.serverErrors++;
      return res;
    };

    const client = async (c: number) => {
      const r = random(SEED * 100 + c);
      const open = new Map<string, DossierState>();
      const stale = new Set<string>();
      const retryKeyed: IntakeIntent[] = [];
      let n = 0;

      const intake = async (intent: IntakeIntent, procedureCode: string) => {
        const body = intakeBody(procedureCode, `Khách ${c}-${intent.idNumber}`, intent.idNumber);
        const res = await send('/api/v1/dossiers', tokens.reception, body, intent.key ? { 'Idempotency-Key': intent.key } : undefined);
        if (ok(res)) {
          intent.acks.push({ id: res.body.id, code: res.body.code });
          open.set(res.body.id, res.body);
          return;
        }
        intent.unanswered += res.status === 0 ? 1 : 0;
        if (res.status !== 0 && res.status < 500) stats.unexpected.push(`intake: ${res.status} ${JSON.stringify(res.body)}`);
        // A keyed intake is retried with the same key and body until it is answered, as a desk would.
        if (intent.key) retryKeyed.push(Object.assign(intent, { procedureCode }));
        if (res.status === 0) await pause(50);
      };

      const event = async (d: DossierState) => {
        const choices = d.allowedEvents.filter((t) => WEIGHTS[t]);
        const type = pickWeighted(r, choices, (t) => WEIGHTS[t]);
        // Mostly with the version read: a request whose answer was lost cannot then apply twice.
        const body = { type, ...EVENT_BODIES[type], ...(r() < 0.8 ? { expectedVersion: d.version } : {}) };
        const res = await send(`/api/v1/dossiers/${d.id}/events`, tokenFor(tokens, type, d), body);
        if (ok(res)) {
          eventAcks.push({ dossierId: d.id, type, version: res.body.version, status: res.body.status });
          if (CLOSED.has(res.body.status)) open.delete(d.id);
          else open.set(d.id, res.body);
          // allowedEvents follow the acting officer's roles: when this one may do nothing more, read it as an administrator.
          if (!res.body.allowedEvents.some((t: string) => WEIGHTS[t])) stale.add(d.id);
          return;
        }
        if (res.status === 409) stats.conflicts++;
        else if (res.status !== 0 && res.status < 500) stats.unexpected.push(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
        // What happened is unknown (or another answer came): read the dossier again before acting on it.
        stale.add(d.id);
        if (res.status === 0) await pause(50);
      };

      const reread = async (id: string) => {
        stats.operationsSent++;
        const res = await call(api.url, 'GET', `/api/v1/dossiers/${id}`, { token: tokens.admin });
        if (res.status === 200) {
          stale.delete(id);
          if (CLOSED.has(res.body.status)) open.delete(id);
          else open.set(id, res.body);
        } else if (res.status === 0) await pause(50);
        else if (res.status >= 500) stats.serverErrors++;
        else stats.unexpected.push(`GET: ${res.status} ${JSON.stringify(res.body)}`);
      };

      while (!stop || retryKeyed.length > 0) {
        const keyed = retryKeyed.shift() as (IntakeIntent & { procedureCode: string }) | undefined;
        if (keyed) {
          await intake(keyed, keyed.procedureCode);
          continue;
        }
        const [staleId] = stale;
        if (staleId) {
          await reread(staleId);
          continue;
        }
        if (open.size < 3 || r() < 0.25) {
          const idNumber = `0${String(c).padStart(2, '0')}${String(n++).padStart(9, '0')}`;
          const intent: IntakeIntent = { idNumber, key: r() < 0.5 ? `load-${SEED}-${idNumber}` : null, acks: [], unanswered: 0 };
          intents.push(intent);
          await intake(intent, PROCEDURES[Math.floor(r() * PROCEDURES.length)]);
          continue;
        }
        const ids = [...open.keys()];
        await event(open.get(ids[Math.floor(r() * ids.length)])!);
      }
    };

    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    for (let k = 0; k < KILLS; k++) {
      await pause(2_000 + rnd() * 3_000);
      // One of them a deploy (SIGTERM: answer what was accepted, then exit), the others crashes.
      await api.kill(k === 1 ? 'SIGTERM' : 'SIGKILL');
      await pause(rnd() * 500);
      await api.start();
    }
    await pause(2_000);
    stop = true;
    await clients;

    const dossiers: DossierRow[] = (
      await db.query(`SELECT id, code, agency_code, applicant->>'idNumber' AS id_number, idempotency_key, status, step_id, version, event_count FROM dossier`)
    ).rows;
    const events: EventRow[] = (
      await db.query('SELECT dossier_id, seq, type, from_status, to_status, from_step, to_step, actor_username FROM dossier_event ORDER BY dossier_id, seq')
    ).rows;
    const [{ orphans }] = (await db.query('SELECT count(*)::int AS orphans FROM dossier_event e LEFT JOIN dossier d ON d.id = e.dossier_id WHERE d.id IS NULL'))
      .rows;
    const sequences: { agency_code: string; day: string; last_value: number }[] = (
      await db.query(`SELECT agency_code, to_char(day, 'YYMMDD') AS day, last_value FROM dossier_code_sequence`)
    ).rows;

    const byId = new Map(dossiers.map((d) => [d.id, d]));
    const byIdNumber = new Map<string, DossierRow[]>();
    for (const d of dossiers) byIdNumber.set(d.id_number, [...(byIdNumber.get(d.id_number) ?? []), d]);
    const sent = new Set(intents.map((i) => i.idNumber));
    const acked = intents.filter((i) => i.acks.length > 0);

    // An acknowledged intake is stored once, under the id and code the answer gave; a retried key answered one dossier.
    const lostIntakes = acked.filter((i) => i.acks.some((a) => byId.get(a.id)?.code !== a.code));
    const duplicateIntakes = intents.filter((i) => (byIdNumber.get(i.idNumber)?.length ?? 0) > 1 || new Set(i.acks.map((a) => a.id)).size > 1);
    const phantoms = dossiers.filter((d) => !sent.has(d.id_number));
    const problems = logProblems(dossiers, events);
    const eventsByVersion = userEventsByVersion(events);
    const lostEvents = eventAcks.filter((a) => {
      const e = eventsByVersion.get(a.dossierId)?.[a.version];
      return !e || e.type !== a.type || e.to_status !== a.status;
    });
    const sequenceProblems = sequences
      .map((s) => ({ ...s, used: dossiers.filter((d) => d.code.startsWith(`${s.agency_code}-${s.day}-`)).length }))
      .filter((s) => s.used !== s.last_value);
    const rollupDiff = await rollupsChangedByRebuild(db);
    const checker = await consistencyProblems(databaseUrl);

    recordReliability('crash-under-load', {
      scenario: `${CLIENTS} clients sending intakes and events at full speed, the API killed and restarted ${KILLS} times (one SIGTERM, the others SIGKILL)`,
      operationsSent: stats.operationsSent,
      faultsInjected: api.kills,
      lost: lostIntakes.length + lostEvents.length,
      duplicates: duplicateIntakes.length,
      serverErrors: stats.serverErrors,
      acknowledgedIntakes: acked.length,
      acknowledgedEvents: eventAcks.length,
      unanswered: stats.unanswered,
      conflicts: stats.conflicts,
      consistencyProblems: checker.length,
      dossiers: dossiers.length,
      events: events.length,
      seed: SEED,
    });

    expect(api.kills).toBe(KILLS);
    expect(stats.unanswered).toBeGreaterThan(0);
    expect(stats.unexpected).toEqual([]);
    expect(stats.serverErrors).toBe(0);
    expect(lostIntakes).toEqual([]);
    expect(lostEvents).toEqual([]);
    expect(duplicateIntakes.map((i) => i.idNumber)).toEqual([]);
    expect(phantoms).toEqual([]);
    // Keyed intents were retried until answered; an unkeyed one whose answer was lost may or may not exist.
    expect(intents.filter((i) => i.key && i.acks.length === 0)).toEqual([]);
    expect(codeProblems(dossiers.map((d) => d.code))).toEqual([]);
    expect(sequenceProblems).toEqual([]);
    expect(orphans).toBe(0);
    expect(problems).toEqual([]);
    expect(rollupDiff).toEqual([]);
    expect(checker).toEqual([]);
    expect(acked.length).toBeGreaterThan(30);
    expect(eventAcks.length).toBeGreaterThan(30);
  });
});

interface DossierRow {
  id: string;
  code: string;
  agency_code: string;
  id_number: string;
  idempotency_key: string | null;
  status: string;
  step_id: string | null;
  version: number;
  event_count: number;
}

interface EventRow {
  dossier_id: string;
  seq: number;
  type: string;
  from_status: string | null;
  to_status: string;
  from_step: string | null;
  to_step: string | null;
  actor_username: string;
}

const SYSTEM_EVENTS = new Set(['DUE_SOON', 'OVERDUE', 'STEP_OVERDUE', 'DEADLINE_RECOMPUTED']);

function eventsOf(events: EventRow[]): Map<string, EventRow[]> {
  const by = new Map<string, EventRow[]>();
  for (const e of events) by.set(e.dossier_id, [...(by.get(e.dossier_id) ?? []), e]);
  return by;
}

/** Each dossier's user events by the version they produced (RECEIVE is version 1; system events leave the version). */
function userEventsByVersion(events: EventRow[]): Map<string, Record<number, EventRow>> {
  const out = new Map<string, Record<number, EventRow>>();
  for (const [id, list] of eventsOf(events)) {
    const byVersion: Record<number, EventRow> = {};
    let version = 0;
    for (const e of list) if (!SYSTEM_EVENTS.has(e.type)) byVersion[++version] = e;
    out.set(id, byVersion);
  }
  return out;
}

/**
 * Replays each event log as a chain of (status, step) and compares its end with the row: seq 1..n with no gap, RECEIVE
 * first, each event starting where the previous one ended, the row's status, step, version and event count as the log says.
 */
function logProblems(dossiers: DossierRow[], events: EventRow[]): string[] {
  const problems: string[] = [];
  const by = eventsOf(events);
  for (const d of dossiers) {
    const log = by.get(d.id) ?? [];
    if (log[0]?.type !== 'RECEIVE' || log[0].from_status !== null) problems.push(`${d.code}: does not start with RECEIVE`);
    log.forEach((e, i) => {
      if (e.seq !== i + 1) problems.push(`${d.code}: seq ${e.seq} at position ${i + 1}`);
      if (i > 0 && (e.from_status !== log[i - 1].to_status || e.from_step !== log[i - 1].to_step)) {
        problems.push(`${d.code}: ${e.type} (seq ${e.seq}) starts from ${e.from_status}/${e.from_step}, the previous event ended at ${log[i - 1].to_status}/${log[i - 1].to_step}`);
      }
    });
    const last = log[log.length - 1];
    const userEvents = log.filter((e) => !SYSTEM_EVENTS.has(e.type)).length;
    if (last && (last.to_status !== d.status || last.to_step !== d.step_id)) {
      problems.push(`${d.code}: row ${d.status}/${d.step_id}, log ends at ${last.to_status}/${last.to_step}`);
    }
    if (d.event_count !== log.length || d.version !== userEvents) {
      problems.push(`${d.code}: row version ${d.version}, event_count ${d.event_count}; log has ${log.length} events, ${userEvents} by users`);
    }
  }
  return problems;
}

/** The rollup rows the triggers kept that a rebuild from the dossiers would change (none, when no write was half-done). */
async function rollupsChangedByRebuild(db: Client): Promise<string[]> {
  const snapshot = async () => {
    const rollup = (await db.query('SELECT * FROM report_rollup ORDER BY grain, period, agency_code, procedure_code, procedure_version')).rows;
    const withdrawals = (await db.query('SELECT * FROM report_withdrawal ORDER BY 1, 2, 3, 4, 5, 6')).rows;
    const nonZero = (r: Record<string, unknown>) => Object.values(r).some((v) => typeof v === 'number' && v !== 0);
    return [...rollup.filter(nonZero), ...withdrawals.filter(nonZero)].map((r) => JSON.stringify(r));
  };
  const before = await snapshot();
  await db.query('SELECT report_rebuild()');
  const after = await snapshot();
  return [...before.filter((r) => !after.includes(r)).map((r) => `kept by triggers only: ${r}`), ...after.filter((r) => !before.includes(r)).map((r) => `rebuilt only: ${r}`)];
}

/**
 * libs/dossiers' consistency checker replays every log through the procedure's machine and compares each column. No
 * worker runs here, so the timers and their flags are not checked (the reconciliation's job).
 */
async function consistencyProblems(databaseUrl: string): Promise<string[]> {
  const report = await checkConsistency({ databaseUrl, queue: false });
  return report.problems.filter((p) => p.kind !== 'deadline_unflagged').map(formatProblem);
}
