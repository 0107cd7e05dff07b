// `npm run bench [-- --duration N --rounds N --warmup N --connections N --no-pin --quick]`
// Starts the real Masthead server with demo content, then measures its article page, home page and RSS
// feed against a bare node:http server replaying the same bytes and headers: the ceiling any Node
// framework can reach on this machine. A benchmark, not a test: it reports numbers and exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, stopLoad, summarise, type LoadResult } from './load.js';
import {
  allowedCpus, freePort, httpGet, pinSelf, readMemoryMiB, spawnNode, stopChild, waitForLine, waitForOk,
  type Child, type RawResponse,
} from './processes.js';
import { cpuModel, resultsTable, type TargetResult } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 120_000;

interface BenchArgs {
  durationSec: number;
  rounds: number;
  warmupSec: number;
  connections: number;
  pin: boolean;
}

function parseCli(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
    },
  });
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min} (got ${raw})`);
    return n;
  };
  return {
    durationSec: int('duration', values.duration, values.quick ? 3 : 10, 1),
    rounds: int('rounds', values.rounds, values.quick ? 1 : 3, 1),
    warmupSec: int('warmup', values.warmup, values.quick ? 1 : 2, 0),
    connections: int('connections', values.connections, 50, 1),
    pin: !values['no-pin'],
  };
}

// Everything that must not outlive the run, torn down on success, error, Ctrl+C and the watchdog alike.
const children: Child[] = [];
let tmpDir: string | null = null;

async function teardown(): Promise<void> {
  stopLoad();
  await Promise.all(children.map((c) => stopChild(c)));
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = null;
}

// Last resort if something calls process.exit mid-run: no async work is possible here, so kill hard.
process.on('exit', () => {
  for (const c of children) if (!c.hasExited()) c.proc.kill('SIGKILL');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

function abort(reason: string, code: number): void {
  console.error(`\n${reason}: stopping and cleaning up.`);
  void teardown().finally(() => process.exit(code));
}
process.once('SIGINT', () => abort('Interrupted', 130));
process.once('SIGTERM', () => abort('Terminated', 143));

/** The lead story: the first article link on the home page, which lists newest first. */
function firstArticlePath(home: RawResponse): string {
  const m = home.body.toString('utf8').match(/href="(?:https?:\/\/[^/"]+)?(\/articles\/[^"?#]+)"/);
  if (!m?.[1]) throw new Error('the home page links to no article: did the demo content load? (see server output above)');
  return m[1];
}

async function main(args: BenchArgs): Promise<void> {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-'));
  const cpus = allowedCpus(); // read before pinSelf narrows this process to one CPU
  // Server and baseline share one CPU, the load generator gets another: otherwise they compete for cores.
  const pinned = args.pin && cpus.length >= 2 && pinSelf(cpus[1]!);
  const serverCpu = pinned ? cpus[0]! : null;
  // Other work on the machine moves these numbers more than anything in the code: show how busy it was.
  const loadAvg = () => os.loadavg()[0]!.toFixed(2);
  console.log(`node ${process.version} | ${cpuModel()} | ${cpus.length} CPUs allowed | load average ${loadAvg()}`);
  console.log(
    pinned
      ? `pinning: servers on CPU ${cpus[0]}, autocannon on CPU ${cpus[1]} (taskset)`
      : 'pinning: off (taskset missing, fewer than 2 CPUs, refused, or --no-pin); numbers are noisier',
  );
  console.log(`load: autocannon, ${args.connections} connections, pipelining 1, ${args.rounds} x ${args.durationSec}s per server and page, ${args.warmupSec}s warm-up\n`);

  const port = await freePort();
  const env = {
    ...process.env, PORT: String(port), HOST, DATABASE_URL: `sqlite:${path.join(tmpDir, 'bench.db')}`,
    DEMO_CONTENT: 'true', LOG_LEVEL: 'warn',
  };

  const base = `http://${HOST}:${port}`;
  const started = performance.now();
  const server = spawnNode('masthead', ['bin/masthead.mjs', 'serve'], { env, cpu: serverCpu, cwd: ROOT });
  children.push(server);
  await waitForOk(`${base}/`, server, STARTUP_TIMEOUT_MS);
  const startupMs = performance.now() - started;
  console.log(`startup: ${Math.round(startupMs)} ms from spawn to the first 200 from / (includes migrations and demo import)`);

  const home = await httpGet(`${base}/`);
  const pages = { article: firstArticlePath(home), home: '/', feed: '/feed.xml' };
  const captured: Record<string, RawResponse> = {};
  for (const [name, p] of Object.entries(pages)) {
    // The second answer is the one steady load sees: a page cache, if the server has one, is warm by then.
    await httpGet(base + p);
    const res = await httpGet(base + p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}, expected 200`);
    captured[p] = res;
    const cache = res.headers['x-cache'] ? `  x-cache: ${res.headers['x-cache']}` : '';
    console.log(`${name.padEnd(8)} ${p}  ${(res.body.length / 1024).toFixed(1)} KB  ${res.headers['content-type'] ?? ''}${cache}`);
  }
  const responsesFile = path.join(tmpDir, 'responses.json');
  fs.writeFileSync(
    responsesFile,
    JSON.stringify(Object.fromEntries(Object.entries(captured).map(([p, r]) => [p, { status: r.status, headers: r.headers, bodyBase64: r.body.toString('base64') }]))),
  );

  const bare = spawnNode('bare', ['bench/bare-server.mjs', responsesFile], { cpu: serverCpu, cwd: ROOT });
  children.push(bare);
  const bareBase = `http://${HOST}:${(await waitForLine(bare, /listening (\d+)/, 10_000))[1]}`;
  // Replay check: same bytes and headers from both, or the comparison means nothing.
  const headerLines = (r: RawResponse) =>
    Object.entries(r.headers).filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k)).map(([k, v]) => `${k}: ${v}`).sort().join('\n');
  for (const p of Object.values(pages)) {
    const replay = await httpGet(bareBase + p);
    if (!replay.body.equals(captured[p]!.body)) throw new Error(`bare server does not replay ${p} byte for byte`);
    if (headerLines(replay) !== headerLines(captured[p]!)) throw new Error(`bare server's headers for ${p} differ:\n${headerLines(replay)}\n---\n${headerLines(captured[p]!)}`);
  }

  // A server that dies mid-run would otherwise show up only as a row of failures.
  const load = async (url: string, durationSec: number) => {
    const result = await runLoad({ url, durationSec, connections: args.connections });
    for (const c of [server, bare]) {
      if (c.hasExited()) throw new Error(`${c.name} (pid ${c.pid}) exited during the run (${c.exitReason()}):\n${c.output.join('\n')}`);
    }
    return result;
  };
  const results: TargetResult[] = [];
  for (const [name, p] of Object.entries(pages)) {
    if (args.warmupSec > 0) {
      await load(base + p, args.warmupSec);
      await load(bareBase + p, args.warmupSec);
    }
    const ours: LoadResult[] = [];
    const theirs: LoadResult[] = [];
    // Alternate within each round so drift (thermal, neighbours) lands on both servers alike.
    for (let r = 1; r <= args.rounds; r++) {
      ours.push(await load(base + p, args.durationSec));
      theirs.push(await load(bareBase + p, args.durationSec));
      console.log(`  ${name} round ${r}/${args.rounds}: masthead ${Math.round(ours.at(-1)!.rps)} req/s, bare ${Math.round(theirs.at(-1)!.rps)} req/s`);
    }
    results.push({ page: name, server: summarise(ours), bare: summarise(theirs) });
  }

  const mem = readMemoryMiB(server.pid);
  const bareMem = readMemoryMiB(bare.pid);
  console.log(`\n${resultsTable(results)}\n`);
  console.log('req/s, p50 and p99 are medians over rounds; "vs bare" is the ratio of median req/s.');
  console.log(`load average at the end: ${loadAvg()} (above ~0.5 on 2 CPUs, something else was running: expect noise)`);
  console.log('autocannon tops out near 15-20k req/s on 2 cores, which flatters ratios; use wrk for the ceiling itself.');
  if (mem) console.log(`masthead memory after the run: RSS ${mem.rss.toFixed(0)} MiB (peak ${mem.peak.toFixed(0)} MiB)${bareMem ? `; bare server RSS ${bareMem.rss.toFixed(0)} MiB` : ''}`);
  // Plain stdout lines are the CLI's status messages; warnings arrive on stderr or as pino JSON on stdout.
  const logged = server.output.filter((l) => l.startsWith('[stderr]') || l.startsWith('[stdout] {'));
  if (logged.length) console.log(`\nmasthead printed during the run (last ${logged.length} lines):\n${logged.join('\n')}`);
}

let watchdog: NodeJS.Timeout | undefined;
try {
  const args = parseCli(process.argv.slice(2));
  // Bounded in time whatever happens: every load run, plus five minutes for startup and capture.
  const budgetSec = 3 * 2 * (args.rounds * (args.durationSec + 1) + args.warmupSec + 1) + 300;
  watchdog = setTimeout(() => abort(`Watchdog: the bench ran past its ${budgetSec}s budget`, 1), budgetSec * 1000).unref();
  await main(args);
} catch (err) {
  console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await teardown();
}
