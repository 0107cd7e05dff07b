// Load generation with autocannon, in this (the parent) process, plus the statistics over rounds.
import autocannon from 'autocannon';

/** One autocannon run against one URL, reduced to what the report shows. */
export interface LoadResult {
  /** Mean of autocannon's one-second samples. */
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts plus non-2xx answers: any of them makes the run's numbers suspect. */
  failures: number;
}

export interface LoadOptions {
  url: string;
  durationSec: number;
  connections: number;
}

let running: autocannon.Instance | null = null;

/** Runs autocannon once. Pipelining stays at 1: browsers and CDNs do not pipeline, so neither do we. */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    running = autocannon(
      { url: opts.url, connections: opts.connections, pipelining: 1, duration: opts.durationSec, timeout: 10 },
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
}

export function summarise(rounds: LoadResult[]): Summary {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
    roundsRps: rounds.map((r) => r.rps),
  };
}
