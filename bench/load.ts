// Load generation: wrk where installed (a C load generator, for the ceiling comparison), else autocannon
// in this (the parent) process; plus the statistics over rounds.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { runWrk, stopWrk } from './wrk.js';

/** One load run against one URL, reduced to what the report shows. */
export interface LoadResult {
  /** wrk: its Requests/sec; autocannon: the mean of its one-second samples. */
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts plus non-2xx answers: any of them makes the run's numbers suspect. */
  failures: number;
  /** CPU the server under load used, as a share of one CPU over the run (1 = all of it); null if unknown. */
  cpuShare?: number | null;
}

export interface LoadOptions {
  url: string;
  durationSec: number;
  connections: number;
  /** Extra request headers, e.g. a session cookie or Accept-Encoding. */
  headers?: Record<string, string>;
  /** CPU to pin the load generator to (wrk runs as its own process); null = unpinned. */
  cpu?: number | null;
  /**
   * POST this form body instead of GET (the view beacon). With wrk, `userAgents` distinct user agents
   * are cycled through, so the server sees that many visitors rather than one.
   */
  post?: { body: string; contentType: string; userAgent: string; userAgents?: number };
}

export type LoadTool = 'wrk' | 'autocannon';

const WRK = '/usr/bin/wrk';

/** wrk if it is installed, else autocannon (which saturates near 15-20k req/s on 2 cores and flatters ratios). */
export function pickLoadTool(): LoadTool {
  try {
    fs.accessSync(WRK, fs.constants.X_OK);
    return 'wrk';
  } catch {
    return 'autocannon';
  }
}

/** One run with the chosen tool. */
export function runLoad(tool: LoadTool, opts: LoadOptions): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(WRK, opts) : runAutocannon(opts);
}

let running: autocannon.Instance | null = null;

/** Runs autocannon once. Pipelining stays at 1: browsers and CDNs do not pipeline, so neither do we. */
function runAutocannon(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    running = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        pipelining: 1,
        duration: opts.durationSec,
        timeout: 10,
        headers: { ...(opts.headers ?? {}), ...(opts.post ? { 'content-type': opts.post.contentType, 'user-agent': opts.post.userAgent } : {}) },
        ...(opts.post ? { method: 'POST' as const, body: opts.post.body } : {}),
      },
      (err, result) => {
        running = null;
        if (err) return reject(err);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          failures: result.errors + result.non2xx,
        });
      },
    );
  });
}

/** Stops a run in flight, so Ctrl+C does not wait out the remaining seconds. */
export function stopLoad(): void {
  running?.stop();
  stopWrk();
}

/** Median of a non-empty list; with an even count, the mean of the middle two. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds of one server against one page, summarised by medians so a single noisy round cannot move them. */
export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  roundsRps: number[];
  /** Per round, the server's share of its CPU (null where /proc could not say). */
  roundsCpu: (number | null)[];
}

export function summarise(rounds: LoadResult[]): Summary {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
    roundsRps: rounds.map((r) => r.rps),
    roundsCpu: rounds.map((r) => r.cpuShare ?? null),
  };
}
