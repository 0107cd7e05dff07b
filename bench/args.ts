// Command-line options for `npm run bench`, parsed once and validated.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  durationSec: number;
  rounds: number;
  warmupSec: number;
  connections: number;
  pin: boolean;
  lighthouse: boolean;
  /** Fill a fresh database with this many synthetic articles instead of the demo outlet; null = demo. */
  articles: number | null;
  /** Render timing: warm-up and timed iterations per page (each also bounded in seconds). */
  renderWarmup: number;
  renderIterations: number;
  quick: boolean;
  /** Only the analytics comparisons (beacon vs bare, article with analytics on vs off). */
  analyticsOnly: boolean;
  /** Only the production figures: cold starts and RSS under load (then exit). */
  startupOnly: boolean;
  /** Cold starts timed per run (each a fresh process on the filled database). */
  coldStarts: number;
  /** Run `npm run build` first when dist/ is missing or stale (else the cold start measures the sources). */
  build: boolean;
  /** The 1 vs 2 app processes behind a round-robin proxy comparison. */
  scaleOut: boolean;
  /** Only that comparison (after the start-up figures), to re-run it alone. */
  scaleOutOnly: boolean;
  /** Only search and related stories (after seeding with --articles): no servers, load or page benches. */
  searchOnly: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick              one short round, fewer render iterations, no Lighthouse, no scale data
  --rounds N           alternating rounds per target (default 3)
  --duration N         seconds per round and server (default 10)
  --warmup N           warm-up seconds per target and server (default 2)
  --connections N      concurrent connections (default 50)
  --articles N         seed a fresh database with N synthetic articles and measure against it
  --no-lighthouse      skip the Lighthouse audits
  --no-pin             do not pin processes to CPUs with taskset
  --analytics-only     only the view beacon vs bare, and the cached article with analytics on vs off
  --startup-only       only the production figures: cold starts and RSS under load
  --cold-starts N      cold starts to time (default 5; 3 with --quick)
  --no-build           do not run npm run build when dist/ is stale (the cold start then runs the sources)
  --no-scale-out       skip 1 vs 2 app processes behind the round-robin proxy
  --scale-out-only     only the start-up figures and 1 vs 2 app processes behind the round-robin proxy
  --search-only        only search and related stories (SQLite, and PostgreSQL with DATABASE_URL), e.g. with --articles 1000000`;

/** Parses argv (without node and the script); throws with the usage text on a bad value. */
export function parseCli(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      articles: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      'no-lighthouse': { type: 'boolean', default: false },
      'analytics-only': { type: 'boolean', default: false },
      'startup-only': { type: 'boolean', default: false },
      'cold-starts': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-scale-out': { type: 'boolean', default: false },
      'scale-out-only': { type: 'boolean', default: false },
      'search-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min} (got ${raw})\n${USAGE}`);
    return n;
  };
  const quick = values.quick ?? false;
  if (quick && values.articles !== undefined) throw new Error('--quick skips scale data: drop --articles or --quick');
  if (values['scale-out-only'] && values['no-scale-out']) throw new Error(`--scale-out-only and --no-scale-out contradict each other\n${USAGE}`);
  if (values['search-only'] && values.articles === undefined) throw new Error(`--search-only measures scale data: add --articles N\n${USAGE}`);
  return {
    durationSec: int('duration', values.duration, quick ? 3 : 10, 1),
    rounds: int('rounds', values.rounds, quick ? 1 : 3, 1),
    warmupSec: int('warmup', values.warmup, quick ? 1 : 2, 0),
    connections: int('connections', values.connections, 50, 1),
    pin: !values['no-pin'],
    lighthouse: !quick && !values['no-lighthouse'],
    articles: values.articles === undefined ? null : int('articles', values.articles, 0, 1),
    renderWarmup: quick ? 50 : 300,
    renderIterations: quick ? 200 : 2000,
    quick,
    analyticsOnly: values['analytics-only'] ?? false,
    startupOnly: values['startup-only'] ?? false,
    coldStarts: int('cold-starts', values['cold-starts'], quick ? 3 : 5, 1),
    build: !values['no-build'],
    scaleOut: !values['no-scale-out'],
    scaleOutOnly: values['scale-out-only'] ?? false,
    searchOnly: values['search-only'] ?? false,
  };
}
