// Synthetic scale data for the benchmarks: ONE description of N published articles (vocabulary,
// column expressions, the order tables fill in), written by two writers: bench/seed.ts (SQLite) and
// bench/seed-postgres.ts (PostgreSQL). Each step is one INSERT … SELECT over a generated series, so no
// row passes through JavaScript. The writers supply the few expressions the two SQL dialects spell differently.

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
export const FIRST = [
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
export const LAST = [
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
export const HEADLINES = [
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
export const SENTENCES = [
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
export const KNOWN_COLUMNS: Record<string, string[]> = {
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
    // Left NULL / default: no newsroom accounts own the synthetic stories, and their body is Markdown, not editor JSON;
    // none is funded or a translation of another.
    'owner_user_id',
    'body_json',
    'funding_kind',
    'funding_name',
    'funding_url',
    'funding_disclosure',
    'translation_group',
  ],
  article_authors: ['article_id', 'author_id', 'position', 'published_at'],
  article_tags: ['article_id', 'tag_id', 'position', 'published_at'],
  article_sources: ['article_id', 'position', 'name', 'url'],
  article_revisions: ['id', 'article_id', 'revision', 'headline', 'standfirst', 'body_source', 'body_format', 'body_html', 'created_at', 'created_by'],
};

/** An SQL string literal holding one newline (both dialects keep it as typed). */
const NEWLINE = "'\n'";

/** The expressions the two dialects spell differently. `n` is the series column; `:name` a parameter. */
export interface SeedDialect {
  /** A CTE `seq(n)` counting 1..`limit` (an SQL expression). */
  series(limit: string): string;
  /** Element `index` (an integer expression, from 0) of the JSON array of strings in parameter `param`. */
  pick(param: string, index: string): string;
  /** The article slug for `n`: story-0000042, zero-padded so slugs sort as ids do. */
  slug(width: number): string;
  /** Story n's publication time in toISOString() form: evenly spread from 5 years ago to an hour ago. */
  published(): string;
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

/** The whole seed for `count` articles: the statements in order, and the parameters they name. */
export function seedPlan(d: SeedDialect, count: number, now: Date): { steps: { what: string; sql: string }[]; params: Record<string, string | number> } {
  const body = bodies();
  const endMs = now.getTime() - 3_600_000; // newest story an hour ago
  const startMs = endMs - 5 * 365.25 * 86_400_000;
  const params = {
    count,
    startMs,
    stepMs: (endMs - startMs) / count,
    headlines: JSON.stringify(HEADLINES),
    sections: JSON.stringify(SECTIONS),
    first: JSON.stringify(FIRST),
    last: JSON.stringify(LAST),
    markdown: body.markdown,
    html: body.html,
    text: body.text,
  };
  const seq = `WITH ${d.series(':count')}`;
  // Column expressions shared by articles and article_revisions.
  const headline = `${d.pick('headlines', `n % ${HEADLINES.length}`)} || ' (' || n || ')'`;
  const standfirst = `'What story ' || n || ' means for Riverbend, and what happens next.'`;
  const published = d.published();
  const spread = TAGS - POPULAR_TAGS;
  const steps = [
    {
      what: 'sections',
      sql: `WITH ${d.series(String(SECTIONS.length))} INSERT INTO sections (id, slug, name, description, position)
        SELECT n, lower(name), name, 'The latest from our ' || name || ' desk.', n FROM (SELECT n, ${d.pick('sections', 'n - 1')} AS name FROM seq) t`,
    },
    { what: 'tags', sql: `WITH ${d.series(String(TAGS))} INSERT INTO tags (id, slug, name) SELECT n, 'topic-' || n, 'Topic ' || n FROM seq` },
    {
      what: 'authors',
      sql: `WITH ${d.series(String(AUTHORS))},
          named AS (SELECT n, ${d.pick('first', `(n - 1) % ${FIRST.length}`)} || ' ' || ${d.pick('last', `(n - 1) / ${FIRST.length} % ${LAST.length}`)} AS name
          FROM seq)
        INSERT INTO authors (id, slug, name, bio, is_guest, user_id)
        SELECT n, lower(replace(name, ' ', '-')), name, name || ' reports for the Dispatch.', CASE WHEN (n - 1) % 10 = 0 THEN 1 ELSE 0 END, NULL FROM named`,
    },
    {
      what: 'articles',
      sql: `${seq} INSERT INTO articles (id, slug, headline, standfirst, body_source, body_format, body_html, body_text,
          section_id, language, status, published_at, created_at, updated_at, revision)
        SELECT n, ${d.slug(Math.max(7, String(count).length))}, ${headline}, ${standfirst},
               'Story ' || n || '. ' || :markdown, 'markdown', '<p>Story ' || n || '.</p>' || ${NEWLINE} || :html, 'Story ' || n || '. ' || :text,
               1 + n % ${SECTIONS.length}, 'en', 'published', ts, ts, ts, 1
        FROM (SELECT n, ${published} AS ts FROM seq) s`,
    },
    // seq stays the outer loop, so child rows arrive in article order (appends, not random inserts).
    {
      what: 'article_authors',
      sql: `${seq}, p(p) AS (SELECT 0 UNION ALL SELECT 1) INSERT INTO article_authors (article_id, author_id, position, published_at)
        SELECT n, 1 + (n * 7 + p * 13) % ${AUTHORS}, p, ${published} FROM seq CROSS JOIN p WHERE p = 0 OR n % 3 = 0`,
    },
    {
      what: 'article_tags',
      sql: `${seq}, p(p) AS (SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2) INSERT INTO article_tags (article_id, tag_id, position, published_at)
        SELECT n, CASE p WHEN 0 THEN 1 + n % ${POPULAR_TAGS} ELSE ${POPULAR_TAGS + 1} + (n * 31 + (p - 1) * ${spread / 2}) % ${spread} END, p, ${published}
        FROM seq CROSS JOIN p`,
    },
    {
      what: 'article_sources',
      sql: `${seq} INSERT INTO article_sources (article_id, position, name, url)
        SELECT n, 0, 'Riverbend City Council minutes', 'https://example.org/records/' || n FROM seq`,
    },
    {
      what: 'article_revisions',
      sql: `${seq} INSERT INTO article_revisions (article_id, revision, headline, standfirst, body_source, body_format, body_html, created_at, created_by)
        SELECT n, 1, ${headline}, ${standfirst}, 'Story ' || n || '. ' || :markdown, 'markdown',
               '<p>Story ' || n || '.</p>' || ${NEWLINE} || :html, ${published}, 'seed' FROM seq`,
    },
  ];
  return { steps, params };
}

/** The parameters one statement names, for drivers that want exactly those. */
export function namedParams(statement: string, params: Record<string, string | number>): string[] {
  return [...new Set([...statement.matchAll(/(?<![:\w]):([a-zA-Z]\w*)/g)].map((m) => m[1]!))].filter((k) => k in params);
}

/** Rows, time, rates and database size, the time per step, and a warning if the schema has outgrown the seed. */
export function seedReport(r: SeedResult): string {
  const rate = (n: number) => Math.round(n / r.seconds).toLocaleString('en');
  const drift = r.unknownColumns.length ? `\nWARNING: the schema has columns bench/synthetic.ts does not fill: ${r.unknownColumns.join(', ')}` : '';
  return (
    `seeded ${r.articles.toLocaleString('en')} articles (${r.rows.toLocaleString('en')} rows in all tables) in ${r.seconds.toFixed(1)} s: ` +
    `${rate(r.articles)} articles/s, ${rate(r.rows)} rows/s; database ${(r.bytes / 1024 ** 3).toFixed(2)} GiB\n` +
    `  steps: ${r.steps.map((st) => `${st.what} ${st.seconds.toFixed(1)} s`).join(', ')}${drift}`
  );
}
