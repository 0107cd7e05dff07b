// The ceiling comparison: each target loaded on Masthead and on the bare server, alternating, round by round,
// with the server's CPU time sampled around every run.
import os from 'node:os';
import { runLoad, summarise, type LoadResult, type LoadTool } from './load.js';
import { readCpuSeconds, type Child } from './processes.js';
import type { TargetResult } from './report.js';
import type { Target } from './targets.js';

/** What every side-by-side comparison in the bench shares: where things run, how hard and how long they are loaded. */
export interface ComparisonSettings {
  root: string;
  tmpDir: string;
  serverCpu: number | null;
  loadCpu: number | null;
  tool: LoadTool;
  rounds: number;
  durationSec: number;
  connections: number;
  /** Called with each child process started, so teardown reaches it. */
  track: (c: Child) => void;
}

export interface RoundsOptions {
  tool: LoadTool;
  targets: Target[];
  ours: { child: Child; base: string };
  bare: { child: Child; base: string };
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  /** CPU for the load generator; null = unpinned. */
  loadCpu: number | null;
}

const pct = (r: LoadResult) => (r.cpuShare == null ? '' : ` (cpu ${Math.round(r.cpuShare * 100)}%)`);

/** Runs every target's warm-up and rounds; prints one line per round; fails fast if either server dies. */
export async function runRounds(opts: RoundsOptions): Promise<TargetResult[]> {
  const load = async (server: { child: Child; base: string }, t: Target, durationSec: number): Promise<LoadResult> => {
    const cpuBefore = readCpuSeconds(server.child.pid);
    const started = performance.now();
    const result = await runLoad(opts.tool, { url: server.base + t.path, durationSec, connections: opts.connections, headers: t.headers, cpu: opts.loadCpu });
    const cpuAfter = readCpuSeconds(server.child.pid);
    for (const c of [opts.ours.child, opts.bare.child]) {
      if (c.hasExited()) throw new Error(`${c.name} (pid ${c.pid}) exited during the run (${c.exitReason()}):\n${c.output.join('\n')}`);
    }
    const cpuShare = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / ((performance.now() - started) / 1000);
    return { ...result, cpuShare };
  };
  const results: TargetResult[] = [];
  for (const t of opts.targets) {
    if (opts.warmupSec > 0) {
      await load(opts.ours, t, opts.warmupSec);
      await load(opts.bare, t, opts.warmupSec);
    }
    const ours: LoadResult[] = [];
    const theirs: LoadResult[] = [];
    // Both servers in each round, back to back, so drift (thermal, neighbours) lands on both alike; and which goes
    // first alternates round by round (ours-bare, bare-ours, …), so a neighbour that starts or stops mid-round,
    // or what the previous run left in the CPU's caches, favours neither side over the rounds.
    for (let r = 1; r <= opts.rounds; r++) {
      const oursFirst = r % 2 === 1;
      const first = await load(oursFirst ? opts.ours : opts.bare, t, opts.durationSec);
      const second = await load(oursFirst ? opts.bare : opts.ours, t, opts.durationSec);
      const [m, b] = oursFirst ? [first, second] : [second, first];
      ours.push(m);
      theirs.push(b);
      const loadAvg = os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ');
      console.log(
        `  ${t.name} round ${r}/${opts.rounds} (${oursFirst ? 'masthead first' : 'bare first'}): ` +
          `masthead ${Math.round(m.rps)} req/s${pct(m)}, bare ${Math.round(b.rps)} req/s${pct(b)}, load average ${loadAvg}`,
      );
    }
    results.push({ target: t.name, server: summarise(ours), bare: summarise(theirs) });
  }
  return results;
}
