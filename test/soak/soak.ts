// `npm run test:soak`: mixed traffic against a real `masthead serve` for a while (10 minutes by default;
// SOAK_MINUTES or --minutes sets it, CI runs 2), sampling the server's memory from /proc/<pid>/status.
// Fails on a clear leak (RSS slope over 2 MiB/min after warm-up AND over 30% growth) or on any 5xx.
// Writes its summary to .tmp/soak-summary.json and prints it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Urls } from '../../src/site/urls.js';
import { createTestDatabase } from '../support/databases.js';
import { HttpClient } from '../support/http-client.js';
import { appFor, freePort, serverEnv, startServer } from '../support/server-process.js';
import { startSmtpServer } from '../support/smtp.js';
import { seedLoad, WriteLoad } from '../support/write-load.js';
import { fitSlope, judgeMemory, type MemorySample } from './memory.js';

const { values } = parseArgs({ options: { minutes: { type: 'string' } } });
const minutes = Number(values.minutes ?? process.env.SOAK_MINUTES ?? 10);
if (!(minutes > 0 && minutes <= 240)) {
  console.error('soak: --minutes (or SOAK_MINUTES) must be a number of minutes between 0 and 240');
  process.exit(1);
}
const SAMPLE_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and RssAnon (the heap and other anonymous memory) of a process, in MiB, from /proc. */
function readMemory(pid: number): { rss: number; anon: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, anon: kb('RssAnon') / 1024 };
  } catch {
    return null;
  }
}

const db = await createTestDatabase('sqlite');
const smtp = await startSmtpServer();
// A small page cache fills within the warm-up, so its growth is not mistaken for a leak.
const env = serverEnv(db, await freePort(), { SMTP_URL: smtp.url, PAGE_CACHE_MB: '8', LOG_LEVEL: 'error' });
const seeding = await appFor(env);
const seed = await seedLoad(seeding, { articles: 12, patrons: 20 });
await seeding.close();
const server = await startServer(env);
// A fixed pool of client addresses: rate limiters keep a counter per address for their window,
// and a fresh address per request would grow that state for the whole window, leak or not.
const pool = Array.from({ length: 3000 }, () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`);
const poolIp = () => pool[crypto.randomInt(pool.length)]!;
const writes = new WriteLoad(seed, server.url, smtp.messages, poolIp);
const statuses: Record<string, number> = {};
const counts = { hits: 0, misses: 0, writes: 0 };
const fiveHundreds: string[] = [];
const count = (what: string, status: number) => {
  const cls = `${Math.floor(status / 100)}xx`;
  statuses[cls] = (statuses[cls] ?? 0) + 1;
  if (status >= 500 && fiveHundreds.length < 20) fiveHundreds.push(`${what}: ${status}`);
};

const stop = new AbortController();
const hot = ['/', '/topics', '/feed.xml', '/corrections', ...seed.articles.slice(0, 4).map((a) => new Urls(server.url).article(a.slug))];
const patron = seed.patrons[0]!;
async function readers() {
  while (!stop.signal.aborted) {
    const client = new HttpClient(server.url, poolIp());
    const roll = Math.random();
    try {
      if (roll < 0.7) {
        // Cache hits: the same public pages again and again.
        const url = hot[crypto.randomInt(hot.length)]!;
        const res = await client.get(url);
        count(url, res.status);
        counts.hits++;
      } else {
        // Misses: pages rendered every time (a signed-in patron bypasses the shared cache) and unknown addresses.
        if (roll < 0.85) {
          const [name, value] = patron.cookie.split(/=(.*)/s) as [string, string];
          client.cookies.set(name, value);
        }
        const url = roll < 0.85 ? `/topics/${seed.topics[crypto.randomInt(seed.topics.length)]}` : `/no-such-story-${crypto.randomBytes(4).toString('hex')}`;
        const res = await client.get(url);
        count(url, res.status);
        counts.misses++;
      }
    } catch {
      if (!stop.signal.aborted) await sleep(50);
    }
  }
}

const samples: MemorySample[] = [];
const started = Date.now();
const traffic = Promise.all([readers(), readers(), readers(), writes.run(stop.signal, 2)]);
while (Date.now() - started < minutes * 60_000) {
  const m = readMemory(server.pid);
  if (!m) break;
  samples.push({ minute: (Date.now() - started) / 60_000, rssMiB: m.rss, anonMiB: m.anon });
  await sleep(SAMPLE_MS);
}
stop.abort();
await traffic;
const alive = readMemory(server.pid) !== null;
await server.stop();
await smtp.close();
await db.cleanup();

counts.writes = writes.attempts;
const verdict = judgeMemory(samples, { warmupFraction: 0.25, maxSlopeMiBPerMin: 2, maxGrowth: 0.3 });
const summary = {
  minutes,
  samples: samples.length,
  requests: counts,
  acknowledgedWrites: writes.summary(),
  statuses,
  fiveHundreds,
  rss: verdict,
  anonSlopeMiBPerMin: fitSlope(samples.filter((s) => s.minute >= minutes * 0.25).map((s) => [s.minute, s.anonMiB])),
  serverAlive: alive,
};
const failures = [
  ...(verdict.leak ? [`memory: ${verdict.reason}`] : []),
  ...(fiveHundreds.length ? [`${fiveHundreds.length} 5xx answers: ${fiveHundreds.slice(0, 5).join('; ')}`] : []),
  ...(alive ? [] : ['the server died during the soak']),
];
fs.mkdirSync('.tmp', { recursive: true });
fs.writeFileSync('.tmp/soak-summary.json', `${JSON.stringify({ ...summary, failures }, null, 2)}\n`);
console.log(`[soak] ${minutes} min, ${counts.hits} hits, ${counts.misses} misses, ${counts.writes} writes; statuses ${JSON.stringify(statuses)}`);
console.log(
  `[soak] RSS ${verdict.firstMiB.toFixed(1)} -> ${verdict.lastMiB.toFixed(1)} MiB after warm-up; ` +
    `slope ${verdict.slopeMiBPerMin.toFixed(2)} MiB/min, ` +
    `growth ${(verdict.growth * 100).toFixed(1)}% (${samples.length} samples)`,
);
console.log(failures.length ? `[soak] FAILED: ${failures.join(' | ')}` : '[soak] passed: no leak, no 5xx');
process.exit(failures.length ? 1 : 0);
