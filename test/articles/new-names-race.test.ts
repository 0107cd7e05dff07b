import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import type { ArticleInputDraft } from '../../src/articles/article-schema.js';
import { articleInput, createArticle } from '../support/factories.js';

const databases = await testDatabases();

// Each case makes only one kind of name new (the others already exist), so each ensure* is raced on its own.
const cases: { kind: string; table: 'tags' | 'sections' | 'authors'; slug: string; fields: Partial<ArticleInputDraft> }[] = [
  { kind: 'tag', table: 'tags', slug: 'flood-relief', fields: { tags: ['Flood Relief'] } },
  { kind: 'section', table: 'sections', slug: 'river-desk', fields: { section: 'River Desk' } },
  { kind: 'author', table: 'authors', slug: 'ines-okafor', fields: { authors: [{ name: 'Ines Okafor' }] } },
];

describe.each(databases)('ten saves at once introducing the same new name, on %s', (database) => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it.each(cases)('a new $kind: every save succeeds and the $kind is stored once', async ({ table, slug, fields }) => {
    app = await buildApp({ database });
    const now = app.clock();
    // The factory's tag, section and byline now exist, and (on PostgreSQL) ten pooled connections are open,
    // so the ten saves below really overlap instead of queueing for connections.
    await createArticle(app);
    await Promise.all(Array.from({ length: 10 }, () => createArticle(app)));
    const inputs = Array.from({ length: 10 }, () => articleInput(fields));
    const results = await Promise.all(inputs.map((input) => app.services.articles.saveArticle(input, { now, actor: 'test' })));
    expect(results.map((r) => r.ok)).toEqual(Array(10).fill(true));

    const rows = await app.database.db.selectFrom(table).select('id').where('slug', '=', slug).execute();
    expect(rows).toHaveLength(1);
    const stories = await Promise.all(inputs.map((i) => app.services.articles.findArticle(i.slug)));
    const ids = stories.map((s) => [...(s?.tags ?? []), ...(s?.authors ?? []), s?.section].filter((x) => x?.slug === slug).map((x) => x!.id));
    expect(ids).toEqual(Array(10).fill([rows[0]!.id]));
  });
});
