import { useApiProcess } from './support/api-process';
import { call, intakeBody, login } from './support/load-client';
import { pause, waitFor } from './support/wait-for';

/**
 * SIGTERM (a deploy) under constant load: the API process answers what it accepted and exits. Found with
 * test/support/api-process.ts: clients that never paused kept their keep-alive connections busy, the HTTP server waited
 * for them to end, and the process served on after SIGTERM until it was killed.
 */
describe('the API process on SIGTERM', () => {
  const apiProcess = useApiProcess();

  it('exits while keep-alive clients keep sending; every intake it answered is stored, and no answer is a 5xx', async () => {
    const { api, db } = apiProcess;
    const token = await login(api.url, 'reception');
    let exited = false;
    const answered: string[] = [];
    const statuses = new Set<number>();
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let n = 0; !exited; n++) {
        const res = await call(api.url, 'POST', '/api/v1/dossiers', { token, body: intakeBody('1.001193', `Người nộp ${c}-${n}`, '001090012345') });
        statuses.add(res.status);
        if (res.status === 201) answered.push(res.body.id);
        // No answer: the listener is gone; try again at once, as a client behind a load balancer would.
        if (res.status === 0) await pause(10);
      }
    });
    await waitFor(async () => answered.length >= 20, 30_000, 'intakes before SIGTERM');

    await api.kill('SIGTERM');
    exited = true;
    await Promise.all(clients);

    expect([...statuses].filter((s) => s !== 201 && s !== 0)).toEqual([]);
    const { rows } = await db.query('SELECT id FROM dossier WHERE id = ANY($1::uuid[])', [answered]);
    expect(rows).toHaveLength(answered.length);
  });
});
