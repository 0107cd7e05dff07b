// The cost of ads: the same article served by two Masthead servers in the same run, one over the demo
// database (its house ads on: slot markup, creatives as <template>s, the ad island and the check script)
// and one over a copy with every campaign removed (no slot markup, no ad script). Loaded alternately,
// round by round, exactly like the bare-ceiling comparison; then the miss render in-process for both.
import path from 'node:path';
import Database from 'better-sqlite3';
import { runRounds, type ComparisonSettings } from './load-rounds.js';
import { startMasthead } from './masthead-server.js';
import { httpGet, stopChild, type Child } from './processes.js';
import { measureRenders } from './render-timing.js';
import { formatTable, roundRatios } from './report.js';
import { median } from './load.js';
import { buildTargets, captureTargets } from './targets.js';

export interface AdsBenchOptions extends ComparisonSettings {
  /** The database the running server uses (with campaigns). */
  databaseFile: string;
  withAds: { child: Child; base: string };
  article: string;
  warmupSec: number;
  renderIterations: number;
  quick: boolean;
}

/** A copy of the database with no campaigns (and no counts): the site as it was before ads. */
function copyWithoutCampaigns(from: string, to: string): number {
  const src = new Database(from, { fileMustExist: true });
  try {
    src.prepare('VACUUM INTO ?').run(to);
  } finally {
    src.close();
  }
  const copy = new Database(to);
  try {
    copy.prepare('DELETE FROM ad_daily_counts').run();
    return copy.prepare('DELETE FROM ad_campaigns').run().changes;
  } finally {
    copy.close();
  }
}

/** Runs the comparison and prints it. */
export async function compareAds(o: AdsBenchOptions): Promise<void> {
  const noAdsDb = path.join(o.tmpDir, 'no-ads.db');
  const removed = copyWithoutCampaigns(o.databaseFile, noAdsDb);
  const without = await startMasthead({ root: o.root, databaseFile: noAdsDb, demoContent: false, cpu: o.serverCpu, track: o.track });
  try {
    const a = (await httpGet(o.withAds.base + o.article)).body;
    const b = (await httpGet(without.base + o.article)).body;
    const slots = (html: Buffer) => (html.toString('utf8').match(/data-ad-slot="/g) ?? []).length;
    if (slots(a) === 0) throw new Error(`ads bench: ${o.article} carries no ad slot on the demo database`);
    if (slots(b) !== 0) throw new Error('ads bench: the copy without campaigns still shows ad slots');
    console.log(
      `${o.article}: ${(a.length / 1024).toFixed(1)} KB with ${slots(a)} slot(s) (${removed} campaigns); ${(b.length / 1024).toFixed(1)} KB without campaigns`,
    );

    const all = buildTargets({ article: o.article, home: '/', feed: '/feed.xml' });
    const targets = [all[0]!, all[1]!, all[2]!, all[4]!];
    await captureTargets(o.withAds.base, targets);
    await captureTargets(without.base, targets);
    const results = await runRounds({
      tool: o.tool,
      targets,
      ours: o.withAds,
      bare: without,
      rounds: o.rounds,
      durationSec: o.durationSec,
      warmupSec: o.warmupSec,
      connections: o.connections,
      loadCpu: o.loadCpu,
    });
    const rows = results.map((r) => [
      r.target,
      Math.round(r.server.rps).toString(),
      Math.round(r.bare.rps).toString(),
      median(roundRatios(r)).toFixed(3),
      `${r.server.failures}/${r.bare.failures}`,
    ]);
    console.log(`\n${formatTable(['target', 'with ads req/s', 'no campaigns req/s', 'ratio', 'failures'], rows, [false, true, true, true, true])}`);
    console.log('ratio: median over rounds of (with ads / without campaigns), both servers pinned to the same CPU and loaded back to back.');

    const render = async (databaseFile: string, base: string) =>
      (
        await measureRenders({
          databaseFile,
          publicUrl: base,
          pages: [{ name: 'article', url: o.article }],
          warmup: o.quick ? 20 : 100,
          iterations: o.renderIterations,
          warmupCapSec: o.quick ? 3 : 10,
          timedCapSec: o.quick ? 5 : 20,
          profileIterations: 10,
        })
      ).timings[0]!;
    const withRender = await render(o.databaseFile, o.withAds.base);
    const withoutRender = await render(noAdsDb, without.base);
    console.log(
      `render on miss, in-process: with ads median ${withRender.medianMs.toFixed(3)} ms ` +
        `(p99 ${withRender.p99Ms.toFixed(2)}), without campaigns median ${withoutRender.medianMs.toFixed(3)} ms ` +
        `(p99 ${withoutRender.p99Ms.toFixed(2)})`,
    );
  } finally {
    await stopChild(without.child);
  }
}
