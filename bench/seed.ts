// Scale data for the benchmark: a fresh SQLite database with N synthetic published articles, made with
// INSERT … SELECT over recursive CTEs in one transaction (no row passes through JavaScript).
// Standalone: node bin/run-ts.mjs bench/seed.ts <file.db> <articles>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';

export const SECTIONS = [
  'News',
  'Politics',
  'Business',
  'Education',
  'Environment',
  'Health',
  'Transport',
  'Housing',
  'Culture',
  'Sport',
  'Opinion',
  'Science',
];
export const TAGS = 2000;
/** Tags 1..20 are on one article in 20 each (a "city council" tag); the rest share the other two tag slots. */
export const POPULAR_TAGS = 20;
export const AUTHORS = 500;
const FIRST = [
  'Ada',
  'Ben',
  'Cora',
  'Dev',
  'Elif',
  'Femi',
  'Gus',
  'Hana',
  'Ivo',
  'June',
  'Kofi',
  'Lena',
  'Milo',
  'Nia',
  'Omar',
  'Pia',
  'Quinn',
  'Rosa',
  'Sami',
  'Tess',
  'Umar',
  'Vera',
  'Wes',
  'Xia',
  'Yuri',
];
const LAST = [
  'Abara',
  'Brandt',
  'Castillo',
  'Dunn',
  'Eriksen',
  'Fofana',
  'Grady',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowal',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Park',
  'Quist',
  'Reyes',
  'Sato',
  'Tran',
];
const HEADLINES = [
  'Council delays vote on riverfront garage again',
  'School board weighs merging two eastside campuses',
  'Bus drivers wanted: routes cut as shortage drags on',
  'Levee report finds flood maps decades out of date',
  'Rental inspections fall further behind schedule',
  'Mill closure leaves 300 workers looking for jobs',
  'Budget explainer: where the city’s money goes',
  'Lead tests ordered for homes on the east bank',
  'Theatre reopens after a four-year restoration',
  'Canal Street detours to last through the summer',
  'Library hours restored after volunteers step in',
  'Clinic waiting lists grow as two doctors retire',
  'Transit fares to rise for the first time in a decade',
  'Housing plan promises 1,200 homes by 2030',
  'Youth league fields reopen after drainage repairs',
  'Researchers count the river’s returning otters',
];
const SENTENCES = [
  'The proposal returns to the council next month after a public hearing drew more than two hundred residents.',
  'Officials said the figures were preliminary and could change once the county finishes its own review.',
  'Neighbours on both sides of the river told the Dispatch they had not been consulted before the plan was announced.',
  'The department did not answer written questions about how the contract was awarded or what it will cost over ten years.',
  'Records obtained under the public records law show the estimate has doubled since the project was first approved.',
  'A spokesperson said the city remains committed to the timetable, though she declined to give a date.',
];

/** ~2.3 KB of text in paragraphs: the same few sentences repeated, as the brief for scale data allows. */
function bodies(): { markdown: string; html: string; text: string } {
  const paragraphs = Array.from({ length: 7 }, (_, p) => Array.from({ length: 3 }, (_, s) => SENTENCES[(p + s) % SENTENCES.length]).join(' '));
  return {
    markdown: paragraphs.join('\n\n'),
    html: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
    text: paragraphs.join('\n\n'),
  };
}

/**
 * Every column of the tables seeded, as this file knows them: filled, or left to its default on purpose.
 * A column missing here was added to the schema after this file was written; the seed says so.
 */
const KNOWN_COLUMNS: Record<string, string[]> = {
  sections: ['id', 'slug', 'name', 'description', 'position'],
  tags: ['id', 'slug', 'name'],
  authors: ['id', 'slug', 'name', 'bio', 'is_guest', 'user_id'],
  articles: [
    'id',
    'slug',
    'headline',
    'standfirst',
    'body_source',
    'body_format',
    'body_html',
    'body_text',
    'section_id',
    'language',
    'status',
    'published_at',
    'created_at',
    'updated_at',
    'revision',
    'hero_media_id',
    'hero_alt',
    'hero_caption',
    'hero_credit',
    'scheduled_for',
    // Left NULL / default: no newsroom accounts own the synthetic stories, and their body is Markdown, not editor JSON.
    'owner_user_id',
    'body_json',
  ],
  article_authors: ['article_id', 'author_id', 'position', 'published_at'],
  article_tags: ['article_id', 'tag_id', 'position', 'published_at'],
  article_sources: ['article_id', 'position', 'name', 'url'],
  article_revisions: ['id', 'article_id', 'revision', 'headline', 'standfirst', 'body_source', 'body_format', 'body_html', 'created_at', 'created_by'],
};

function unknownColumns(db: SQLite.Database): string[] {
  return Object.entries(KNOWN_COLUMNS).flatMap(([table, known]) =>
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
      .filter((c) => !known.includes(c.name))
      .map((c) => `${table}.${c.name}`),
  );
}

export interface SeedStep {
  what: string;
  rows: number;
  seconds: number;
}

export interface SeedResult {
  steps: SeedStep[];
  /** Columns the schema has and this seed does not know (left NULL or default): the seed may need updating. */
  unknownColumns: string[];
  articles: number;
  rows: number;
  seconds: number;
  bytes: number;
}

const SEQ = 'WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < :count)';
// Column expressions shared by articles and article_revisions, over seq(n) and :parameters.
const HEADLINE = `json_extract(:headlines, '$[' || (n % ${HEADLINES.length}) || ']') || ' (' || n || ')'`;
const STANDFIRST = `'What story ' || n || ' means for Riverbend, and what happens next.'`;
const PUBLISHED = `strftime('%Y-%m-%dT%H:%M:%fZ', :startJd + n * :stepJd)`;

/** Creates `file` (which must not exist), migrates it with the app's own migrations, then fills it. */
export async function seedDatabase(file: string, count: number, now = new Date()): Promise<SeedResult> {
  if (fs.existsSync(file)) throw new Error(`${file} exists: scale data goes into a fresh database`);
  const handle = openDatabase({ dialect: 'sqlite', file });
  try {
    await migrate(handle.db, 'sqlite', () => now);
  } finally {
    await handle.close();
  }

  const started = performance.now();
  const db = new SQLite(file);
  try {
    // One writer, a throwaway file: no journal or fsync while filling. The app reopens it in WAL mode.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -1048576'); // 1 GiB: the indexes being built stay in memory
    const body = bodies();
    const endJd = now.getTime() / 86_400_000 + 2440587.5 - 1 / 24; // newest story an hour ago
    const startJd = endJd - 5 * 365.25;
    const params = {
      count,
      startJd,
      stepJd: (endJd - startJd) / count,
      headlines: JSON.stringify(HEADLINES),
      sections: JSON.stringify(SECTIONS),
      first: JSON.stringify(FIRST),
      last: JSON.stringify(LAST),
      slugFormat: `story-%0${Math.max(7, String(count).length)}d`, // zero-padded: slugs sort as ids do
      markdown: body.markdown,
      html: body.html,
      text: body.text,
    };
    const use = (sql: string) => {
      const stmt = db.prepare(sql);
      const names = new Set([...sql.matchAll(/:(\w+)/g)].map((m) => m[1]!));
      return stmt.run(Object.fromEntries(Object.entries(params).filter(([k]) => names.has(k)))).changes;
    };
    const steps: SeedStep[] = [];
    const step = (what: string, run: () => number) => {
      const t = performance.now();
      steps.push({ what, rows: run(), seconds: (performance.now() - t) / 1000 });
    };
    // One transaction: BEGIN and COMMIT by hand, so the commit's own time shows in the steps.
    db.exec('BEGIN');
    try {
      step('sections', () =>
        use(`
        INSERT INTO sections (id, slug, name, description, position)
        SELECT key + 1, lower(value), value, 'The latest from our ' || value || ' desk.', key + 1 FROM json_each(:sections)`),
      );
      step('tags', () =>
        use(`
        WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < ${TAGS})
        INSERT INTO tags (id, slug, name) SELECT n, 'topic-' || n, 'Topic ' || n FROM t`),
      );
      step('authors', () =>
        use(`
        WITH RECURSIVE a(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM a WHERE n < ${AUTHORS - 1}),
        named AS (SELECT n, json_extract(:first, '$[' || (n % ${FIRST.length}) || ']') || ' ' || json_extract(:last, '$[' || (n / ${FIRST.length} % ${LAST.length}) || ']') AS name FROM a)
        INSERT INTO authors (id, slug, name, bio, is_guest, user_id)
        SELECT n + 1, lower(replace(name, ' ', '-')), name, name || ' reports for the Dispatch.', n % 10 = 0, NULL FROM named`),
      );
      step('articles', () =>
        use(`${SEQ}
        INSERT INTO articles (id, slug, headline, standfirst, body_source, body_format, body_html, body_text, section_id, language, status, published_at, created_at, updated_at, revision)
        SELECT n, printf(:slugFormat, n), ${HEADLINE}, ${STANDFIRST},
               'Story ' || n || '. ' || :markdown, 'markdown', '<p>Story ' || n || '.</p>' || char(10) || :html, 'Story ' || n || '. ' || :text,
               1 + n % ${SECTIONS.length}, 'en', 'published', ts, ts, ts, 1
        FROM (SELECT n, ${PUBLISHED} AS ts FROM seq)`),
      );
      // CROSS JOIN keeps seq as the outer loop, so child rows arrive in article order (appends, not random inserts).
      step('article_authors', () =>
        use(`${SEQ}
        INSERT INTO article_authors (article_id, author_id, position, published_at)
        SELECT n, 1 + (n * 7 + p * 13) % ${AUTHORS}, p, ${PUBLISHED} FROM seq CROSS JOIN (SELECT 0 AS p UNION ALL SELECT 1) WHERE p = 0 OR n % 3 = 0`),
      );
      const spread = TAGS - POPULAR_TAGS;
      step('article_tags', () =>
        use(`${SEQ}
        INSERT INTO article_tags (article_id, tag_id, position, published_at)
        SELECT n, CASE p WHEN 0 THEN 1 + n % ${POPULAR_TAGS} ELSE ${POPULAR_TAGS + 1} + (n * 31 + (p - 1) * ${spread / 2}) % ${spread} END, p, ${PUBLISHED}
        FROM seq CROSS JOIN (SELECT 0 AS p UNION ALL SELECT 1 UNION ALL SELECT 2)`),
      );
      step('article_sources', () =>
        use(`${SEQ}
        INSERT INTO article_sources (article_id, position, name, url) SELECT n, 0, 'Riverbend City Council minutes', 'https://example.org/records/' || n FROM seq`),
      );
      step('article_revisions', () =>
        use(`${SEQ}
        INSERT INTO article_revisions (article_id, revision, headline, standfirst, body_source, body_format, body_html, created_at, created_by)
        SELECT n, 1, ${HEADLINE}, ${STANDFIRST}, 'Story ' || n || '. ' || :markdown, 'markdown', '<p>Story ' || n || '.</p>' || char(10) || :html, ${PUBLISHED}, 'seed' FROM seq`),
      );
      step('COMMIT', () => {
        db.exec('COMMIT');
        return 0;
      });
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    db.pragma('journal_mode = WAL');
    const sample = (db.prepare('SELECT published_at FROM articles ORDER BY id DESC LIMIT 1').get() as { published_at: string }).published_at;
    if (new Date(sample).toISOString() !== sample) throw new Error(`published_at "${sample}" is not in toISOString() form`);
    return {
      unknownColumns: unknownColumns(db),
      articles: count,
      rows: steps.reduce((n, st) => n + st.rows, 0),
      steps,
      seconds: (performance.now() - started) / 1000,
      bytes: fs.statSync(file).size,
    };
  } finally {
    db.close();
  }
}

/** Rows, time, rates and database size, the time per step, and a warning if the schema has outgrown this file. */
export function seedReport(r: SeedResult): string {
  const rate = (n: number) => Math.round(n / r.seconds).toLocaleString('en');
  const drift = r.unknownColumns.length ? `\nWARNING: the schema has columns bench/seed.ts does not fill: ${r.unknownColumns.join(', ')}` : '';
  return (
    `seeded ${r.articles.toLocaleString('en')} articles (${r.rows.toLocaleString('en')} rows in all tables) in ${r.seconds.toFixed(1)} s: ` +
    `${rate(r.articles)} articles/s, ${rate(r.rows)} rows/s; database ${(r.bytes / 1024 ** 3).toFixed(2)} GiB\n` +
    `  steps: ${r.steps.map((st) => `${st.what} ${st.seconds.toFixed(1)} s`).join(', ')}${drift}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [file, n] = process.argv.slice(2);
  if (!file || !n || !/^\d+$/.test(n)) {
    console.error('usage: node bin/run-ts.mjs bench/seed.ts <new-file.db> <articles>');
    process.exitCode = 2;
  } else {
    console.log(seedReport(await seedDatabase(path.resolve(file), Number(n))));
  }
}
