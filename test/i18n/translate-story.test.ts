import { afterEach, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/accounts/user.js';
import type { TestApp } from '../support/app.js';
import { csrfToken, loggedInClient } from '../support/admin.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { createArticle } from '../support/factories.js';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('"Translate this story" in the editor', () => {
  it('makes a linked draft in a language the story has no version in, prefilled from the original', async () => {
    app = await bilingualOutlet();
    await createArticle(app, {
      slug: 'dam-repairs',
      headline: 'Dam repairs start in spring',
      standfirst: 'The works close the river path for a month.',
      bodyMarkdown: 'Crews arrive in **March**.',
      tags: ['Rivers', 'Works'],
      sources: [{ name: 'Water board minutes', url: 'https://example.org/minutes' }],
      language: 'en',
    });
    const { user } = await loggedInClient(app, 'writer');
    const original = (await app.services.articles.findArticle('dam-repairs'))!;
    const made = await app.services.editing.translate(actorOf(user), { id: original.id, language: 'uk', outletLanguages: ['en', 'uk'] }, app.clock());
    expect(made).toMatchObject({ ok: true, slug: 'dam-repairs-uk', status: 'draft' });
    const draft = (await app.services.articles.findArticle('dam-repairs-uk'))!;
    expect(draft).toMatchObject({
      language: 'uk',
      status: 'draft',
      headline: original.headline,
      standfirst: original.standfirst,
      bodyHtml: original.bodyHtml,
      translationGroup: original.id,
    });
    expect(draft.tags.map((t) => t.name)).toEqual(['Rivers', 'Works']);
    expect(draft.sources).toEqual(original.sources);
    expect(draft.translations.map((t) => t.slug)).toEqual(['dam-repairs']);
    expect((await app.services.articles.findArticle('dam-repairs'))!.translations.map((t) => t.slug)).toEqual(['dam-repairs-uk']);
    // A draft is not a public translation: the original's page does not link it yet.
    expect((await app.http.inject({ url: '/articles/dam-repairs' })).body).not.toContain('dam-repairs-uk');

    // Twice, a language the outlet does not publish in, the story's own language, a story that is not there.
    const again = (language: string, id = original.id) =>
      app!.services.editing.translate(actorOf(user), { id, language, outletLanguages: ['en', 'uk'] }, app!.clock());
    expect(await again('uk')).toMatchObject({ ok: false, status: 422, message: expect.stringMatching(/already has a version/) });
    expect(await again('de')).toMatchObject({ ok: false, status: 422, message: expect.stringMatching(/not one of the outlet's languages/) });
    expect(await again('en')).toMatchObject({ ok: false, status: 422 });
    expect(await again('uk', 999_999)).toMatchObject({ ok: false, status: 404 });
    expect(await app.services.articles.findArticle('dam-repairs-uk-2')).toBeNull();
  });

  it('offers the languages left on the edit page, and the form opens the new draft with the translations linked both ways', async () => {
    app = await bilingualOutlet();
    const { client } = await loggedInClient(app, 'editor');
    const ferry = (await app.services.articles.findArticle('ferry-timetable'))!;
    const page = await client.get(`/admin/articles/${ferry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/admin/articles/${ferry.id}/translate"`);
    expect(page.body).toMatch(/<option value="uk">Ukrainian \(українська\)<\/option>/);
    expect(page.body).not.toMatch(/<option value="en">English/);

    const res = await client.post(`/admin/articles/${ferry.id}/translate`, { language: 'uk' }, { csrf: csrfToken(page.body) });
    expect(res.statusCode).toBe(303);
    const draft = (await app.services.articles.findArticle('ferry-timetable-uk'))!;
    expect(res.headers.location).toBe(`/admin/articles/${draft.id}?saved=translation`);
    const opened = await client.get(res.headers.location as string);
    expect(opened.body).toContain('A draft translation, filled in from the original');
    expect(opened.body).toContain(`<a href="/admin/articles/${ferry.id}" hreflang="en"><span lang="en">Ferry timetable changes</span></a>`);
    // The original lists its translation; with every language taken it offers no more.
    const back = await client.get(`/admin/articles/${ferry.id}`);
    expect(back.body).toContain(`href="/admin/articles/${draft.id}" hreflang="uk"`);
    expect(back.body).not.toContain(`/admin/articles/${ferry.id}/translate`);

    // A language that is taken, or not a language code: the admin's error page names it, nothing is made.
    const twice = await client.post(`/admin/articles/${ferry.id}/translate`, { language: 'uk' }, { csrf: csrfToken(back.body) });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('already has a version');
    const junk = await client.post(`/admin/articles/${ferry.id}/translate`, { language: '<b>' }, { csrf: csrfToken(back.body) });
    expect(junk.statusCode).toBe(400);
    expect(junk.body).toContain('choose one of the listed languages');
    expect(await app.services.articles.findArticle('ferry-timetable-uk-2')).toBeNull();
  });
});
