import { useApiProcess } from '../support/api-process';
import { type Answer, call, codeProblems, intakeBody, login, ok, random, RELIABILITY_SEED as SEED } from '../support/load-client';
import { recordReliability } from '../support/reliability-report';
import { pause } from '../support/wait-for';

/**
 * api.md: "An Idempotency-Key header makes a retried intake return the first result instead of a second dossier" — also
 * when the API process is killed (SIGKILL) around the request, before or after its commit, and the desk retries the same
 * key and body on the restarted process until it gets an answer.
 */

const KEYS = 200;
const SENDERS = 8;

interface KeyOutcome {
  key: string;
  first: { id: string; code: string; replayed: boolean };
  /** An attempt got no answer (the process died under it) before the first 2xx. */
  interrupted: boolean;
  retry: Answer;
}

describe('Idempotency-Key across API crashes', () => {
  const apiProcess = useApiProcess();

  it(`${KEYS} keyed intakes retried through SIGKILLs create exactly one dossier per key, and every retry answers the first dossier (RELIABILITY_SEED=${SEED})`, async () => {
    const { api, db } = apiProcess;
    const rnd = random(SEED);
    const token = await login(api.url, 'reception');
    const stats = { operationsSent: 0, serverErrors: 0, unexpected: [] as string[] };
    const outcomes: KeyOutcome[] = [];
    let nextKey = 0;
    let acknowledged = 0;
    // The killer strikes a few milliseconds after some request left, so some die before their commit and some after it.
    let killAfter = 15 + Math.floor(rnd() * 15);
    let killing: Promise<void> | null = null;
    // A restart that does not come up is retried; one that never does ends the run with the process's output instead of
    // leaving the senders retrying against a dead port until the test's timeout.
    const restartFailures: string[] = [];
    let fatal: Error | null = null;
    const restart = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await api.start();
          return;
        } catch (e) {
          restartFailures.push((e as Error).message.slice(0, 2_000));
          if (attempt === 3) throw e;
          await api.kill('SIGKILL');
          await pause(500);
        }
      }
    };
    const killSoon = () => {
      killing = (async () => {
        await pause(Math.floor(rnd() * 12));
        await api.kill('SIGKILL');
        await pause(Math.floor(rnd() * 300));
        await restart();
        killAfter = acknowledged + 15 + Math.floor(rnd() * 15);
        killing = null;
      })().catch((e: Error) => {
        fatal = e;
      });
    };

    /** Sends until a 2xx arrives; every other answer is counted, a missing one retried. */
    const sendUntilAnswered = async (key: string, body: Record<string, unknown>) => {
      let interrupted = false;
      // Past this without an answer the API is not coming back: fail with what it said instead of at the test's timeout.
      const giveUpAt = Date.now() + 90_000;
      for (;;) {
        if (fatal) throw fatal;
        if (Date.now() > giveUpAt) throw new Error(`${key}: no 2xx for 90 s (${stats.unexpected.slice(-3).join('; ') || 'no answer'}); API output:\n${api.recentOutput}`);
        stats.operationsSent++;
        if (!killing && acknowledged >= killAfter && KEYS - nextKey > SENDERS) killSoon();
        const res = await call(api.url, 'POST', '/api/v1/dossiers', { token, body, headers: { 'Idempotency-Key': key } });
        if (ok(res)) return { res, interrupted };
        if (res.status === 0) {
          interrupted = true;
          await pause(50);
          continue;
        }
        if (res.status >= 500) stats.serverErrors++;
        else stats.unexpected.push(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
        await pause(50);
      }
    };

    const sender = async () => {
      while (nextKey < KEYS) {
        const n = nextKey++;
        const key = `desk-${SEED}-${n}`;
        const body = intakeBody('1.001193', `Người nộp ${n}`, String(1_000_000_000 + n).padStart(12, '0'));
        const { res, interrupted } = await sendUntilAnswered(key, body);
        acknowledged++;
        const first = { id: res.body.id as string, code: res.body.code as string, replayed: res.headers?.get('idempotent-replayed') === 'true' };
        // The desk's own retry (say, a double click) after the answer.
        const retry = (await sendUntilAnswered(key, body)).res;
        outcomes.push({ key, first, interrupted, retry });
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    while (killing) await killing;

    // The same key with a different body is not a retry: 422, never a second dossier and never the first one's data.
    const reused = outcomes.slice(0, 20);
    const reuseAnswers = await Promise.all(
      reused.map((o) =>
        call(api.url, 'POST', '/api/v1/dossiers', { token, body: intakeBody('1.001193', 'Người khác', '009999999999'), headers: { 'Idempotency-Key': o.key } }),
      ),
    );
    stats.operationsSent += reused.length;

    const rows: { id: string; code: string; idempotency_key: string; has_receive: boolean }[] = (
      await db.query(
        `SELECT d.id, d.code, d.idempotency_key,
                EXISTS (SELECT 1 FROM dossier_event e WHERE e.dossier_id = d.id AND e.seq = 1 AND e.type = 'RECEIVE') AS has_receive
         FROM dossier d`,
      )
    ).rows;
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r]);
    const lost = outcomes.filter((o) => !rows.some((r) => r.id === o.first.id && r.code === o.first.code)).length;
    const duplicates = [...byKey.values()].filter((rs) => rs.length > 1).length + outcomes.filter((o) => o.retry.body.id !== o.first.id).length;
    const interrupted = outcomes.filter((o) => o.interrupted);
    recordReliability('idempotency-crash', {
      scenario: `${KEYS} keyed intakes, each retried until answered and once more, ${SENDERS} senders, SIGKILL of the API at random moments`,
      operationsSent: stats.operationsSent,
      faultsInjected: api.kills,
      lost,
      duplicates,
      serverErrors: stats.serverErrors,
      keys: KEYS,
      interruptedKeys: interrupted.length,
      committedBeforeCrash: interrupted.filter((o) => o.first.replayed).length,
      restartFailures: restartFailures.length,
      lastRestartFailure: restartFailures.at(-1) ?? 'none',
      seed: SEED,
    });

    expect(stats.unexpected).toEqual([]);
    expect(stats.serverErrors).toBe(0);
    expect(api.kills).toBeGreaterThanOrEqual(4);
    // The crashes hit requests in flight: some keys needed a retry on the restarted process.
    expect(interrupted.length).toBeGreaterThan(0);
    expect(outcomes).toHaveLength(KEYS);
    // One dossier per key, none without a key, each the one the first answer named, each with its RECEIVE event.
    expect(rows).toHaveLength(KEYS);
    expect(byKey.size).toBe(KEYS);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(rows.filter((r) => !r.has_receive)).toEqual([]);
    for (const o of outcomes) {
      expect(o.retry.status).toBe(201);
      expect(o.retry.headers?.get('idempotent-replayed')).toBe('true');
      expect({ key: o.key, id: o.retry.body.id, code: o.retry.body.code }).toEqual({ key: o.key, id: o.first.id, code: o.first.code });
    }
    // A crash rolls the code sequence back with its intake: the codes of the day have no gap.
    expect(codeProblems(rows.map((r) => r.code))).toEqual([]);
    for (const res of reuseAnswers) {
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'idempotency_key_reused' });
    }
  });
});
