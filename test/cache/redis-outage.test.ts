import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisInvalidationBus } from '../../src/cache/redis-invalidation-bus.js';
import { createApp, type App } from '../../src/main.js';
import { loggedInClient, submitArticleForm } from '../support/admin.js';
import { buildApp, FixedClock } from '../support/app.js';
import { articleInput, createArticle } from '../support/factories.js';
import { eventually } from '../support/redis.js';
import { OwnRedis } from '../support/redis-server.js';
import { freePort } from '../support/server-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const story = {
  headline: 'Ferry timetable changes next week',
  standfirst: 'Two morning crossings move by twenty minutes.',
  body_html: '<p>The harbour office published the new times on Monday.</p>',
  authors: 'Rosa Vance',
  section: 'Transport',
  tags: 'Ferries',
  sources: '',
  heroAlt: '',
  heroCaption: '',
  heroCredit: '',
  language: 'en',
  action: 'publish',
};

async function ownRedis(): Promise<OwnRedis> {
  const redis = new OwnRedis(await freePort());
  await redis.start();
  cleanups.push(() => redis.stop());
  return redis;
}

/** The page cache sits in front of Fastify's router, so pages are fetched over a real socket. */
async function listen(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

async function anonymous(base: string, path: string) {
  const res = await fetch(base + path);
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
}

describe('a Redis outage', () => {
  it('never fails a committed save, and when Redis is back other servers drop what they cached', async () => {
    const redis = await ownRedis();
    const clock = new FixedClock();
    const a = await buildApp({ clock, config: { redisUrl: redis.url } });
    cleanups.push(() => a.close());
    const b = await createApp({ ...a.config }, { clock: clock.now });
    cleanups.push(() => b.close());
    await Promise.all([a, b].map((app) => (app.invalidation as RedisInvalidationBus).whenReady()));

    const { client } = await loggedInClient(a, 'editor');
    const created = await submitArticleForm(a, client, '/admin/articles', story);
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    const url = a.services.urls.article('ferry-timetable-changes-next-week');
    const [aUrl, bUrl] = [await listen(a), await listen(b)];
    // As below: the create's purge may reach B after B first caches the page.
    expect(await eventually(async () => (await anonymous(bUrl, url)).cache === 'HIT', 10_000)).toBe(true);
    expect(b.pageCache.lifetimeMs()).toBe(3600_000);

    await redis.stop();
    expect(await eventually(() => !a.invalidation.isUp() && !b.invalidation.isUp(), 10_000)).toBe(true);
    // Purges from elsewhere cannot arrive: cached pages age out quickly meanwhile.
    expect(b.pageCache.lifetimeMs()).toBe(10_000);

    const revision = /name="revision" value="(\d+)"/.exec((await client.get(editUrl)).body)![1]!;
    const saved = await submitArticleForm(a, client, editUrl, { ...story, revision, headline: 'Ferry timetable changes on Monday' });
    expect(saved.statusCode).toBe(303);
    expect((await a.services.articles.findArticle('ferry-timetable-changes-next-week'))!.headline).toBe('Ferry timetable changes on Monday');
    // The writer's own cache was purged at once; the other server could not hear of it.
    expect((await anonymous(aUrl, url)).body).toContain('Ferry timetable changes on Monday');

    await redis.start();
    expect(await eventually(() => a.invalidation.isUp() && b.invalidation.isUp(), 15_000)).toBe(true);
    const after = await anonymous(bUrl, url);
    expect(after.cache).toBe('MISS');
    expect(after.body).toContain('Ferry timetable changes on Monday');
    expect(b.pageCache.lifetimeMs()).toBe(3600_000);
  });

  it('does not stop a server from starting, serving and saving; it connects when Redis appears', async () => {
    const redis = new OwnRedis(await freePort()); // not started yet: nothing listens there
    cleanups.push(() => redis.stop());
    const app = await buildApp({ config: { redisUrl: redis.url } });
    cleanups.push(() => app.close());
    expect(app.invalidation.isUp()).toBe(false);
    expect(app.pageCache.lifetimeMs()).toBe(10_000);
    await createArticle(app, { slug: 'saved-without-redis', headline: 'Saved while Redis was away' });
    const home = await anonymous(await listen(app), '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Saved while Redis was away');
    const { client } = await loggedInClient(app, 'editor');
    expect((await submitArticleForm(app, client, '/admin/articles', story)).statusCode).toBe(303);

    await redis.start();
    expect(await eventually(() => app.invalidation.isUp(), 15_000)).toBe(true);
    expect(app.pageCache.lifetimeMs()).toBe(3600_000);
  });

  it('re-sends the purges a server could not publish once its own link is back', async () => {
    const redis = await ownRedis();
    const proxy = new TcpProxy({ host: '127.0.0.1', port: redis.port });
    await proxy.start();
    cleanups.push(() => proxy.cut());
    const clock = new FixedClock();
    // A reaches Redis through the proxy; B directly. Cutting the proxy isolates A alone.
    const a = await buildApp({ clock, config: { redisUrl: `redis://127.0.0.1:${proxy.port}` } });
    cleanups.push(() => a.close());
    const b = await createApp({ ...a.config, redisUrl: redis.url }, { clock: clock.now });
    cleanups.push(() => b.close());
    await Promise.all([a, b].map((app) => (app.invalidation as RedisInvalidationBus).whenReady()));
    await createArticle(a, { slug: 'bridge-survey', headline: 'Bridge survey finds rusted bolts' });
    const url = a.services.urls.article('bridge-survey');
    const bUrl = await listen(b);
    // The purge from A's create reaches B through Redis at its own pace; a page B caches before it
    // arrives is dropped by it. Ask until B answers from its cache.
    expect(await eventually(async () => (await anonymous(bUrl, url)).cache === 'HIT', 10_000)).toBe(true);

    await proxy.cut();
    expect(await eventually(() => !a.invalidation.isUp(), 10_000)).toBe(true);
    const edited = await a.services.articles.saveArticle(articleInput({ slug: 'bridge-survey', headline: 'Bridge survey: bolts to be replaced in spring' }), {
      now: clock.now(),
      actor: 'test',
      update: true,
    });
    expect(edited.ok).toBe(true);
    // B never lost its own link, so nothing tells it to drop everything: only A's re-sent purge can.
    expect(b.invalidation.isUp()).toBe(true);
    expect((await anonymous(bUrl, url)).body).toContain('Bridge survey finds rusted bolts');

    await proxy.restore();
    expect(await eventually(async () => (await anonymous(bUrl, url)).body.includes('bolts to be replaced in spring'), 15_000)).toBe(true);
  });
});
