import { type ChildProcess, spawn } from 'node:child_process';

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills `child` (SIGKILL) if the test process exits while it still runs: a crashed or interrupted test leaves no process behind. */
export function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/** Spawns `command` and resolves once its output contains `ready`; rejects with that output if it exits or does not within timeoutMs. */
export async function spawnReady(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; ready: string; timeoutMs: number; what: string },
): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(command, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${opts.what} did not start:\n${output}`)), opts.timeoutMs);
      const check = () => {
        if (!output.includes(opts.ready)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${opts.what} exited with ${code ?? signal}:\n${output}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.removeAllListeners('exit');
  killOnExit(child);
  return { child, output };
}

/** Sends `signal` unless the process is already gone, and waits until it has exited. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
