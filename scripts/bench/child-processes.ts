import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface StartOptions {
  /** A name for logs and the RSS table, e.g. "api" or "worker-1". */
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  /** Resolves when the process is ready; it may read the output collected so far. */
  ready: (output: () => string) => Promise<void>;
}

interface Tracked {
  name: string;
  child: ChildProcess;
  peakKb: number;
}

const RSS_POLL_MS = 200;
/** Preloaded into profiled processes so that their graceful stop ends in a normal exit, which writes the profile. */
const EXIT_ON_SIGNAL = join(__dirname, 'exit-on-signal.js');

/** The product's processes started by the bench: started, watched for peak RSS, stopped on the way out whatever happens. */
export class ProcessGroup {
  private readonly tracked = new Map<number, Tracked>();
  private readonly stopping = new Set<number>();
  private readonly peaks = new Map<string, number>();
  private readonly names = new Map<number, { name: string; since: number }>();
  private readonly timer: NodeJS.Timeout;

  /** With `profileDir`, every process runs under --cpu-prof and leaves its profile there when it stops. */
  constructor(
    private readonly log: (line: string) => void,
    private readonly profileDir: string | null = null,
  ) {
    this.timer = setInterval(() => this.pollRss(), RSS_POLL_MS);
    this.timer.unref();
  }

  async start(opts: StartOptions): Promise<ChildProcess> {
    const profiling = this.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.profileDir}`, '--require', EXIT_ON_SIGNAL] : [];
    const child = spawn(process.execPath, [...profiling, opts.script, ...(opts.args ?? [])], {
      env: { PATH: process.env.PATH ?? '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`${opts.name} did not start`);
    const entry: Tracked = { name: opts.name, child, peakKb: 0 };
    this.tracked.set(child.pid, entry);
    this.names.set(child.pid, { name: opts.name, since: Date.now() });
    let output = '';
    const collect = (chunk: Buffer) => {
      // Keep the tail only: enough to explain a failed start, bounded for a long run.
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`${opts.name} exited (${code ?? signal}) before it was ready:\n${output}`))),
    );
    exited.catch(() => undefined);
    child.once('exit', (code, signal) => {
      this.pollOne(entry);
      this.tracked.delete(child.pid!);
      if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL' && !this.stopping.has(child.pid!)) {
        this.log(`${opts.name} exited unexpectedly (${code ?? signal}):\n${output.slice(-3000)}`);
      }
    });
    await Promise.race([opts.ready(() => output), exited]);
    this.log(`${opts.name} ready (pid ${child.pid})`);
    return child;
  }

  /** SIGTERM (the product's graceful stop), SIGKILL after a grace period. */
  async stop(child: ChildProcess, graceMs = 15_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    this.stopping.add(child.pid);
    const entry = this.tracked.get(child.pid);
    if (entry) this.pollOne(entry);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.tracked.values()].map((t) => this.stop(t.child)));
  }

  /** Peak resident set size (VmHWM) of every process started, in MiB, by name. */
  peakRssMiB(): Record<string, number> {
    for (const t of this.tracked.values()) this.pollOne(t);
    return Object.fromEntries([...this.peaks].map(([name, kb]) => [name, kb / 1024]));
  }

  /** The CPU profiles the stopped processes wrote, by process name. */
  profiles(): { name: string; file: string }[] {
    if (!this.profileDir) return [];
    const dir = this.profileDir;
    // Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
    return readdirSync(dir).flatMap((f) => {
      const started = this.names.get(Number(f.split('.')[3]));
      const file = join(dir, f);
      // A recycled pid of an earlier run's file does not count.
      return f.endsWith('.cpuprofile') && started && statSync(file).mtimeMs >= started.since ? [{ name: started.name, file }] : [];
    });
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private pollRss(): void {
    for (const t of this.tracked.values()) this.pollOne(t);
  }

  private pollOne(t: Tracked): void {
    const kb = readPeakKb(t.child.pid);
    if (kb > t.peakKb) t.peakKb = kb;
    this.peaks.set(t.name, Math.max(this.peaks.get(t.name) ?? 0, t.peakKb));
  }
}

/** CPU time (user + system) a process has used so far, in seconds; a steadier cost figure than rates on a shared machine. */
export function cpuSeconds(child: ChildProcess): number {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100 per second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The resident set size (VmRSS) of a process now, in MiB; NaN once it is gone. */
export function rssMiB(child: ChildProcess): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** VmHWM (the kernel's high-water mark of RSS), or VmRSS where VmHWM is missing; 0 once the process is gone. */
function readPeakKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status);
    return hwm ? Number(hwm[1]) : 0;
  } catch {
    return 0;
  }
}

/** Ready when GET url answers 200. */
export function whenHealthy(url: string, timeoutMs = 60_000): () => Promise<void> {
  return async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  };
}

/** Ready when the output contains `text`. */
export function whenOutput(text: string, timeoutMs = 60_000): (output: () => string) => Promise<void> {
  return async (output) => {
    const deadline = Date.now() + timeoutMs;
    while (!output().includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs / 1000} s:\n${output()}`);
      await sleep(100);
    }
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
