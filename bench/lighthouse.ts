// Lighthouse (pinned at 12.2.3: 13.x needs Node 22) with Debian's chromium, run as its own process group
// so a stuck Chrome can be killed with it. Reports the four category scores and what held each back.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CHROME_PATH = '/usr/bin/chromium';
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const RUN_TIMEOUT_MS = 180_000;

interface Lhr {
  environment?: { benchmarkIndex?: number };
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { score: number | null; title: string; displayValue?: string; scoreDisplayMode: string; details?: { items?: Record<string, unknown>[] } }
  >;
}

export interface LighthouseResult {
  url: string;
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  metrics: string;
  /** Lighthouse's CPU probe: lower means a slower or busier machine, and a less trustworthy performance score. */
  benchmarkIndex: number | null;
  /** Weighted audits that did not pass, per category, for the report. */
  misses: string[];
}

let running: ChildProcess | null = null;

/** The first few offending items of an audit (a console message, a URL, an element), so the report says what to fix. */
function itemsSummary(items: Record<string, unknown>[] | undefined): string {
  const text = (items ?? []).slice(0, 3).map((item) => {
    const node = item.node as { snippet?: string } | undefined;
    const location = item.sourceLocation as { url?: string } | undefined;
    const parts = [item.description, item.source, item.url, location?.url, node?.snippet].filter((v): v is string => typeof v === 'string' && v !== '');
    return parts.join(' ').slice(0, 200);
  });
  return text
    .filter(Boolean)
    .map((t) => `\n           - ${t}`)
    .join('');
}

/** Why Lighthouse cannot run here, or null when it can. */
export function lighthouseUnavailable(root: string): string | null {
  if (!fs.existsSync(CHROME_PATH)) return `${CHROME_PATH} is missing (apt-get install -y chromium)`;
  if (!fs.existsSync(lighthouseCli(root))) return 'lighthouse is not installed (npm install -D lighthouse@12.2.3)';
  return null;
}

const lighthouseCli = (root: string) => path.join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');

/** Audits one URL; throws with Lighthouse's own output when it fails. */
export async function runLighthouse(root: string, url: string, outDir: string): Promise<LighthouseResult> {
  const outFile = path.join(outDir, `lighthouse-${Date.now()}.json`);
  const args = [
    lighthouseCli(root),
    url,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    `--chrome-flags=${CHROME_FLAGS}`,
    `--only-categories=${CATEGORIES.join(',')}`,
  ];
  const log = await new Promise<string>((resolve, reject) => {
    // Detached: its own process group, so teardown can end Chrome and its helpers along with it.
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child;
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const guard = setTimeout(stopLighthouse, RUN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(guard);
      running = null;
      if (code === 0) resolve(out);
      else reject(new Error(`lighthouse ended with ${signal ?? `code ${code}`} for ${url}:\n${out.slice(-2000)}`));
    });
  });
  if (!fs.existsSync(outFile)) throw new Error(`lighthouse wrote no report for ${url}:\n${log.slice(-2000)}`);
  const lhr = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Lhr;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as LighthouseResult['scores'];
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
  const misses: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score >= 0.9 || a.scoreDisplayMode === 'notApplicable') continue;
      misses.push(`${c}: ${ref.id} (${a.title}${a.displayValue ? `: ${a.displayValue}` : ''}, score ${a.score})${itemsSummary(a.details?.items)}`);
    }
  }
  return {
    url,
    scores,
    metrics:
      `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, ` +
      `TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
    misses,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
  };
}

/** Kills a run in flight with its whole process group (Chrome included). */
export function stopLighthouse(): void {
  if (running?.pid === undefined || running.exitCode !== null) return;
  try {
    process.kill(-running.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const score = (s: number | null) => (s === null ? '  n/a' : String(Math.round(s * 100)).padStart(5));

/** Two or more lines per page: the four scores, the metrics, and each weighted audit below 90 with its offenders. */
export function lighthouseReport(name: string, r: LighthouseResult): string {
  const lines = [
    `${name.padEnd(8)} performance ${score(r.scores.performance)}  accessibility ${score(r.scores.accessibility)} ` +
      ` best-practices ${score(r.scores['best-practices'])}  seo ${score(r.scores.seo)}   ${r.url}`,
    `         ${r.metrics} (simulated mobile throttling; ` +
      `CPU benchmarkIndex ${r.benchmarkIndex === null ? '?' : Math.round(r.benchmarkIndex)}, ` +
      `lower = busier machine, noisier TBT)`,
  ];
  for (const m of r.misses) lines.push(`         below 90: ${m}`);
  return lines.join('\n');
}
