import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoContent } from '../../src/demo/demo-loader.js';
import { buildApp, type TestApp } from '../support/app.js';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('the demo outlet in two languages', () => {
  it('imports the Ukrainian translations linked to their originals, listed under /uk/ only', async () => {
    app = await buildApp();
    await app.services.site.updateSettings({ languages: ['uk'] as never });
    const loaded = await loadDemoContent(app.services.importer, { now: app.clock(), language: 'en' });
    expect(loaded).toMatchObject({ ok: true });
    for (const [en, uk] of [
      ['canal-street-detours', 'kramnytsi-kanal-strit-obizd'],
      ['lyric-theatre-reopens', 'lirik-vidkryvaietsia-znovu'],
    ] as const) {
      const original = (await app.services.articles.findArticle(en))!;
      expect(original.translations.map((t) => [t.slug, t.language])).toEqual([[uk, 'uk']]);
      const page = await app.http.inject({ url: `/uk/articles/${uk}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`hreflang="en" href="https://news.example.test/articles/${en}"`);
    }
    const ukHome = (await app.http.inject({ url: '/uk/' })).body;
    expect(ukHome).toContain('/uk/articles/kramnytsi-kanal-strit-obizd');
    expect(ukHome).not.toContain('href="/articles/');
    expect((await app.http.inject({ url: '/' })).body).not.toContain('kramnytsi-kanal-strit-obizd');
    // Drawing the demo's pictures takes a while on a loaded machine.
  }, 180_000);
});
