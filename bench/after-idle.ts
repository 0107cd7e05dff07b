// A quiet spell, then a burst: what a story breaking overnight meets. A fresh server answers a handful of
// requests (the page is rendered and cached), sits idle, then takes full load on its cached pages, against the
// bare node:http server replaying the same bytes. Twice: with `npm start`'s flags, and with V8's memory reducer
// left on (the same flags without --no-memory-reducer); the bare server runs with the same flags as Masthead in
// each setup. On Node 20, the reducer's full GC in such an idle spell can leave node:http's response objects
// allocating several times their usual size for the rest of the process's life, at about half the req/s
// (measured on Masthead and on the bare server alike). The main comparison in run.ts loads its bare server from
// the start, so the bare side never met it there.
import path from 'node:path';
import { runRounds, type ComparisonSettings } from './load-rounds.js';
import { median } from './load.js';
import { productionNodeFlags, startMasthead } from './masthead-server.js';
import { spawnNode, stopChild, waitForLine, type Child } from './processes.js';
import { formatTable, roundRatios } from './report.js';
import { buildTargets, captureTargets, checkReplay, writeResponsesFile } from './targets.js';

/** Longer than V8's memory reducer waits (8 s of low allocation) before its first full GC. */
export const IDLE_SEC = 12;
const REDUCER_OFF = '--no-memory-reducer';

export interface AfterIdleOptions extends ComparisonSettings {
  databaseFile: string;
  demoContent: boolean;
  article: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs both setups and prints one table. */
export async function compareAfterIdle(o: AfterIdleOptions): Promise<void> {
  const flags = productionNodeFlags(o.root);
  const setups = [
    { name: 'npm start flags', flags },
    ...(flags.includes(REDUCER_OFF) ? [{ name: `without ${REDUCER_OFF}`, flags: flags.filter((f) => f !== REDUCER_OFF) }] : []),
  ];
  const all = buildTargets({ article: o.article, home: '/', feed: '/feed.xml' });
  const targets = [all[0]!, all[3]!]; // the cached article and the cached feed
  const rows: string[][] = [];
  for (const setup of setups) {
    const server = await startMasthead({
      root: o.root,
      databaseFile: o.databaseFile,
      demoContent: o.demoContent,
      cpu: o.serverCpu,
      track: o.track,
      nodeFlags: setup.flags,
    });
    let bare: Child | null = null;
    try {
      const captured = await captureTargets(server.base, targets);
      const file = path.join(o.tmpDir, 'after-idle.json');
      writeResponsesFile(file, captured);
      bare = spawnNode('bare', [...setup.flags, 'bench/bare-server.mjs', file], { cpu: o.serverCpu, cwd: o.root });
      o.track(bare);
      const bareBase = `http://127.0.0.1:${(await waitForLine(bare, /listening (\d+)/, 10_000))[1]}`;
      await checkReplay(bareBase, captured);
      await sleep(IDLE_SEC * 1000);
      // No warm-up: the first load after the quiet spell is the point.
      const results = await runRounds({
        tool: o.tool,
        targets,
        ours: server,
        bare: { child: bare, base: bareBase },
        rounds: o.rounds,
        durationSec: o.durationSec,
        warmupSec: 0,
        connections: o.connections,
        loadCpu: o.loadCpu,
      });
      for (const r of results)
        rows.push([setup.name, r.target, Math.round(r.server.rps).toString(), Math.round(r.bare.rps).toString(), median(roundRatios(r)).toFixed(3)]);
    } finally {
      if (bare) await stopChild(bare);
      await stopChild(server.child);
    }
  }
  console.log(`\n${formatTable(['node flags', 'target', 'masthead req/s', 'bare req/s', 'vs bare'], rows, [false, false, true, true, true])}`);
  console.log(
    `each setup: a fresh server, its pages fetched until cached, ${IDLE_SEC} s idle, then the rounds (no warm-up); vs bare: median of per-round ratios.`,
  );
}
