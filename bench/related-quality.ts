// Related stories quality: precision@4 on a generated archive where the right answer is known
// (clusters of stories written from a shared vocabulary, with tags and sections that cut ACROSS
// the clusters, so only the text can tell), and the lists on the demo outlet, printed to read by hand.
//   node bin/run-ts.mjs bench/related-quality.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleInputSchema, type ArticleInput } from '../src/articles/article-schema.js';
import { loadConfig } from '../src/config.js';
import { createApp, type App } from '../src/main.js';

/** Eight subjects, each with its own words; every story mixes them with words every story shares. */
const SUBJECTS: string[][] = [
  ['dredging', 'harbour', 'silt', 'barges', 'quay', 'tender', 'berth', 'pilots'],
  ['vaccine', 'clinic', 'nurses', 'booster', 'appointments', 'pharmacy', 'dose', 'waiting'],
  ['tram', 'tracks', 'depot', 'timetable', 'overhead', 'signals', 'conductor', 'fares'],
  ['orchestra', 'conductor', 'rehearsal', 'violins', 'concert', 'score', 'soloist', 'symphony'],
  ['wildfire', 'evacuation', 'firefighters', 'embers', 'drought', 'hillside', 'smoke', 'containment'],
  ['election', 'ballots', 'candidates', 'turnout', 'precinct', 'recount', 'campaign', 'polling'],
  ['brewery', 'hops', 'barley', 'taproom', 'lager', 'fermentation', 'casks', 'malt'],
  ['landslide', 'geologists', 'slope', 'boulders', 'drainage', 'retaining', 'erosion', 'culvert'],
];
const SHARED = ['the', 'city', 'said', 'residents', 'council', 'week', 'officials', 'plan', 'year', 'people', 'local', 'report', 'would', 'after', 'new'];
const TAGS = ['Weekend', 'Explainer', 'Follow-up', 'Analysis'];
const SECTIONS = ['News', 'City Hall', 'Culture'];

/** A small deterministic generator (mulberry32), so the archive is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perSubject` stories per subject; the cluster of each slug is the answer key. */
export function clusteredArchive(perSubject = 6, seed = 7): { inputs: ArticleInput[]; cluster: Map<string, number> } {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const inputs: ArticleInput[] = [];
  const cluster = new Map<string, number>();
  for (let i = 0; i < perSubject; i++) {
    SUBJECTS.forEach((words, c) => {
      const sentence = () => Array.from({ length: 12 }, () => (rnd() < 0.3 ? pick(words) : pick(SHARED))).join(' ');
      const slug = `subject-${c}-story-${i}`;
      cluster.set(slug, c);
      inputs.push(
        articleInputSchema.parse({
          slug,
          headline: `${pick(words)} ${pick(SHARED)} ${pick(words)} ${pick(SHARED)}`,
          standfirst: sentence(),
          bodyMarkdown: Array.from({ length: 6 }, sentence).join('. '),
          authors: [{ name: pick(['Ana Ruiz', 'Tomas Reyes', 'Ife Adeyemi']) }],
          section: pick(SECTIONS),
          tags: [pick(TAGS)],
          status: 'published',
          publishedAt: new Date(Date.UTC(2026, 9, 1) + inputs.length * 3600_000).toISOString(),
        }),
      );
    });
  }
  return { inputs, cluster };
}

/** Mean share of each story's first four related stories that are in its own cluster. */
export async function precisionAt4(app: App, cluster: Map<string, number>): Promise<{ precision: number; stories: number }> {
  const now = app.clock();
  let sum = 0;
  for (const [slug, c] of cluster) {
    const article = (await app.services.articles.getPublicArticle(slug, now))!;
    const related = (await app.services.articles.listRelatedArticles(article, now, 4)).map((a) => a.slug);
    sum += related.filter((s) => cluster.get(s) === c).length / 4;
  }
  return { precision: sum / cluster.size, stories: cluster.size };
}

/** Publishes the archive one story at a time, as a newsroom would, letting background work finish. */
export async function publishAll(app: App, inputs: ArticleInput[]): Promise<void> {
  for (const input of inputs) {
    const r = await app.services.articles.saveArticle(input, { now: app.clock(), actor: 'bench' });
    if (!r.ok) throw new Error(r.message);
  }
  await app.jobs.drain();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-related-'));
  const config = (file: string, demo: boolean) => ({
    ...loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, file)}`, DEMO_CONTENT: String(demo), LOG_LEVEL: 'error', DATA_DIR: dir }),
    pageCacheBytes: 0,
  });
  try {
    const app = await createApp(config('clusters.db', false), { clock: () => new Date('2026-11-27T12:00:00Z') });
    const { inputs, cluster } = clusteredArchive(8);
    await publishAll(app, inputs);
    const r = await precisionAt4(app, cluster);
    console.log(
      `clustered archive: ${r.stories} stories in ${SUBJECTS.length} subjects, tags and sections across subjects: precision@4 ${r.precision.toFixed(3)}`,
    );
    await app.close();

    const demo = await createApp(config('demo.db', true), { clock: () => new Date('2026-11-27T12:00:00Z') });
    const { loadDemoContent } = await import('../src/demo/demo-loader.js');
    const loaded = await loadDemoContent(demo.services.importer, { now: demo.clock(), language: 'en' });
    if (!loaded.ok) throw new Error('demo content did not load');
    await demo.jobs.drain();
    console.log('\ndemo outlet: each story, then its related list (pinned links excluded), to read by hand:');
    for (const a of loaded.articles) {
      const article = (await demo.services.articles.getPublicArticle(a.slug, demo.clock()))!;
      const related = await demo.services.articles.listRelatedArticles(article, demo.clock(), 4);
      console.log(`- ${article.headline}  [${article.section?.name ?? '-'}; ${article.tags.map((t) => t.name).join(', ')}]`);
      for (const r of related) console.log(`    -> ${r.headline}`);
      if (article.related.length) console.log(`    (pinned by editors: ${article.related.map((r) => r.headline).join('; ')})`);
    }
    await demo.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
