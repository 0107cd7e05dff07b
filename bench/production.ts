// The lean production process: cold start of the compiled server (spawn to first 200 on a filled database)
// and its resident memory while serving the cached article under load, against the targets in issue 17.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runLoad, median, type LoadTool } from './load.js';
import { productionNodeFlags, startMasthead } from './masthead-server.js';
import { readCpuSeconds, readMemoryMiB, stopChild, type Child } from './processes.js';

export const COLD_START_TARGET_MS = 1000;
export const RSS_TARGET_MIB = 120;

/** Whether dist/ is newer than every file in src/, the rule bin/masthead.mjs applies before running it. */
export function buildIsFresh(root: string): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(root, 'dist', 'BUILT')).mtimeMs;
  } catch {
    return false;
  }
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const file = path.join(dir, e.name);
      return e.isDirectory() ? newer(file) : fs.statSync(file).mtimeMs > built;
    });
  return !newer(path.join(root, 'src'));
}

/**
 * Makes sure `serve` will run the compiled JavaScript: builds when dist/ is missing or older than src/
 * (or says so and goes on with the sources under --no-build). Returns what the cold starts below measure.
 */
export function ensureBuild(root: string, build: boolean): 'dist' | 'sources' {
  if (process.env.MASTHEAD_FROM_SOURCE === '1') return 'sources';
  if (buildIsFresh(root)) return 'dist';
  if (!build) return 'sources';
  console.log('dist/ is missing or older than src/: npm run build (the cold start measures the compiled server)...');
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return buildIsFresh(root) ? 'dist' : 'sources';
}

export interface ColdStart {
  wallMs: number;
  /** CPU time (user + system, all threads) the server had used by its first 200: what a busy machine distorts least. */
  cpuMs: number | null;
  rssMiB: number | null;
}

/** Spawns the server `runs` times over the same filled database, each timed from spawn to its first 200 from `/`. */
export async function measureColdStarts(opts: {
  root: string;
  databaseFile: string;
  runs: number;
  cpu: number | null;
  track: (c: Child) => void;
}): Promise<ColdStart[]> {
  const starts: ColdStart[] = [];
  for (let i = 0; i < opts.runs; i++) {
    // DEMO_CONTENT=true as `npm start` has it: a filled site skips the import, so only the check remains.
    const s = await startMasthead({ root: opts.root, databaseFile: opts.databaseFile, demoContent: true, cpu: opts.cpu, track: opts.track });
    const cpu = readCpuSeconds(s.child.pid);
    starts.push({ wallMs: s.startupMs, cpuMs: cpu === null ? null : cpu * 1000, rssMiB: readMemoryMiB(s.child.pid)?.rss ?? null });
    await stopChild(s.child);
  }
  return starts;
}

const spread = (values: number[], digits = 0) =>
  `median ${median(values).toFixed(digits)}, min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}`;

export function coldStartReport(starts: ColdStart[], ran: 'dist' | 'sources', loadAvg: string, root: string): string {
  const wall = starts.map((s) => s.wallMs);
  const cpu = starts.map((s) => s.cpuMs).filter((n): n is number => n !== null);
  const rss = starts.map((s) => s.rssMiB).filter((n): n is number => n !== null);
  const verdict = median(wall) <= COLD_START_TARGET_MS ? 'meets' : 'misses';
  return [
    `runs: ${
      ran === 'dist'
        ? 'the bundled JavaScript in dist/ (no transpiler)'
        : 'the TypeScript sources through tsx (dist/ stale or MASTHEAD_FROM_SOURCE=1): not the production figure'
    }`,
    `  node flags, as npm start has them: ${productionNodeFlags(root).join(' ') || 'none'}`,
    `cold start (spawn to first 200 on a filled database), ${starts.length} runs: ${spread(wall)} ms; target <= ${COLD_START_TARGET_MS} ms: ${verdict}`,
    `  each: ${wall.map((n) => Math.round(n)).join(', ')} ms wall`,
    cpu.length
      ? `  CPU the server used by then (user + system, all threads): ${spread(cpu)} ms; ` +
        `each ${cpu.map((n) => Math.round(n)).join(', ')}; ${median(cpu) <= COLD_START_TARGET_MS ? 'within' : 'over'} ` +
        `the ${COLD_START_TARGET_MS} ms (what wall time would be on an idle core)`
      : '',
    rss.length ? `  RSS at the first 200: ${spread(rss)} MiB` : '',
    `  load average ${loadAvg}: wall time stretches with the load (the CPU figure much less); on an idle machine wall ≈ CPU.`,
  ]
    .filter(Boolean)
    .join('\n');
}

export interface RssUnderLoad {
  /** The largest RSS sampled while the load ran, and the last one. */
  maxMiB: number;
  endMiB: number;
  samples: number;
  rps: number;
}

/** Loads `url` for `durationSec` while sampling the server's RSS every 200 ms. */
export async function measureRssUnderLoad(opts: {
  tool: LoadTool;
  child: Child;
  url: string;
  durationSec: number;
  connections: number;
  loadCpu: number | null;
}): Promise<RssUnderLoad> {
  const samples: number[] = [];
  const sample = () => {
    const m = readMemoryMiB(opts.child.pid);
    if (m) samples.push(m.rss);
  };
  const timer = setInterval(sample, 200);
  try {
    const r = await runLoad(opts.tool, { url: opts.url, durationSec: opts.durationSec, connections: opts.connections, cpu: opts.loadCpu });
    sample();
    return { maxMiB: Math.max(...samples), endMiB: samples[samples.length - 1] ?? NaN, samples: samples.length, rps: r.rps };
  } finally {
    clearInterval(timer);
  }
}

export function rssReport(r: RssUnderLoad, durationSec: number): string {
  return (
    `RSS while serving the cached article under load (${durationSec} s, ${Math.round(r.rps)} req/s, ${r.samples} ` +
    `samples): max ${r.maxMiB.toFixed(0)} MiB, at the end ${r.endMiB.toFixed(0)} MiB; ` +
    `target <= ${RSS_TARGET_MIB} MiB: ${r.maxMiB <= RSS_TARGET_MIB ? 'meets' : 'misses'}`
  );
}
