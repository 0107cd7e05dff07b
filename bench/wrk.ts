// wrk as the load generator: one thread, N connections, pinned with taskset, its --latency output parsed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadOptions, LoadResult } from './load.js';

let running: ChildProcess | null = null;

/** Converts wrk's "635.91us", "1.20ms", "2.00s" or "1.5m" to milliseconds. */
export function wrkDurationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk duration "${text}"`);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * factor;
}

/** Reads Requests/sec, the 50% and 99% latency lines, and every kind of failure wrk reports. */
export function parseWrkOutput(out: string): LoadResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out)?.[1];
  const p50 = /^\s+50%\s+(\S+)/m.exec(out)?.[1];
  const p99 = /^\s+99%\s+(\S+)/m.exec(out)?.[1];
  if (rps === undefined || p50 === undefined || p99 === undefined) throw new Error(`wrk printed no results:\n${out}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps: Number(rps), p50: wrkDurationMs(p50), p99: wrkDurationMs(p99), failures: socketErrors + non2xx };
}

/** Runs wrk once (`-t1 -c<N> -d<N>s --latency`), under taskset when a CPU is given; killed if it overruns. */
export function runWrk(wrk: string, opts: LoadOptions): Promise<LoadResult> {
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.durationSec}s`, '--timeout', '10s', '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (opts.post) args.push('-s', postScript(opts.post));
  args.push(opts.url);
  const [cmd, cmdArgs] = opts.cpu == null ? [wrk, args] : ['taskset', ['-c', String(opts.cpu), wrk, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), (opts.durationSec + 30) * 1000);
    child.once('error', (err) => {
      clearTimeout(guard);
      running = null;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(guard);
      running = null;
      if (code !== 0) return reject(new Error(`wrk ended with ${signal ?? `code ${code}`}:\n${out}`));
      try {
        resolve(parseWrkOutput(out));
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for ASCII text

/** A wrk Lua script that POSTs the body, cycling through distinct user agents (distinct visitors). */
function postScript(post: NonNullable<LoadOptions['post']>): string {
  const file = path.join(os.tmpdir(), `masthead-wrk-post-${process.pid}.lua`);
  const agents = post.userAgents ?? 1;
  fs.writeFileSync(
    file,
    [
      'wrk.method = "POST"',
      `wrk.body = ${lua(post.body)}`,
      `wrk.headers["Content-Type"] = ${lua(post.contentType)}`,
      'local n = 0',
      'request = function()',
      '  n = n + 1',
      `  wrk.headers["User-Agent"] = ${lua(post.userAgent)} .. " r/" .. (n % ${agents})`,
      '  return wrk.format()',
      'end',
      '',
    ].join('\n'),
  );
  return file;
}

/** Stops a wrk run in flight (Ctrl+C, watchdog). */
export function stopWrk(): void {
  if (running && running.exitCode === null) running.kill('SIGKILL');
}
