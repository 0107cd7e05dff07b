// `node bin/run-ts.mjs bench/hit-instructions.ts [--requests N] [--windows N] [--warmup N] [--connections N] [--all] [--browser]`
// Instructions per cached request, Masthead's page-cache hit against the bare node:http server replaying the
// same bytes and headers: both servers run under `valgrind --tool=callgrind` with `node --predictable`, and a
// raw-socket client (outside valgrind) sends wrk's request bytes (--browser: plus a browser's dozen headers).
// Unlike req/s on a shared machine, the count holds steady under load, so a change to the hit path can be judged by it.
// Per target (the cached article and feed; --all: also brotli and home), after a warm-up: callgrind's counters are
// zeroed, N requests sent, the counters dumped, a few times. Each window is shown with what callgrind put under
// timer callbacks (wall-clock work such as the page-view flush, which valgrind's slowness inflates per request;
// left out of the figure), optimising compiles (warm-up not over: a window with them is not steady) and GC.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HOST, productionNodeFlags, startMasthead } from './masthead-server.js';
import { median } from './load.js';
import { freePort, httpGet, spawnNode, stopChild, waitForLine, waitForOk, type Child } from './processes.js';
import { buildTargets, captureTargets, writeResponsesFile, type Target } from './targets.js';

/**
 * With --browser, what a browser sends besides the URL (wrk sends Host alone): the page cache reads four headers
 * of these, and node:http builds req.headers from all of them. No Accept-Encoding, so each target keeps its variant.
 */
const BROWSER_HEADERS: Record<string, string> = {
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'Accept-Language': 'en-GB,en;q=0.9',
  'Cache-Control': 'max-age=0',
  Cookie: 'mh_consent=analytics',
  'Sec-Ch-Ua': '"Chromium";v="131", "Not_A Brand";v="24"',
  'Sec-Ch-Ua-Mobile': '?0',
  'Sec-Ch-Ua-Platform': '"Linux"',
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Site': 'none',
  'Sec-Fetch-User': '?1',
  'Upgrade-Insecure-Requests': '1',
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Sends `count` GETs over `connections` keep-alive sockets (wrk's request bytes); checks each status and X-Cache. */
export async function sendRequests(opts: { port: number; target: Target; count: number; connections: number; expectHit: boolean }): Promise<void> {
  const extra = Object.entries(opts.target.headers).map(([k, v]) => `${k}: ${v}\r\n`);
  const request = Buffer.from(`GET ${opts.target.path} HTTP/1.1\r\nHost: ${HOST}:${opts.port}\r\n${extra.join('')}\r\n`);
  let left = opts.count;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(opts.port, HOST);
      let buffered = Buffer.alloc(0);
      const next = () => {
        if (left <= 0) return void socket.end(resolve);
        left--;
        socket.write(request);
      };
      socket.on('connect', next);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (;;) {
          const end = buffered.indexOf('\r\n\r\n');
          if (end === -1) return;
          const head = buffered.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          if (buffered.length < end + 4 + length) return;
          buffered = buffered.subarray(end + 4 + length);
          if (!head.startsWith('HTTP/1.1 200')) return reject(new Error(`${opts.target.name}: ${head.split('\r\n')[0]}`));
          if (opts.expectHit && !/\r\nx-cache: HIT/i.test(head)) return reject(new Error(`${opts.target.name}: not a page-cache hit:\n${head}`));
          next();
        }
      });
    });
  await Promise.all(Array.from({ length: opts.connections }, one));
}

/**
 * Runs callgrind_control on the process (zero or dump) and waits for it to finish. vgdb names its pipes after
 * $USER and $HOST, and Masthead reads HOST as its listen address: the control must see the server's HOST.
 */
function callgrindControl(pid: number, action: '--zero' | '--dump', host: string | undefined): void {
  const env = { ...process.env };
  if (host === undefined) delete env.HOST;
  else env.HOST = host;
  const out = execFileSync('callgrind_control', [action, String(pid)], { encoding: 'utf8', env, timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/OK\./.test(out)) throw new Error(`callgrind_control ${action} ${pid} did not say OK:\n${out}`);
}

/** One window's counts, from callgrind_annotate's inclusive totals. */
interface WindowCounts {
  total: number;
  /** Timer callbacks (the page-view flush every 5 s, the job worker): they run per second, not per request. */
  timers: number;
  /** Optimising compiles: warm-up still going on. */
  compile: number;
  gc: number;
}

/** Reads the newest dump callgrind wrote for `pid`. */
function lastDump(dir: string, pid: number): WindowCounts {
  const dumps = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`callgrind.${pid}.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  const file = dumps.at(-1);
  if (!file) throw new Error(`callgrind wrote no dump for ${pid} in ${dir}`);
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', '--auto=no', path.join(dir, file)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const count = (pattern: RegExp) => {
    const line = text.split('\n').find((l) => pattern.test(l));
    return line ? Number(/^\s*([\d,]+)/.exec(line)![1]!.replace(/,/g, '')) : 0;
  };
  return {
    total: count(/PROGRAM TOTALS/),
    timers: count(/:uv__run_timers /),
    compile: count(/Runtime_CompileOptimized\(/),
    gc: count(/Heap::CollectGarbage\(/),
  };
}

/** Starts `node --predictable <args>` under callgrind (counting from the start: every window begins with a zero). */
function underCallgrind(name: string, args: string[], env: NodeJS.ProcessEnv, dir: string): Child {
  return spawnNode(name, ['--predictable', ...args], {
    env,
    cwd: ROOT,
    under: ['valgrind', '--tool=callgrind', '--quiet', `--callgrind-out-file=${dir}/callgrind.%p`],
  });
}

interface Measured {
  child: Child;
  dir: string;
  port: number;
  /** The HOST the server's environment had (see callgrindControl). */
  host: string | undefined;
  expectHit: boolean;
}

/**
 * Instructions per request for one target, once per window: callgrind's counters zeroed, N requests, a dump.
 * Garbage collection and late optimisation land in some windows and not others, so the median is the figure.
 */
async function perRequest(server: Measured, target: Target, n: number, windows: number, connections: number): Promise<WindowCounts[]> {
  const { child, dir, port, host, expectHit } = server;
  const counts: WindowCounts[] = [];
  for (let w = 0; w < windows; w++) {
    callgrindControl(child.pid, '--zero', host);
    await sendRequests({ port, target, count: n, connections, expectHit });
    callgrindControl(child.pid, '--dump', host);
    const c = lastDump(dir, child.pid);
    counts.push({ total: c.total / n, timers: c.timers / n, compile: c.compile / n, gc: c.gc / n });
  }
  return counts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '2000' },
      windows: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '4000' },
      connections: { type: 'string', default: '1' },
      all: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
    },
  });
  const n = Number(values.requests);
  const windows = Number(values.windows);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(windows) || windows < 1 || !Number.isInteger(warmup) || warmup < 0) throw new Error('--windows takes 1 or more, --warmup 0 or more');
  const connections = Number(values.connections);
  if (!Number.isInteger(n) || n < 100) throw new Error('--requests takes a whole number >= 100');
  if (!Number.isInteger(connections) || connections < 1 || connections > 100) throw new Error('--connections takes 1 to 100');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-hit-'));
  const children: Child[] = [];
  try {
    // The demo outlet is made (and the targets captured) at full speed; only the measured servers run under valgrind.
    const db = path.join(tmp, 'demo.db');
    const demo = await startMasthead({ root: ROOT, databaseFile: db, demoContent: true, cpu: null, track: (c) => children.push(c) });
    const home = (await httpGet(`${demo.base}/`)).body.toString('utf8');
    const article = /href="(?:https?:\/\/[^/"]+)?(\/articles\/[^"?#]+)"/.exec(home)?.[1];
    if (!article) throw new Error('the home page links to no article');
    const targets = buildTargets({ article, home: '/', feed: '/feed.xml' })
      .filter((t) => t.expect === 'HIT' && (values.all || !/br|home/.test(t.name)))
      .map((t) => (values.browser ? { ...t, headers: { ...BROWSER_HEADERS, ...t.headers } } : t));
    const captured = await captureTargets(demo.base, targets);
    const responses = path.join(tmp, 'responses.json');
    writeResponsesFile(responses, captured);
    await stopChild(demo.child);

    const oursPort = await freePort();
    const oursEnv = {
      ...process.env,
      PORT: String(oursPort),
      HOST,
      PUBLIC_URL: demo.base,
      DATABASE_URL: `sqlite:${db}`,
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'warn',
    };
    const ours = underCallgrind('masthead', [...productionNodeFlags(ROOT), 'bin/masthead.mjs', 'serve'], oursEnv, tmp);
    children.push(ours);
    const bare = underCallgrind('bare', ['bench/bare-server.mjs', responses], process.env, tmp);
    children.push(bare);
    await waitForOk(`http://${HOST}:${oursPort}/`, ours, 600_000);
    const barePort = Number((await waitForLine(bare, /listening (\d+)/, 600_000))[1]);
    // Ours fills its cache (and compresses) on the first requests; the bare server only replays.
    await captureTargets(`http://${HOST}:${oursPort}`, targets);

    const oursMeasured: Measured = { child: ours, dir: tmp, port: oursPort, host: HOST, expectHit: true };
    const bareMeasured: Measured = { child: bare, dir: tmp, port: barePort, host: process.env.HOST, expectHit: false };
    console.log(
      `callgrind, node ${process.version} --predictable; per target ${warmup} warm-up requests, then ${windows} windows of ${n} over ${connections} connection(s)`,
    );
    console.log('target                  masthead      bare  ratio (median instructions per request, timer callbacks left out)');
    for (const t of targets) {
      // Warm-up, so both servers' code is optimised before the windows.
      await sendRequests({ port: oursPort, target: t, count: warmup, connections, expectHit: true });
      await sendRequests({ port: barePort, target: t, count: warmup, connections, expectHit: false });
      const m = await perRequest(oursMeasured, t, n, windows, connections);
      const b = await perRequest(bareMeasured, t, n, windows, connections);
      const request = (c: WindowCounts) => c.total - c.timers;
      const show = (counts: WindowCounts[]) =>
        counts.map((c) => `${Math.round(request(c))} (timers ${Math.round(c.timers)}, compile ${Math.round(c.compile)}, gc ${Math.round(c.gc)})`).join(', ');
      const [ours, theirs] = [median(m.map(request)), median(b.map(request))];
      console.log(
        `${t.name.padEnd(22)}  ${Math.round(ours).toString().padStart(8)}  ${Math.round(theirs).toString().padStart(8)}  ${(theirs / ours).toFixed(3)}`,
      );
      console.log(`  masthead windows: ${show(m)}\n  bare windows:     ${show(b)}`);
    }
    console.log("ratio = bare / masthead: the share of the bare server's speed a CPU-bound Masthead could reach on these counts.");
  } finally {
    await Promise.all(children.map((c) => stopChild(c, 30_000)));
    if (!process.env.KEEP_CALLGRIND) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`dumps kept in ${tmp}`);
  }
}

await main();
