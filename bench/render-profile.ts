// `node bin/run-ts.mjs bench/render-profile.ts <sqlite file> <url> [renders]`: renders one page N times in
// this process through the real app (page cache off, a personal cookie), and prints CPU time per render,
// wall time and SQL statements per render. With CPU_PROFILE=file.cpuprofile, the timed renders (not the
// start or the warm-up) are profiled into that file (open it in Chrome's DevTools).
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/main.js';
import { median } from './load.js';
import { profileSql } from './sql-profile.js';
import { PERSONAL_COOKIE } from './targets.js';

const [file, url = '/', countArg = '2000'] = process.argv.slice(2);
if (!file) throw new Error('usage: render-profile.ts <sqlite file> <url> [renders]');
const renders = Number(countArg);
// The SQL wrapper costs time of its own: only with SQL=1 (then the statements of one render are listed and timed).
const profiler = process.env.SQL === '1' ? profileSql() : null;
const app = await createApp({
  ...loadConfig({ DATABASE_URL: `sqlite:${file}`, DEMO_CONTENT: 'false', LOG_LEVEL: 'error', PUBLIC_URL: 'http://127.0.0.1/' }),
  pageCacheBytes: 0,
});
const render = async () => {
  const res = await app.http.inject({ method: 'GET', url, headers: { cookie: PERSONAL_COOKIE } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
};
// inject() schedules its socket callbacks with setImmediate: without a turn of the event loop between
// renders (which a server always gets) every response stays reachable until the loop ends.
const turn = () => new Promise((resolve) => setImmediate(resolve));
for (let i = 0; i < Math.min(500, renders); i++) {
  await render();
  await turn();
}
if (profiler) {
  profiler.record('page');
  await render();
  profiler.record(null);
  profiler.record('timed');
  for (let i = 0; i < 300; i++) {
    await render();
    await turn();
  }
  profiler.record(null);
}
// CPU_PROFILE=file: where the time goes; ALLOC_PROFILE=file: which functions allocate (sampled), for the collector's share.
const session = process.env.CPU_PROFILE || process.env.ALLOC_PROFILE ? new Session() : null;
if (session) {
  session.connect();
  if (process.env.CPU_PROFILE) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  } else
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
}
// CPU time per render is read per batch (the mean of 50 renders): one reading per render costs a syscall of its own.
const BATCH = 50;
const cpu: number[] = [];
const wall: number[] = [];
const startedCpu = process.cpuUsage();
const started = performance.now();
for (let b = 0; b < renders / BATCH; b++) {
  const c = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) {
    const t = performance.now();
    await render();
    wall.push(performance.now() - t);
    await turn();
  }
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000 / BATCH);
}
const total = process.cpuUsage(startedCpu);
if (session) {
  if (process.env.CPU_PROFILE) fs.writeFileSync(process.env.CPU_PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));
  else fs.writeFileSync(process.env.ALLOC_PROFILE!, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
  session.disconnect();
}
console.log(
  `${url}: ${cpu.length * BATCH} renders, CPU per render ${median(cpu).toFixed(3)} ms (median ` +
    `of ${BATCH}-render batches), mean ${((total.user + total.system) / 1000 / renders).toFixed(3)} ms; ` +
    `wall median ${median(wall).toFixed(3)} ms, mean ${((performance.now() - started) / renders).toFixed(3)} ms`,
);
for (const q of profiler?.queries() ?? [])
  if (q.timesByPage.get('page')?.length) {
    const times = q.timesByPage.get('timed') ?? [];
    console.log(`  ${q.timesByPage.get('page')!.length}x ${median(times).toFixed(3)} ms ${q.shape.slice(0, 160)}`);
  }
profiler?.stop();
await app.close();
