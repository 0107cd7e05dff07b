// `npm run bench [-- --quick | --rounds N --duration N --articles N --no-lighthouse …]` (see args.ts)
// Starts the real Masthead server (demo outlet, or N synthetic articles with --articles), then measures
// cached pages, brotli, the feed and the cache-miss render path against a bare node:http server replaying
// the same bytes and headers: the ceiling any Node framework can reach on this machine. Then render time
// in-process, memory, startup, page weight, Lighthouse, and the query plans. Reports numbers; exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareAds } from './ads.js';
import { compareAfterIdle, IDLE_SEC } from './after-idle.js';
import { benchAnalytics } from './analytics.js';
import { parseCli, type BenchArgs } from './args.js';
import { lighthouseReport, lighthouseUnavailable, runLighthouse, stopLighthouse } from './lighthouse.js';
import { pickLoadTool, runLoad, stopLoad, type LoadTool } from './load.js';
import { runRounds, type ComparisonSettings } from './load-rounds.js';
import { loggedProblems, productionNodeFlags, startMasthead } from './masthead-server.js';
import { measurePageWeight, pageWeightReport } from './page-weight.js';
import { coldStartReport, ensureBuild, measureColdStarts, measureRssUnderLoad, rssReport } from './production.js';
import { allowedCpus, httpGet, pinSelf, readMemoryMiB, spawnNode, stopChild, waitForLine, type Child } from './processes.js';
import { explainQueries, listingSize, planReport } from './query-plans.js';
import { measureRenders, type RenderPage } from './render-timing.js';
import { cpuModel, resultsTable } from './report.js';
import { compareScaleOut } from './scale-out.js';
import { seedDatabase, seedReport } from './seed.js';
import { measureSearch, searchReport } from './search.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/main.js';
import { buildTargets, captureTargets, checkReplay, describeCapture, writeResponsesFile } from './targets.js';

/** The deepest listing page the app serves (pageQuerySchema); with scale data the home page's is measured (12 stories a page). */
const MAX_PAGE = 10_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Everything that must not outlive the run, torn down on success, error, Ctrl+C and the watchdog alike.
const children: Child[] = [];
let tmpDir: string | null = null;

async function teardown(): Promise<void> {
  stopLoad();
  stopLighthouse();
  await Promise.all(children.map((c) => stopChild(c)));
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = null;
}

// Last resort if something calls process.exit mid-run: no async work is possible here, so kill hard.
process.on('exit', () => {
  stopLoad();
  stopLighthouse();
  for (const c of children) if (!c.hasExited()) c.proc.kill('SIGKILL');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

function abort(reason: string, code: number): void {
  console.error(`\n${reason}: stopping and cleaning up.`);
  void teardown().finally(() => process.exit(code));
}
process.once('SIGINT', () => abort('Interrupted', 130));
process.once('SIGTERM', () => abort('Terminated', 143));

const section = (title: string) => console.log(`\n== ${title} ==`);

// `npm run bench -- --import N`: the WordPress import benchmark alone (bench/import.ts).
const importAt = process.argv.indexOf('--import');
if (importAt >= 0) {
  const n = Number(process.argv[importAt + 1] ?? 100_000);
  const { benchImport } = await import('./import.js');
  await benchImport(Number.isInteger(n) && n > 0 ? n : 100_000);
  process.exit(0);
}
const loadAvg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** First link on a page matching `/<kind>/<slug>`; the home page lists newest first, so its first article is the lead story. */
function firstLink(html: string, kind: 'articles' | 'sections' | 'tags' | 'authors'): string | null {
  return html.match(new RegExp(`href="(?:https?://[^/"]+)?(/${kind}/[^"?#]+)"`))?.[1] ?? null;
}

/** Pages timed in-process: the article, the home page, the listings the article links to, the feed, and a deep page with scale data. */
function renderPages(article: string, articleHtml: string, articles: number | null): RenderPage[] {
  const pages: RenderPage[] = [
    { name: 'article', url: article },
    // A signed-in patron's page is personal (never shared): the member session and patron lookups, and no appeal.
    { name: 'article, patron', url: article, as: 'patron' },
    { name: 'home', url: '/' },
  ];
  for (const kind of ['sections', 'tags', 'authors'] as const) {
    const link = firstLink(articleHtml, kind);
    if (link) pages.push({ name: kind.replace(/s$/, ''), url: link });
    else console.log(`(the article page links to no /${kind}/ page: skipped)`);
  }
  pages.push({ name: 'feed.xml', url: '/feed.xml' });
  // Crawlers walk pagination to the end, and OFFSET makes a deep page cost more than the first one.
  const deepPage = Math.min(MAX_PAGE, Math.floor((articles ?? 0) / 12));
  if (deepPage >= 100) pages.push({ name: `home p${deepPage}`, url: `/?page=${deepPage}` });
  return pages;
}

async function main(args: BenchArgs): Promise<void> {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-'));
  const cpus = allowedCpus(); // read before pinSelf narrows this process to one CPU
  // Servers share one CPU, the load generator (and this process) gets another: otherwise they compete.
  const pinned = args.pin && cpus.length >= 2 && pinSelf(cpus[1]!);
  const serverCpu = pinned ? cpus[0]! : null;
  const loadCpu = pinned ? cpus[1]! : null;
  const tool: LoadTool = pickLoadTool();
  console.log(`node ${process.version} | ${cpuModel()} | ${cpus.length} CPUs allowed | load average ${loadAvg()} (1/5/15 min)`);
  console.log(
    pinned
      ? `pinning: servers on CPU ${serverCpu}, ${tool} and this process on CPU ${loadCpu} (taskset)`
      : 'pinning: off (taskset missing, fewer than 2 CPUs, refused, or --no-pin); numbers are noisier',
  );
  if (tool === 'wrk')
    console.log(
      `load: wrk -t1 -c${args.connections} -d${args.durationSec}s --latency, ${args.rounds} round(s) ` +
        `per target alternating Masthead and bare, ${args.warmupSec}s warm-up each`,
    );
  else
    console.log(
      `load: autocannon (wrk not found at /usr/bin/wrk: apt-get install wrk).\n  WARNING: ` +
        `autocannon saturates near 15-20k req/s on 2 cores, so every "vs bare" ratio below is flattered.`,
    );

  // --- data and startup ---
  const demoDb = path.join(tmpDir, 'demo.db');
  let benchDb = demoDb;
  if (args.articles !== null) {
    section(`scale data: ${args.articles.toLocaleString('en')} synthetic articles`);
    benchDb = path.join(tmpDir, 'scale.db');
    console.log(seedReport(await seedDatabase(benchDb, args.articles)));
  }
  if (args.searchOnly) {
    await searchSection(benchDb, 'http://127.0.0.1/', args.quick);
    return;
  }
  section('startup (spawn to first 200 from /)');
  const ran = ensureBuild(ROOT, args.build);
  const track = (c: Child) => children.push(c);
  const demo = await startMasthead({ root: ROOT, databaseFile: demoDb, demoContent: true, cpu: serverCpu, track });
  console.log(`empty database, migrations + demo import: ${Math.round(demo.startupMs)} ms`);
  await stopChild(demo.child);
  section('lean production process: cold start and RSS (targets from issue 17)');
  const coldStarts = await measureColdStarts({ root: ROOT, databaseFile: benchDb, runs: args.coldStarts, cpu: serverCpu, track });
  console.log(coldStartReport(coldStarts, ran, loadAvg(), ROOT));
  // A fresh process for the run, so its memory reflects serving, not the one-off demo import.
  const server = await startMasthead({ root: ROOT, databaseFile: benchDb, demoContent: args.articles === null, cpu: serverCpu, track });
  const filledLabel = args.articles === null ? 'the demo database' : `${args.articles.toLocaleString('en')} articles, DEMO_CONTENT=false`;
  console.log(`the server for the run (${filledLabel}): ${Math.round(server.startupMs)} ms to its first 200`);
  const base = server.base;

  const home = (await httpGet(`${base}/`)).body.toString('utf8');
  const article = firstLink(home, 'articles');
  if (!article) throw new Error('the home page links to no article: did the content load? (see server output)');
  const articleHtml = (await httpGet(base + article)).body.toString('utf8');
  const scaleOutSection = async () => {
    section(`1 vs 2 app processes behind a round-robin proxy (bench/round-robin-proxy.mjs; ${tool}; unpinned)`);
    if (!args.scaleOut) return console.log('skipped (--no-scale-out)');
    await compareScaleOut({
      root: ROOT,
      databaseFile: benchDb,
      tool,
      article,
      rounds: args.rounds,
      durationSec: args.durationSec,
      warmupSec: args.warmupSec,
      connections: args.connections,
      track,
      cpus,
    });
  };
  if (args.scaleOutOnly) {
    // The run's own server would take CPU from the setups compared.
    await stopChild(server.child);
    return scaleOutSection();
  }
  section(`RSS under load: the cached article (${tool})`);
  // The cached article is in the page cache now (the fetch above); a short warm-up first, as in every run below.
  if (args.warmupSec > 0) await runLoad(tool, { url: base + article, durationSec: args.warmupSec, connections: args.connections, cpu: loadCpu });
  const rssSec = Math.max(args.durationSec, 5);
  console.log(
    rssReport(
      await measureRssUnderLoad({ tool, child: server.child, url: base + article, durationSec: rssSec, connections: args.connections, loadCpu }),
      rssSec,
    ),
  );
  if (args.startupOnly) return;

  // --- analytics: the beacon endpoint, and the cached article with and without its script ---
  const analyticsSection = async () => {
    section(`analytics (${tool})`);
    await benchAnalytics({
      root: ROOT,
      tmpDir: tmpDir!,
      tool,
      ours: { child: server.child, base },
      databaseFile: benchDb,
      article,
      articleHtml,
      serverCpu,
      loadCpu,
      rounds: args.rounds,
      durationSec: args.durationSec,
      warmupSec: args.warmupSec,
      connections: args.connections,
      track,
    });
  };
  if (args.analyticsOnly) return analyticsSection();

  section('targets');
  const targets = buildTargets({ article, home: '/', feed: '/feed.xml' });
  const captured = await captureTargets(base, targets);
  for (const [t, r] of captured) console.log(describeCapture(t, r));
  const responsesFile = path.join(tmpDir, 'responses.json');
  writeResponsesFile(responsesFile, captured);
  // The same V8 flags as the server (npm start's): the ceiling is plain node:http on the same runtime settings.
  const bare = spawnNode('bare', [...productionNodeFlags(ROOT), 'bench/bare-server.mjs', responsesFile], { cpu: serverCpu, cwd: ROOT });
  track(bare);
  const bareBase = `http://127.0.0.1:${(await waitForLine(bare, /listening (\d+)/, 10_000))[1]}`;
  await checkReplay(bareBase, captured);
  console.log('bare server replays every target byte for byte, with the same headers');

  // --- load ---
  section(`req/s against the bare node:http ceiling (${tool})`);
  const results = await runRounds({
    tool,
    targets,
    ours: { child: server.child, base },
    bare: { child: bare, base: bareBase },
    rounds: args.rounds,
    durationSec: args.durationSec,
    warmupSec: args.warmupSec,
    connections: args.connections,
    loadCpu,
  });
  const mem = readMemoryMiB(server.child.pid);
  const bareMem = readMemoryMiB(bare.pid);
  await stopChild(bare);
  console.log(`\n${resultsTable(results)}\n`);
  console.log('req/s, p50 and p99 are medians over rounds; "vs bare" is the median of the per-round ratios (each round runs both servers back to back).');
  console.log(
    "cpu: the server's share of its pinned CPU while loaded; well under 100% means something else ran on that CPU (or the load generator ran short).",
  );
  console.log('"per CPU-s": the same ratio on requests per CPU-second the server used, which a busy neighbour on the CPU distorts far less.');
  console.log(`failures = non-2xx answers + socket errors (masthead/bare). Load average now ${loadAvg()}: above ~0.5 on 2 CPUs something else was running.`);
  if (tool === 'autocannon') console.log('WARNING: measured with autocannon, which tops out near 15-20k req/s here: ratios are flattered. Install wrk.');
  if (mem)
    console.log(
      `masthead memory after the load: RSS ${mem.rss.toFixed(0)} MiB (peak ${mem.peak.toFixed(0)} ` +
        `MiB)${bareMem ? `; bare server RSS ${bareMem.rss.toFixed(0)} MiB` : ''}`,
    );

  // --- a quiet spell, then a burst: fresh servers, idle, then load (bench/after-idle.ts) ---
  section(`after a quiet spell: a fresh server idle ${IDLE_SEC} s after its first requests, then load (${tool}, alternating rounds)`);
  const comparison = {
    root: ROOT,
    tmpDir,
    serverCpu,
    loadCpu,
    tool,
    rounds: args.rounds,
    durationSec: args.durationSec,
    connections: args.connections,
    track,
  } satisfies ComparisonSettings;
  await compareAfterIdle({ ...comparison, databaseFile: benchDb, demoContent: false, article });

  // --- scale-out: 1 vs 2 app processes behind a round-robin proxy ---
  await scaleOutSection();

  // --- ads: the same article with and without campaigns ---
  section(`ads: the cached article with ad slots against the same page with no campaigns (${tool}, alternating rounds)`);
  if (args.articles !== null) console.log('skipped: the synthetic scale data has no campaigns (run without --articles)');
  else {
    await compareAds({
      ...comparison,
      databaseFile: benchDb,
      withAds: { child: server.child, base },
      article,
      warmupSec: args.warmupSec,
      renderIterations: args.renderIterations,
      quick: args.quick,
    });
  }
  await analyticsSection();

  // --- render on miss, in-process ---
  const pages = renderPages(article, articleHtml, args.articles);
  section('render on miss (in-process: createApp, page cache off, Cookie: mh_session=bench, app.http.inject)');
  const renders = await measureRenders({
    databaseFile: benchDb,
    publicUrl: base,
    pages,
    warmup: args.renderWarmup,
    iterations: args.renderIterations,
    warmupCapSec: args.quick ? 3 : 10,
    timedCapSec: args.quick ? 5 : 30,
    profileIterations: 50,
  });
  for (const r of renders.timings) {
    const size = listingSize(benchDb, r.url);
    const note = `${r.iterations} timed after ${r.warmups} warm-up${r.capped ? ', cut short by the time caps' : ''}`;
    console.log(
      `${r.name.padEnd(8)} ${r.url}${size === null ? '' : ` (${size.toLocaleString('en')} articles)`}: ` +
        `render on miss: median ${r.medianMs.toFixed(2)} ms, ` +
        `p99 ${r.p99Ms.toFixed(2)} ms  [${(r.bytes / 1024).toFixed(1)} KB, ${note}]`,
    );
  }
  console.log('inject() adds about 0.05-0.1 ms of its own per request (no socket, but Fastify request/reply objects are built).');

  await searchSection(benchDb, base, args.quick);

  section('SQL per page and EXPLAIN QUERY PLAN (profiling pass: up to 50 renders per page; no ANALYZE statistics, as in production)');
  console.log(planReport(explainQueries(benchDb, renders.queries), renders.profiledRenders));

  // --- page weight and audits ---
  section(`page weight: ${article}`);
  console.log(pageWeightReport(await measurePageWeight(base, article, [new URL(base).origin])));

  section('Lighthouse 12.2.3 (Debian chromium, headless)');
  const unavailable = lighthouseUnavailable(ROOT);
  if (!args.lighthouse) console.log(`skipped (${args.quick ? '--quick' : '--no-lighthouse'})`);
  else if (unavailable) console.log(`skipped: ${unavailable}`);
  else {
    for (const [name, p] of [
      ['article', article],
      ['home', '/'],
    ] as const) {
      try {
        console.log(lighthouseReport(name, await runLighthouse(ROOT, base + p, tmpDir)));
      } catch (err) {
        console.log(`${name}: lighthouse failed: ${(err as Error).message}`);
      }
    }
  }

  const endMem = readMemoryMiB(server.child.pid);
  if (endMem) console.log(`\nmasthead memory at the end (after the audits): RSS ${endMem.rss.toFixed(0)} MiB (peak ${endMem.peak.toFixed(0)} MiB)`);
  const logged = loggedProblems(server.child);
  section('server output');
  console.log(
    logged.length ? `masthead printed (last ${logged.length} lines):\n${logged.join('\n')}` : 'masthead printed no warnings or errors during the run',
  );
}

/** Search and related stories in-process, on the SQLite file and (with DATABASE_URL) on PostgreSQL. */
async function searchSection(benchDb: string, base: string, quick: boolean): Promise<void> {
  section('search and related stories (in-process; bench/search.ts)');
  for (const database of [`sqlite:${benchDb}`, ...(process.env.DATABASE_URL?.startsWith('postgres') ? [process.env.DATABASE_URL] : [])]) {
    const searchApp = await createApp({
      ...loadConfig({ DATABASE_URL: database, DEMO_CONTENT: 'false', LOG_LEVEL: 'error', PUBLIC_URL: base }),
      pageCacheBytes: 0,
    });
    try {
      console.log(`load average ${loadAvg()} (1/5/15 min)`);
      console.log(searchReport(await measureSearch(searchApp, { rebuild: true, rounds: quick ? 5 : 25, publishes: quick ? 5 : 30 })));
    } finally {
      await searchApp.close();
    }
  }
}

let watchdog: NodeJS.Timeout | undefined;
const newsletterAt = process.argv.indexOf('--newsletter');
try {
  if (newsletterAt >= 0) {
    const n = Number(process.argv[newsletterAt + 1]);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error('--newsletter takes a number of recipients, e.g. --newsletter 10000');
    const connectionsAt = process.argv.indexOf('--connections');
    const connections = connectionsAt >= 0 ? Number(process.argv[connectionsAt + 1]) : 5;
    if (!Number.isInteger(connections) || connections < 1 || connections > 50) throw new Error('--connections takes 1 to 50 (NEWSLETTER_CONNECTIONS)');
    const { benchNewsletter } = await import('./newsletter.js');
    await benchNewsletter(n, connections);
  } else await runAll();
} catch (err) {
  console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await teardown();
}

async function runAll(): Promise<void> {
  try {
    const args = parseCli(process.argv.slice(2));
    // Bounded in time whatever happens: load (5 targets), render caps, Lighthouse, seeding, startups, plus slack.
    // Five ceiling targets, four in the ads comparison and two analytics comparisons (and a 6 s wait for the flush).
    // Plus the RSS run, the scale-out comparison (two targets on three setups) and the after-idle one.
    const loadSec =
      11 * (2 * args.warmupSec + args.rounds * 2 * (args.durationSec + 1)) +
      10 +
      (args.warmupSec + Math.max(args.durationSec, 5)) +
      (args.scaleOut ? 6 * (args.warmupSec + args.rounds * (args.durationSec + 1)) : 0) +
      // after a quiet spell: two setups, each idle, then two targets' rounds
      2 * (IDLE_SEC + 2 * args.rounds * 2 * (args.durationSec + 1));
    const seedSec = args.articles === null ? 0 : Math.ceil(args.articles / 1_000_000) * 900;
    const budgetSec = loadSec + (8 + args.coldStarts + 2) * 45 + 900 * Number(args.build) + (args.lighthouse ? 2 * 180 : 0) + seedSec + 3 * 180 + 300;
    watchdog = setTimeout(() => abort(`Watchdog: the bench ran past its ${budgetSec}s budget`, 1), budgetSec * 1000).unref();
    await main(args);
  } finally {
    clearTimeout(watchdog);
  }
}
