// The import half of `npm run bench -- --import N` (bench/import.ts), in a process of its own:
// `node bin/run-ts.mjs bench/import-run.ts FILE.xml DIR` imports FILE into a fresh SQLite site in DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/core.js';

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

const [file, dir] = process.argv.slice(2);
if (!file || !dir) throw new Error('usage: bench/import-run.ts FILE.xml DIR');
const core = await createCore({
  ...loadConfig({ DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'site.db')}`, LOG_LEVEL: 'silent' }),
  logLevel: 'silent',
});
const rssBefore = peakRssMiB();
const cpuBefore = process.cpuUsage();
const t = Date.now();
let last = t;
const report = await core.services.wordpress.run({
  file,
  mediaDir: null,
  dryRun: false,
  // Every post published and indexed: the costly case.
  publishAsImported: true,
  now: new Date(),
  language: 'en',
  onProgress: ({ done, total }) => {
    if (Date.now() - last > 10_000) {
      last = Date.now();
      console.log(`  ${done}/${total}  ${(done / ((last - t) / 1000)).toFixed(0)} posts/s  rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
    }
  },
});
const secs = (Date.now() - t) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
await core.close();
console.log(
  `imported ${report.imported.articles} posts, ${report.imported.redirects} redirects in ${secs.toFixed(1)} ` +
    `s: ${(report.imported.articles / secs).toFixed(0)} posts/s`,
);
// On a shared machine the wall clock mostly measures the neighbours: CPU time is the steadier figure.
console.log(`CPU time ${cpuSecs.toFixed(1)} s (this process, all threads): ${(report.imported.articles / cpuSecs).toFixed(0)} posts per CPU-second`);
console.log(`images referenced and reported missing: ${report.missingImages}`);
console.log(
  `peak RSS ${peakRssMiB().toFixed(0)} MiB (${rssBefore.toFixed(0)} MiB after start-up, before the import); load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
