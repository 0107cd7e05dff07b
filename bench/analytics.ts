// The analytics part of the benchmark: (1) the view beacon under load against a bare node:http server
// answering the same 204 with the same headers, and (2) the cached article with the analytics script on
// against the same page from a second Masthead with ANALYTICS=false (today's page, without the beacon).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { median, runLoad, type LoadOptions, type LoadResult, type LoadTool } from './load.js';
import { productionNodeFlags, startMasthead } from './masthead-server.js';
import { httpGet, readCpuSeconds, spawnNode, stopChild, waitForLine, type Child } from './processes.js';

/** A desktop browser's user agent: isbot passes it, so every beacon is really counted. */
const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** Distinct user agents wrk cycles through: the server hashes and remembers this many visitors a day. */
const VISITORS = 5000;

export interface AnalyticsBenchOptions {
  root: string;
  tmpDir: string;
  tool: LoadTool;
  ours: { child: Child; base: string };
  databaseFile: string;
  article: string;
  articleHtml: string;
  serverCpu: number | null;
  loadCpu: number | null;
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  track: (c: Child) => void;
}

interface Round {
  a: LoadResult;
  b: LoadResult;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const pct = (r: LoadResult) => (r.cpuShare == null ? '' : ` (cpu ${Math.round(r.cpuShare * 100)}%)`);

/** Runs `a` then `b` per round, sampling each server's CPU time around its run. */
async function alternate(opts: AnalyticsBenchOptions, label: [string, string], servers: [Child, Child], load: [LoadOptions, LoadOptions]): Promise<Round[]> {
  const one = async (child: Child, o: LoadOptions, durationSec: number): Promise<LoadResult> => {
    const before = readCpuSeconds(child.pid);
    const started = performance.now();
    const r = await runLoad(opts.tool, { ...o, durationSec });
    const after = readCpuSeconds(child.pid);
    if (child.hasExited()) throw new Error(`${child.name} exited during the run (${child.exitReason()}):\n${child.output.join('\n')}`);
    return { ...r, cpuShare: before === null || after === null ? null : (after - before) / ((performance.now() - started) / 1000) };
  };
  if (opts.warmupSec > 0) {
    await one(servers[0], load[0], opts.warmupSec);
    await one(servers[1], load[1], opts.warmupSec);
  }
  const rounds: Round[] = [];
  for (let i = 1; i <= opts.rounds; i++) {
    const a = await one(servers[0], load[0], opts.durationSec);
    const b = await one(servers[1], load[1], opts.durationSec);
    rounds.push({ a, b });
    const line = (name: string, r: LoadResult) => `${name} ${fmt(r.rps)} req/s${pct(r)} p99 ${r.p99.toFixed(2)} ms`;
    const failures = a.failures + b.failures ? `, FAILURES ${a.failures}/${b.failures}` : '';
    console.log(`  round ${i}/${opts.rounds}: ${line(label[0], a)}, ${line(label[1], b)}${failures}`);
  }
  return rounds;
}

function summary(label: [string, string], rounds: Round[]): string {
  const ratios = rounds.map((r) => r.a.rps / r.b.rps);
  const perCpu = rounds.every((r) => r.a.cpuShare && r.b.cpuShare) ? rounds.map((r) => r.a.rps / r.a.cpuShare! / (r.b.rps / r.b.cpuShare!)) : null;
  return (
    `${label[0]}: ${fmt(median(rounds.map((r) => r.a.rps)))} req/s (p99 ${median(rounds.map((r) => r.a.p99)).toFixed(2)} ms); ` +
    `${label[1]}: ${fmt(median(rounds.map((r) => r.b.rps)))} req/s (p99 ${median(rounds.map((r) => r.b.p99)).toFixed(2)} ms); ` +
    `median ratio ${median(ratios).toFixed(3)} (rounds ${ratios.map((x) => x.toFixed(3)).join(', ')})` +
    (perCpu ? `; per CPU-second ${median(perCpu).toFixed(3)}` : '')
  );
}

/** One POST to the beacon with node:http, answering the exact status and headers wrk will get. */
function postBeacon(base: string, body: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': READER_UA };
    const req = http.request(`${base}/api/v1/view`, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Site-wide views the server has written so far (read straight from its SQLite file). */
function storedViews(file: string): number {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare('SELECT COALESCE(SUM(views), 0) AS n FROM analytics_site_days').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

export async function benchAnalytics(opts: AnalyticsBenchOptions): Promise<void> {
  const id = /data-article="(\d+)"/.exec(opts.articleHtml)?.[1];
  const section = /data-section="(\d+)"/.exec(opts.articleHtml)?.[1];
  if (!id) throw new Error('the article page carries no view beacon (data-article): is analytics on?');
  const body = `a=${id}${section ? `&s=${section}` : ''}&r=${encodeURIComponent('https://search.example/results?q=river')}`;

  // --- 1. the beacon against the bare ceiling ---
  console.log(`\n-- view beacon: POST /api/v1/view (${body.length}-byte body, ${VISITORS} distinct visitors)`);
  console.log('   vs a bare node:http server answering the same 204 --');
  const captured = await postBeacon(opts.ours.base, body);
  if (captured.status !== 204) throw new Error(`the beacon answered ${captured.status}, expected 204`);
  const file = path.join(opts.tmpDir, 'beacon-response.json');
  fs.writeFileSync(file, JSON.stringify([{ url: '/api/v1/view', status: 204, headers: captured.headers, bodyBase64: '' }]));
  const bare = spawnNode('bare-beacon', [...productionNodeFlags(opts.root), 'bench/bare-server.mjs', file], { cpu: opts.serverCpu, cwd: opts.root });
  opts.track(bare);
  const bareBase = `http://127.0.0.1:${(await waitForLine(bare, /listening (\d+)/, 10_000))[1]}`;
  const viewsBefore = storedViews(opts.databaseFile);
  const post = { body, contentType: 'application/x-www-form-urlencoded', userAgent: READER_UA, userAgents: VISITORS };
  const load = (base: string): LoadOptions => ({
    url: `${base}/api/v1/view`,
    durationSec: opts.durationSec,
    connections: opts.connections,
    cpu: opts.loadCpu,
    post,
  });
  const beaconRounds = await alternate(opts, ['masthead', 'bare'], [opts.ours.child, bare], [load(opts.ours.base), load(bareBase)]);
  await stopChild(bare);
  console.log(summary(['beacon, masthead', 'bare'], beaconRounds));
  // The periodic flush runs every 5 s: wait for it, then check the views really reached the database.
  await new Promise((r) => setTimeout(r, 6000));
  const counted = storedViews(opts.databaseFile) - viewsBefore;
  const sentEstimate = [...beaconRounds.map((r) => r.a.rps * opts.durationSec)].reduce((a, b) => a + b, 0);
  console.log(
    `views written to the database during the beacon load: ${fmt(counted)} ` +
      `(the timed rounds alone sent about ${fmt(sentEstimate)}; warm-up beacons count too). ` +
      (opts.tool === 'autocannon' ? 'autocannon sends one user agent: one visitor.' : ''),
  );

  // --- 2. the cached article with analytics on vs off ---
  console.log(`\n-- cached article ${opts.article}: analytics on (this server) vs a second Masthead with ANALYTICS=false on the same database --`);
  const off = await startMasthead({
    root: opts.root,
    databaseFile: opts.databaseFile,
    demoContent: false,
    cpu: opts.serverCpu,
    track: opts.track,
    env: { ANALYTICS: 'false' },
  });
  try {
    let offPage = await httpGet(off.base + opts.article);
    for (let i = 0; i < 50 && offPage.headers['x-cache'] !== 'HIT'; i++) offPage = await httpGet(off.base + opts.article);
    const onPage = await httpGet(opts.ours.base + opts.article);
    if (onPage.headers['x-cache'] !== 'HIT' || offPage.headers['x-cache'] !== 'HIT') {
      throw new Error('the article is not answered from the page cache on both servers');
    }
    if (offPage.body.includes('data-view-beacon')) throw new Error('ANALYTICS=false still renders the beacon script');
    const script = /src="(\/assets\/view\.[^"]+)"/.exec(onPage.body.toString())?.[1] ?? '?';
    const extra = onPage.body.length - offPage.body.length;
    console.log(`page bytes: on ${onPage.body.length}, off ${offPage.body.length} (+${extra} bytes for the script tag); script ${script}`);
    const get = (base: string): LoadOptions => ({ url: base + opts.article, durationSec: opts.durationSec, connections: opts.connections, cpu: opts.loadCpu });
    const pageRounds = await alternate(opts, ['analytics on', 'off'], [opts.ours.child, off.child], [get(opts.ours.base), get(off.base)]);
    console.log(summary(['article (cached), analytics on', 'analytics off'], pageRounds));
  } finally {
    await stopChild(off.child);
  }
  console.log(
    `load average now ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}
