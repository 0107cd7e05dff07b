// Child processes for the benchmark: spawning (optionally pinned to a CPU), readiness, output capture,
// memory readings and a teardown that always runs. Loopback only.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/** A running child plus the tail of what it printed, so a crash or a logged error can be shown. */
export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Last lines of stdout and stderr, interleaved; capped so a chatty logger cannot grow memory. */
  output: string[];
  exited: Promise<number | null>;
  hasExited: () => boolean;
  /** How it ended, e.g. "code 1" or "signal SIGKILL"; null while running. */
  exitReason: () => string | null;
}

const MAX_OUTPUT_LINES = 200;

/** CPUs this process may run on, from the kernel (containers often allow fewer than the machine has). */
export function allowedCpus(): number[] {
  const line = fs.readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:\s*(.+)$/m)?.[1] ?? '';
  return line.split(',').flatMap((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    if (lo === undefined || Number.isNaN(lo)) return [];
    const end = hi === undefined || Number.isNaN(hi) ? lo : hi;
    return Array.from({ length: end - lo + 1 }, (_, i) => lo + i);
  });
}

/**
 * Pins every thread of this process (the load generator) to `cpu`. Returns false where taskset is
 * missing or the kernel refuses, so the caller can fall back to unpinned runs and say so.
 */
export function pinSelf(cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `node <args>`, under `taskset -c <cpu>` when a CPU is given. taskset execs node in place,
 * so the pid we hold is node's own: /proc readings and signals reach the server, not a wrapper.
 */
export function spawnNode(
  name: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cpu?: number | string | null; cwd?: string; under?: string[] },
): Child {
  // `under`: a command that runs node in place (valgrind), so the pid is still the one doing the work.
  const node = [...(opts.under ?? []), process.execPath, ...args];
  const [cmd, cmdArgs] = opts.cpu == null ? [node[0]!, node.slice(1)] : ['taskset', ['-c', String(opts.cpu), ...node]];
  const proc = spawn(cmd, cmdArgs, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const output: string[] = [];
  const collect = (stream: string) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(`[${stream}] ${line}`);
      if (output.length > MAX_OUTPUT_LINES) output.shift();
    }
  };
  proc.stdout?.on('data', collect('stdout'));
  proc.stderr?.on('data', collect('stderr'));
  let reason: string | null = null;
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code, signal) => {
      reason = signal ? `signal ${signal}` : `code ${code}`;
      resolve(code);
    }),
  );
  return { name, proc, pid: proc.pid, output, exited, hasExited: () => reason !== null, exitReason: () => reason };
}

/** SIGTERM (the server closes its database), then SIGKILL if it has not gone within `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.hasExited()) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** A port the kernel just handed out. Another process could take it before the server binds; on loopback that is rare. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * GET with node:http rather than fetch: fetch asks for gzip and decodes bodies, and we want the exact
 * bytes and headers the load generator (which sends only the headers we give it) will receive.
 */
export function httpGet(url: string, timeoutMs = 5000, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
  });
}

/** Polls until `url` answers 200; fails early if the child dies, so a crash is reported instead of a timeout. */
export async function waitForOk(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited (${child.exitReason()}) before answering ${url}:\n${child.output.join('\n')}`);
    try {
      const res = await httpGet(url, 2000);
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${child.name} did not answer 200 at ${url} within ${timeoutMs} ms (${last}):\n${child.output.join('\n')}`);
}

/** Resident and peak-resident memory of a process in MiB, from /proc; null where /proc is missing or it has exited. */
export function readMemoryMiB(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s*(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Waits for a line of the child's output to match, e.g. the port a server reports once it is bound. */
export async function waitForLine(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of child.output) {
      const m = line.match(pattern);
      if (m) return m;
    }
    if (child.hasExited()) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${child.name} did not print ${pattern} within ${timeoutMs} ms:\n${child.output.join('\n')}`);
}

let ticksPerSecond: number | null = null;

/**
 * CPU seconds (user + system, all threads) a process has used, from /proc/<pid>/stat; null where unreadable.
 * Sampled around a load run, it shows whether the server had its CPU to itself: a neighbour on that CPU
 * shows up as a server using well under 100% while saturated.
 */
export function readCpuSeconds(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}
