// Scale-out: req/s through a round-robin proxy (bench/round-robin-proxy.mjs, or nginx's role in
// docs/operations.md) to 1 and then 2 app processes over the same database, alternating round by round.
// On a 2-core machine the proxy, the apps and the load generator share the same two CPUs, so a second
// process can only win what one process leaves idle: the report says how much that was.
import os from 'node:os';
import { median, runLoad, type LoadTool } from './load.js';
import { startMasthead } from './masthead-server.js';
import { readCpuSeconds, spawnNode, stopChild, waitForLine, type Child } from './processes.js';
import { formatTable } from './report.js';
import { PERSONAL_COOKIE } from './targets.js';

export interface ScaleOutOptions {
  root: string;
  databaseFile: string;
  tool: LoadTool;
  article: string;
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  track: (c: Child) => void;
  /** Every CPU this run may use: the apps and the proxy are spread over all of them. */
  cpus: number[];
}

interface Setup {
  name: string;
  base: string;
  apps: Child[];
  /** The proxy in front, whose CPU comes out of the same two cores. */
  proxy: Child | null;
}

const loadAvg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** Runs the comparison and prints a table; every process it starts is stopped before it returns. */
export async function compareScaleOut(opts: ScaleOutOptions): Promise<void> {
  const started: Child[] = [];
  const track = (c: Child) => {
    started.push(c);
    opts.track(c);
  };
  try {
    // Unpinned: each app may use any CPU, as on a real host (set explicitly: this process is pinned to one,
    // and a child would inherit that). One after the other, so their start-up writes (the owner's sign-in
    // link on a site with no staff) never race.
    const all = opts.cpus.join(',');
    const start = () => startMasthead({ root: opts.root, databaseFile: opts.databaseFile, demoContent: false, cpu: all, track });
    const a = await start();
    const b = await start();
    const proxy = async (upstreams: string[]) => {
      const p = spawnNode('proxy', ['bench/round-robin-proxy.mjs', ...upstreams], { cwd: opts.root, cpu: all });
      track(p);
      return { base: `http://127.0.0.1:${(await waitForLine(p, /listening (\d+)/, 10_000))[1]}`, proxy: p };
    };
    const setups: Setup[] = [
      { name: '1 process, direct', base: a.base, apps: [a.child], proxy: null },
      { name: '1 process behind the proxy', apps: [a.child], ...(await proxy([a.base])) },
      { name: '2 processes behind the proxy', apps: [a.child, b.child], ...(await proxy([a.base, b.base])) },
    ];
    const targets = [
      { name: 'article (cached)', headers: {} as Record<string, string> },
      { name: 'article (cache miss)', headers: { Cookie: PERSONAL_COOKIE } },
    ];
    const rows: string[][] = [];
    for (const t of targets) {
      const run = async (s: Setup, sec: number) => {
        const cpuBefore = s.apps.map((c) => readCpuSeconds(c.pid) ?? 0);
        const proxyBefore = s.proxy ? (readCpuSeconds(s.proxy.pid) ?? 0) : 0;
        const t0 = performance.now();
        const r = await runLoad(opts.tool, { url: s.base + opts.article, durationSec: sec, connections: opts.connections, headers: t.headers });
        const elapsed = (performance.now() - t0) / 1000;
        const cpu = s.apps.reduce((sum, c, i) => sum + ((readCpuSeconds(c.pid) ?? 0) - cpuBefore[i]!), 0) / elapsed;
        const proxyCpu = s.proxy ? ((readCpuSeconds(s.proxy.pid) ?? 0) - proxyBefore) / elapsed : null;
        for (const c of started) if (c.hasExited()) throw new Error(`${c.name} exited during the scale-out run (${c.exitReason()}):\n${c.output.join('\n')}`);
        return { ...r, cpu, proxyCpu };
      };
      if (opts.warmupSec > 0) for (const s of setups) await run(s, opts.warmupSec);
      const per = setups.map(() => [] as { rps: number; p99: number; failures: number; cpu: number; proxyCpu: number | null }[]);
      for (let round = 1; round <= opts.rounds; round++) {
        const line: string[] = [];
        for (const [i, s] of setups.entries()) {
          const r = await run(s, opts.durationSec);
          per[i]!.push(r);
          line.push(`${s.name} ${Math.round(r.rps)}`);
        }
        console.log(`  ${t.name} round ${round}/${opts.rounds}: ${line.join(', ')} req/s; load average ${loadAvg()}`);
      }
      const oneBehind = median(per[1]!.map((r) => r.rps));
      for (const [i, s] of setups.entries()) {
        const rps = per[i]!.map((r) => r.rps);
        rows.push([
          t.name,
          s.name,
          Math.round(median(rps)).toString(),
          `${Math.round(Math.min(...rps))}-${Math.round(Math.max(...rps))}`,
          median(per[i]!.map((r) => r.p99)).toFixed(1),
          `${Math.round(median(per[i]!.map((r) => r.cpu)) * 100)}%`,
          s.proxy ? `${Math.round(median(per[i]!.map((r) => r.proxyCpu ?? 0)) * 100)}%` : '',
          i === 0 ? '' : `${(median(rps) / oneBehind).toFixed(2)}x`,
          String(per[i]!.reduce((n, r) => n + r.failures, 0)),
        ]);
      }
    }
    console.log(
      `\n${formatTable(['target', 'setup', 'req/s', 'spread', 'p99 ms', 'app cpu', 'proxy cpu', 'vs 1 behind proxy', 'failures'], rows, [
        false,
        true,
        false,
        true,
        true,
        true,
        true,
        true,
        true,
      ])}\n`,
    );
    console.log(
      `app cpu: CPU the app process(es) used together, as a share of one CPU (200% = both cores); proxy cpu: ` +
        `the same for the proxy. ${opts.cpus.length} CPUs here, shared by the apps, ` +
        `the proxy and ${opts.tool} (in this process): a second app process can only use what the first leaves idle, ` +
        `so on 2 cores expect little or no gain, and a loss where the proxy's own work is the larger part (cached ` +
        `pages). Load average now ${loadAvg()}.`,
    );
  } finally {
    await Promise.all(started.map((c) => stopChild(c)));
  }
}
