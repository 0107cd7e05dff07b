import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';
import { createCampaign, request, slotsIn, templateIds } from './support.js';

let app: TestApp;
const databases = await testDatabases();
afterEach(async () => app?.close());

async function withStory(database: 'sqlite' | 'postgres' = 'sqlite') {
  app = await buildApp({ database });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  await createArticle(app, {
    slug: 'river-story',
    headline: 'The river rises',
    section: 'City Hall',
    tags: ['Budget'],
    bodyMarkdown: ['First.', 'Second.', 'Third.', 'Fourth.', 'Fifth.'].join('\n\n'),
  });
}

describe('ad slots in the shared pages', () => {
  it('without a campaign: no slot markup, no ad script, no check script, no notice', async () => {
    await withStory();
    for (const url of ['/articles/river-story', '/']) {
      const page = await request(app, url);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('data-ad-slot');
      expect(page.body).not.toContain('data-adblock-notice');
      expect(page.body).not.toMatch(/src="\/ads\/|courtesy\./);
      expect(String(page.headers['surrogate-key']).split(' ')).toContain('ads');
    }
  });

  it('a campaign write purges cached stories; the cached page carries the creatives, labelled, with the island and the check', async () => {
    await withStory();
    await request(app, '/articles/river-story');
    expect((await request(app, '/articles/river-story')).headers['x-cache']).toBe('HIT');
    const c = await createCampaign(app, { ends: '2026-12-31', weight: '5', dailyCap: '2' });

    const page = await request(app, '/articles/river-story');
    expect(page.headers['x-cache']).toBe('MISS');
    expect(slotsIn(page.body)).toEqual(['article-end']);
    expect(page.body).toMatch(
      /<aside class="ad-slot advertisement ad-slot-article-end" data-ad-slot="article-end" data-not-body aria-label="Advertisement" hidden/,
    );
    expect(page.body).toContain('<p class="ad-label" aria-hidden="true">Advertisement</p>');
    expect(page.body).toContain(
      `<template data-ad-id="${c.id}" data-weight="5" data-starts="2026-11-27T12:00:00.000Z" data-ends="2027-01-01T00:00:00.000Z" data-cap="2">`,
    );
    expect(page.body).toContain(`<a class="ad-link" href="/ads/click/${c.id}" rel="sponsored noopener">`);
    expect(page.body).toMatch(/<img src="\/ads\/creative\/[a-f0-9]{32}\/\d+\.jpg"[^>]* alt="Shelves of second-hand books"/);
    expect(page.body).toMatch(
      /<script type="module" src="\/ads\/ads\.[a-f0-9]{12}\.js"><\/script><script type="module" src="\/assets\/courtesy\.[a-f0-9]{12}\.js">/,
    );
    expect(page.body).toMatch(/<aside class="reader-note" data-adblock-notice data-dismiss-days="30" aria-labelledby="reader-note-heading" hidden/);
    expect(page.body).toContain('href="/support"');
    // Still shared: the next reader gets the same bytes from the cache.
    expect((await request(app, '/articles/river-story')).headers['x-cache']).toBe('HIT');

    // The scripts and the creative image are served, from their ad-like and plain paths.
    const island = /src="(\/ads\/ads\.[a-f0-9]{12}\.js)"/.exec(page.body)![1]!;
    expect((await request(app, island)).status).toBe(200);
    const img = /<img src="(\/ads\/creative\/[^"]+)"/.exec(page.body)![1]!;
    const served = await request(app, img);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
  });

  it('resolves targeting at render: section and tag must match the story', async () => {
    await withStory();
    const any = await createCampaign(app, { name: 'Anywhere' });
    const cityHall = await createCampaign(app, { name: 'City Hall only', section: 'City Hall' });
    await createCampaign(app, { name: 'Sports only', section: 'Sports' });
    const budget = await createCampaign(app, { name: 'Budget tag', tag: 'budget' });
    await createCampaign(app, { name: 'Schools tag', tag: 'Schools' });
    await createCampaign(app, { name: 'Ended', starts: '2026-11-01', ends: '2026-11-20' });
    const later = await createCampaign(app, { name: 'Starts in January', starts: '2027-01-05' });
    const page = await request(app, '/articles/river-story');
    expect(templateIds(page.body).sort((a, b) => a - b)).toEqual([any.id, cityHall.id, budget.id, later.id]);
  });

  it('puts the inline slot after paragraph N (a setting) inside the body, and the home slot on the front page', async () => {
    await withStory();
    const inline = await createCampaign(app, { slots: ['article-inline', 'home'] });
    let page = await request(app, '/articles/river-story');
    expect(slotsIn(page.body)).toEqual(['article-inline']);
    expect(page.body).toMatch(
      new RegExp(`<p>Third\\.</p><aside class="ad-slot advertisement ad-slot-article-inline"[^>]*>.*?data-ad-id="${inline.id}".*?</aside>\\s*<p>Fourth\\.</p>`),
    );
    await app.services.ads.updateSettings({ inlineAfterParagraph: 1 }, { now: app.clock(), actor: null });
    page = await request(app, '/articles/river-story');
    expect(page.body).toMatch(/<p>First\.<\/p><aside class="ad-slot advertisement ad-slot-article-inline"/);
    const home = await request(app, '/');
    expect(slotsIn(home.body)).toEqual(['home']);
  });

  it('shows patrons no ads by default, and does when the outlet turns that off', async () => {
    await withStory();
    await createCampaign(app);
    const patron = await memberClient(app, { patron: true });
    let page = await request(app, '/articles/river-story', { cookie: patron.cookie });
    expect(page.status).toBe(200);
    expect(page.headers['x-cache']).not.toBe('HIT');
    expect(page.body).not.toContain('data-ad-slot');
    expect(page.body).not.toContain('data-adblock-notice');
    const reader = await memberClient(app);
    expect(slotsIn((await request(app, '/articles/river-story', { cookie: reader.cookie })).body)).toEqual(['article-end']);
    await app.services.ads.updateSettings({ patronsAdFree: false }, { now: app.clock(), actor: null });
    page = await request(app, '/articles/river-story', { cookie: patron.cookie });
    expect(slotsIn(page.body)).toEqual(['article-end']);
  });
});

describe('counting, without personal data', () => {
  it.each(databases)('a click counts and redirects to the target (%s)', async (database) => {
    await withStory(database);
    const c = await createCampaign(app);
    const res = await app.http.inject({ method: 'GET', url: `/ads/click/${c.id}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://lantern-books.example/fair');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    await app.http.inject({ method: 'GET', url: `/ads/click/${c.id}` });
    expect(await app.services.ads.listDailyCounts(c.id)).toEqual([{ campaignId: c.id, day: '2026-11-27', impressions: 0, clicks: 2 }]);
    expect((await app.http.inject({ method: 'GET', url: '/ads/click/99999' })).statusCode).toBe(404);
    expect((await app.http.inject({ method: 'GET', url: '/ads/click/not-a-number' })).statusCode).toBe(404);
  });

  it.each(databases)('an impression beacon counts per campaign and day, and bad ones get a 4xx (%s)', async (database) => {
    await withStory(database);
    const c = await createCampaign(app);
    const beacon = (payload: string, type = 'application/x-www-form-urlencoded;charset=UTF-8') =>
      app.http.inject({ method: 'POST', url: '/ads/impression', payload, headers: { 'content-type': type, 'user-agent': 'Reader/1.0' } });
    const ok = await beacon(`id=${c.id}`);
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['set-cookie']).toBeUndefined();
    expect((await beacon(`id=${c.id}`, 'text/plain;charset=UTF-8')).statusCode).toBe(204);
    app.fixedClock.advance(86_400_000);
    expect((await beacon(`id=${c.id}`)).statusCode).toBe(204);
    expect(await app.services.ads.listDailyCounts(c.id)).toEqual([
      { campaignId: c.id, day: '2026-11-27', impressions: 2, clicks: 0 },
      { campaignId: c.id, day: '2026-11-28', impressions: 1, clicks: 0 },
    ]);
    expect(await beacon('id=banana')).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((await beacon('')).body)).toEqual({ error: 'id must be a campaign number' });
    expect((await beacon('id=424242')).statusCode).toBe(404);
    // The counts table has nowhere to put a person: only campaign, day and two totals.
    const row = await app.database.db.selectFrom('ad_daily_counts').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(['campaign_id', 'clicks', 'day', 'impressions']);
  });
});

// Each rendered slot is kept per language and set of creatives (views/partials/ad-slot.tsx) until an ads
// write purges it: with the page cache off every request renders, so a stale kept slot would show here.
describe('the kept ad slots', () => {
  const ctx = () => ({ now: app.clock(), actor: null });
  const render = async (url: string) => {
    const res = await app.http.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const raw = { name: 'Riverside book fair', advertiser: 'Lantern Books', alt: 'Shelves of second-hand books', link: 'https://lantern-books.example/fair' };

  it('render the same page twice, and show a campaign edit, a new campaign and a new inline position on the next render', async () => {
    app = await buildApp({ database: 'sqlite', config: { pageCacheBytes: 0 } });
    const body = ['First.', 'Second.', 'Third.', 'Fourth.', 'Fifth.'].join('\n\n');
    await createArticle(app, { slug: 'river-story', section: 'City Hall', bodyMarkdown: body });
    await createArticle(app, { slug: 'bridge-story', section: 'City Hall', bodyMarkdown: body });
    const c = await createCampaign(app, { ...raw, slots: ['article-inline', 'article-end'] });
    const first = await render('/articles/river-story');
    expect(slotsIn(first)).toEqual(['article-inline', 'article-end']);
    expect(await render('/articles/river-story')).toBe(first);

    const edited = await app.services.ads.updateCampaign(
      c.id,
      { ...raw, advertiser: 'Lantern & Daughters', alt: 'A new shelf', slots: ['article-inline', 'article-end'] },
      null,
      ctx(),
    );
    expect(edited.ok).toBe(true);
    const after = await render('/articles/bridge-story');
    expect(after).not.toContain('Shelves of second-hand books');
    expect(after.match(/alt="A new shelf"/g)).toHaveLength(2);
    expect(after).toContain('<p class="ad-by">From Lantern &amp; Daughters</p>');

    const second = await createCampaign(app, { ...raw, name: 'Ferry timetable', slots: ['article-end'] });
    expect(templateIds(await render('/articles/river-story'))).toEqual([c.id, c.id, second.id]);

    await app.services.ads.updateSettings({ inlineAfterParagraph: 1 }, ctx());
    expect(await render('/articles/river-story')).toMatch(/<p>First\.<\/p><aside class="ad-slot advertisement ad-slot-article-inline"/);
  });

  it('keep one copy of a slot per language', async () => {
    app = await buildApp({ database: 'sqlite', config: { pageCacheBytes: 0 } });
    expect((await app.services.site.updateSettings({ languages: ['uk'] }, ctx())).ok).toBe(true);
    const en = await createArticle(app, { section: 'City Hall' });
    const uk = await createArticle(app, { language: 'uk', section: 'Місто' });
    await createCampaign(app, { ...raw, slots: ['article-end'] });
    expect(await render(`/articles/${en.slug}`)).toContain('<p class="ad-label" aria-hidden="true">Advertisement</p>');
    const ukrainian = await render(`/uk/articles/${uk.slug}`);
    expect(slotsIn(ukrainian)).toEqual(['article-end']);
    expect(ukrainian).not.toContain('>Advertisement<');
  });
});
