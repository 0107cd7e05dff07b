// Cache-miss render time, in this process: the real app (createApp) with the page cache off, asked for
// each page with a session cookie through Fastify's inject. No sockets, so this is the render path alone.
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/main.js';
import { MEMBER_COOKIE } from '../src/membership/member-context.js';
import { median } from './load.js';
import { profileSql, type QueryStats } from './sql-profile.js';
import { PERSONAL_COOKIE } from './targets.js';

export interface RenderPage {
  name: string;
  url: string;
  /** Request the page as a signed-in patron (a member session cookie) instead of an unknown session. */
  as?: 'patron';
}

export interface RenderTiming extends RenderPage {
  warmups: number;
  iterations: number;
  medianMs: number;
  p99Ms: number;
  bytes: number;
  /** A time cap ended the warm-up or the timed loop before its count did. */
  capped: boolean;
}

export interface RenderOptions {
  databaseFile: string;
  publicUrl: string;
  pages: RenderPage[];
  warmup: number;
  iterations: number;
  /** Caps per page, so a page that takes 100 ms at scale cannot stretch the run to hours. */
  warmupCapSec: number;
  timedCapSec: number;
  /** Executions per page in the per-query profiling pass (timing every query has a small cost of its own). */
  profileIterations: number;
}

export interface RenderResults {
  timings: RenderTiming[];
  queries: QueryStats[];
  /** Renders per page in the profiling pass, to turn query counts into "per render". */
  profiledRenders: Map<string, number>;
}

/** The nearest-rank percentile of an unsorted list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * inject() answers through a null socket whose write callbacks are scheduled with setImmediate. A server
 * gets a turn of the event loop between requests; a loop of awaited injects does not, and then every
 * response (body, headers, request objects) stays reachable until the loop ends, and the garbage
 * collector copies them all on each scavenge. One turn between renders, outside the timed part.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The real app over the bench database with the page cache off; the patron's cookie; a render that checks for 200. */
async function renderApp(opts: RenderOptions) {
  const config = {
    // LOG_LEVEL=error: nothing is logged on the timed path unless a request fails, and then the stack is wanted.
    ...loadConfig({ DATABASE_URL: `sqlite:${opts.databaseFile}`, DEMO_CONTENT: 'false', LOG_LEVEL: 'error', PUBLIC_URL: opts.publicUrl }),
    pageCacheBytes: 0,
  };
  const app = await createApp(config);
  const patronCookie = await benchPatron(app);
  const render = async (url: string, as?: 'patron') => {
    const res = await app.http.inject({ method: 'GET', url, headers: { cookie: as === 'patron' ? patronCookie : PERSONAL_COOKIE } });
    if (res.statusCode !== 200)
      throw new Error(
        `in-process GET ${url} answered ${res.statusCode}: ${res.body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      );
    return res.rawPayload.length;
  };
  return { app, render };
}

/**
 * Times each page's miss render, then profiles the SQL each page runs. The profiling pass runs on a
 * second app made after the SQL wrapper is installed, so the timed renders carry no instrumentation.
 */
export async function measureRenders(opts: RenderOptions): Promise<RenderResults> {
  const timings: RenderTiming[] = [];
  const timed = await renderApp(opts);
  try {
    const { render } = timed;
    for (const page of opts.pages) {
      let bytes = await render(page.url, page.as);
      const warmEnd = performance.now() + opts.warmupCapSec * 1000;
      let warmups = 0;
      for (; warmups < opts.warmup && performance.now() < warmEnd; warmups++) {
        await render(page.url, page.as);
        await turn();
      }
      const times: number[] = [];
      const timedEnd = performance.now() + opts.timedCapSec * 1000;
      while (times.length < opts.iterations && performance.now() < timedEnd) {
        const started = performance.now();
        bytes = await render(page.url, page.as);
        times.push(performance.now() - started);
        await turn();
      }
      timings.push({
        ...page,
        warmups,
        iterations: times.length,
        medianMs: median(times),
        p99Ms: percentile(times, 99),
        bytes,
        capped: times.length < opts.iterations || warmups < opts.warmup,
      });
    }
  } finally {
    await timed.app.close();
  }
  const profiler = profileSql();
  try {
    const { app, render } = await renderApp(opts);
    try {
      const profiledRenders = new Map<string, number>();
      for (const page of opts.pages) {
        profiler.record(page.name);
        const end = performance.now() + 5000;
        let n = 0;
        while (n < opts.profileIterations && performance.now() < end) {
          await render(page.url, page.as);
          await turn();
          n++;
        }
        profiler.record(null);
        profiledRenders.set(page.name, n);
      }
      return { timings, queries: profiler.queries().filter((q) => q.timesByPage.size > 0), profiledRenders };
    } finally {
      await app.close();
    }
  } finally {
    profiler.stop();
  }
}

/** A patron (granted by hand) with a session in the bench database, as the cookie a browser would send. */
async function benchPatron(app: Awaited<ReturnType<typeof createApp>>): Promise<string> {
  const now = app.clock();
  const granted = await app.services.patrons.grantPatronage(
    { email: `bench-${Date.now()}@example.org`, tierId: null, until: null, note: 'benchmark' },
    { now, actor: null, notify: false },
  );
  if (!granted.ok) throw new Error(`bench patron: ${granted.message}`);
  await app.http.ready();
  const { token } = await app.services.sessions.start('member', granted.member.id, { now, ip: '127.0.0.1', userAgent: 'bench' }, 1);
  return `${MEMBER_COOKIE}=${app.http.signCookie(token)}`;
}
