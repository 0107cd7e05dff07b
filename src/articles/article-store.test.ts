import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { articleInput, createArticle } from '../../test/support/factories.js';

const databases = await testDatabases();

describe.each(databases)('articles on %s', (database) => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('saves an article with every field and reads it back by slug', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'older-story', headline: 'An older story' });
    const input = await createArticle(app, {
      slug: 'full-story',
      headline: 'Council funds the river path',
      authors: [{ name: 'Rosa Vance' }, { name: 'Ife Adeyemi', bio: 'Freelance writer.', guest: true }],
      tags: ['Transport', 'Budget'],
      sources: [
        { name: 'The Valley Ledger', url: 'https://example.org/a' },
        { name: 'Council minutes', url: 'https://example.org/b' },
      ],
      related: ['older-story'],
      language: 'en-GB',
    });
    const a = await app.services.articles.getPublicArticle(input.slug, app.clock());
    expect(a).not.toBeNull();
    expect(a!.headline).toBe('Council funds the river path');
    expect(a!.authors.map((x) => [x.name, x.isGuest])).toEqual([
      ['Rosa Vance', false],
      ['Ife Adeyemi', true],
    ]);
    expect(a!.tags.map((t) => t.slug)).toEqual(['transport', 'budget']);
    expect(a!.sources).toEqual([
      { name: 'The Valley Ledger', url: 'https://example.org/a' },
      { name: 'Council minutes', url: 'https://example.org/b' },
    ]);
    expect(a!.related.map((r) => r.slug)).toEqual(['older-story']);
    expect(a!.section?.slug).toBe('city-hall');
    expect(a!.language).toBe('en-GB');
    expect(a!.bodyHtml).toContain('<p>The first paragraph');
    expect(a!.bodyText).toMatch(/^The first paragraph of story \d+\.\n\nThe second paragraph\.$/);
    expect(a!.authors.map((x) => x.slug)).toEqual(['rosa-vance', 'ife-adeyemi']);
    // A story with no tags, sources or pinned links reads them as empty lists (PostgreSQL's json_agg gives NULL for none).
    await createArticle(app, { slug: 'bare-story', tags: [], sources: [] });
    expect(await app.services.articles.getPublicArticle('bare-story', app.clock())).toMatchObject({ tags: [], sources: [], related: [] });
    expect(await app.services.articles.findArticle('full-story')).toMatchObject({
      authors: a!.authors,
      tags: a!.tags,
      sources: a!.sources,
      related: a!.related,
    });
  });

  it('reads story cards by id in the order asked, each with its bylines in order (a story always has one), public stories only', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'two-bylines', authors: [{ name: 'Rosa Vance' }, { name: 'Ife Adeyemi', guest: true }] });
    await createArticle(app, { slug: 'reversed', authors: [{ name: 'Ife Adeyemi', guest: true }, { name: 'Rosa Vance' }] });
    await createArticle(app, { slug: 'a-draft', status: 'draft', publishedAt: null });
    const now = app.clock();
    const id = async (slug: string) => (await app.services.articles.findArticle(slug))!.id;
    const ids = [await id('reversed'), await id('a-draft'), await id('two-bylines')];
    const cards = await app.services.articles.listPublicSummaries(ids, now);
    expect(cards.map((c) => [c.slug, c.authors.map((a) => [a.slug, a.isGuest])])).toEqual([
      [
        'reversed',
        [
          ['ife-adeyemi', true],
          ['rosa-vance', false],
        ],
      ],
      [
        'two-bylines',
        [
          ['rosa-vance', false],
          ['ife-adeyemi', true],
        ],
      ],
    ]);
  });

  it("reads a story's translations: the rest of its group in id order, whatever their status; none outside a group", async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'bridge-closes', headline: 'The bridge closes', language: 'en' });
    await createArticle(app, { slug: 'mist-zakryvaiut', headline: 'Міст закривають', language: 'uk' });
    await createArticle(app, { slug: 'brucke-schliesst', headline: 'Die Brücke schließt', language: 'de', status: 'draft' });
    await createArticle(app, { slug: 'alone', language: 'en' });
    const link = (translationSlug: string) =>
      app.uow.transaction((stores) => app.services.articles.linkTranslationWith(stores, { originalSlug: 'bridge-closes', translationSlug }));
    expect(await link('brucke-schliesst')).toMatchObject({ ok: true });
    expect(await link('mist-zakryvaiut')).toMatchObject({ ok: true });
    const read = (slug: string) => app.services.articles.findArticle(slug);
    const [en, uk, de] = await Promise.all([read('bridge-closes'), read('mist-zakryvaiut'), read('brucke-schliesst')]);
    const ref = (a: NonNullable<typeof en>) => ({
      id: a.id,
      slug: a.slug,
      headline: a.headline,
      language: a.language,
      status: a.status,
      publishedAt: a.publishedAt,
    });
    expect(en!.translations).toEqual([ref(uk!), ref(de!)]);
    expect(uk!.translations).toEqual([ref(en!), ref(de!)]);
    expect(de!.translations).toEqual([ref(en!), ref(uk!)]);
    expect(de!.publishedAt).toBeNull();
    expect(uk!.translationGroup).toBe(en!.id);
    expect((await app.services.articles.getPublicArticle('mist-zakryvaiut', app.clock()))!.translations).toEqual(uk!.translations);
    // PostgreSQL's json_agg gives NULL for no rows: a story outside any group, or alone in its own, reads an empty list.
    expect(await read('alone')).toMatchObject({ translationGroup: null, translations: [] });
    await app.uow.transaction((stores) => stores.articles.unlinkTranslation(uk!.id));
    await app.uow.transaction((stores) => stores.articles.unlinkTranslation(de!.id));
    expect(await read('bridge-closes')).toMatchObject({ translationGroup: en!.id, translations: [] });
  });

  it('lists published articles newest first, by section, tag and author, with pages', async () => {
    app = await buildApp({ database });
    for (let i = 0; i < 23; i++) {
      await createArticle(app, { slug: `s-${i}`, publishedAt: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), section: i % 2 ? 'Schools' : 'City Hall' });
    }
    await createArticle(app, { slug: 'draft-one', status: 'draft' });
    await createArticle(app, { slug: 'future-one', publishedAt: '2026-12-25T00:00:00.000Z' });
    const now = app.clock();
    const first = await app.services.articles.listLatest(1, now);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]!.slug).toBe('s-22');
    expect(first.hasNext).toBe(true);
    const second = await app.services.articles.listLatest(2, now);
    expect(second.items.map((a) => a.slug)).toEqual(['s-2', 's-1', 's-0']);
    expect(second.hasNext).toBe(false);
    const schools = await app.services.articles.listSection('schools', 1, now);
    expect(schools!.articles.items.every((a) => a.section?.slug === 'schools')).toBe(true);
    expect(schools!.articles.items).toHaveLength(11);
    expect((await app.services.articles.listTag('budget', 2, now))!.articles.items).toHaveLength(3);
    expect((await app.services.articles.listAuthor('rosa-vance', 1, now))!.articles.items[0]!.authors[0]!.name).toBe('Rosa Vance');
    expect(await app.services.articles.listSection('no-such-section', 1, now)).toBeNull();
  });

  it('hides drafts and articles scheduled for later from readers', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'a-draft', status: 'draft' });
    await createArticle(app, { slug: 'later', publishedAt: '2026-11-28T08:00:00.000Z' });
    expect(await app.services.articles.getPublicArticle('a-draft', app.clock())).toBeNull();
    expect(await app.services.articles.getPublicArticle('later', app.clock())).toBeNull();
    expect((await app.services.articles.findArticle('later'))!.status).toBe('scheduled');
    app.fixedClock.advance(24 * 3600 * 1000);
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual(['later']);
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual([]);
    expect(await app.services.articles.getPublicArticle('later', app.clock())).not.toBeNull();
    // Tag and author pages read the join rows' copy of published_at: it must follow the publication.
    const tagged = await app.services.articles.listTag('budget', 1, app.clock());
    expect(tagged!.articles.items.map((a) => a.slug)).toContain('later');
    const byAuthor = await app.services.articles.listAuthor('rosa-vance', 1, app.clock());
    expect(byAuthor!.articles.items.map((a) => a.slug)).toContain('later');
    expect(byAuthor!.articles.items.map((a) => a.slug)).not.toContain('a-draft');
  });

  it('keeps every revision of the headline and body, and refuses a stale save', async () => {
    app = await buildApp({ database });
    const input = await createArticle(app, { slug: 'revised' });
    const now = app.clock();
    const second = await app.services.articles.saveArticle({ ...input, headline: 'Second headline' }, { now, actor: 'editor', update: true });
    expect(second).toMatchObject({ ok: true, revision: 2 });
    const stale = await app.services.articles.saveArticle({ ...input, headline: 'Stale' }, { now, actor: 'other', expectedRevision: 1 });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
    const article = await app.services.articles.findArticle('revised');
    expect(article!.headline).toBe('Second headline');
    const store = app.services.articles as unknown as { uow: { stores: { articles: { listRevisions(id: number): Promise<{ headline: string }[]> } } } };
    const revisions = await store.uow.stores.articles.listRevisions(article!.id);
    expect(revisions.map((r) => r.headline)).toEqual([input.headline, 'Second headline']);
  });

  it('refuses a second article with the same slug, and a related link to nothing', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'taken' });
    const dup = await app.services.articles.saveArticle(articleInput({ slug: 'taken' }), { now: app.clock(), actor: 't' });
    expect(dup).toMatchObject({ ok: false, reason: 'slug-taken' });
    const rel = await app.services.articles.saveArticle(articleInput({ related: ['missing-story'] }), { now: app.clock(), actor: 't' });
    expect(rel).toMatchObject({ ok: false, reason: 'related-not-found' });
    expect(rel.ok === false && rel.message).toContain('missing-story');
  });

  it("reads every section's newest stories for the home page in one list, leaving out drafts, later stories and the shown ones", async () => {
    app = await buildApp({ database });
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h)).toISOString();
    for (let i = 0; i < 9; i++) await createArticle(app, { slug: `f-${i}`, publishedAt: at(i), section: ['City Hall', 'Schools', 'Courts'][i % 3] });
    await createArticle(app, { slug: 'f-draft', status: 'draft', section: 'Schools' });
    await createArticle(app, { slug: 'f-later', publishedAt: '2027-06-01T00:00:00.000Z', section: 'Courts' });
    await createArticle(app, { slug: 'f-uk', publishedAt: at(20), section: 'Courts', language: 'uk' });
    const ids = new Map((await app.services.articles.listLatest(1, app.clock())).items.map((a) => [a.slug, a.id]));
    const fronts = async (opts: Parameters<typeof app.services.articles.listSectionFronts>[1]) =>
      (await app.services.articles.listSectionFronts(app.clock(), opts)).map((f) => [f.section.slug, f.articles.map((a) => a.slug)]);
    expect(await fronts({ perSection: 2 })).toEqual([
      ['city-hall', ['f-6', 'f-3']],
      ['schools', ['f-7', 'f-4']],
      ['courts', ['f-uk', 'f-8']],
    ]);
    expect(await fronts({ perSection: 2, exclude: new Set([ids.get('f-6')!, ids.get('f-uk')!]), language: { except: ['uk'] } })).toEqual([
      ['city-hall', ['f-3', 'f-0']],
      ['schools', ['f-7', 'f-4']],
      ['courts', ['f-8', 'f-5']],
    ]);
  });
});
