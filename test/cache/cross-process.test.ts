import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisInvalidationBus } from '../../src/cache/redis-invalidation-bus.js';
import { createApp, type App } from '../../src/main.js';
import { buildApp, FixedClock, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import { eventually, REDIS_URL, redisAvailable } from '../support/redis.js';

const hasRedis = await redisAvailable();
const quiet = { info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function listen(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

describe.skipIf(!hasRedis)('invalidation across app servers over Redis', () => {
  it('carries keys from one bus to the others, and not back to the sender', async () => {
    const a = new RedisInvalidationBus(REDIS_URL, quiet);
    const b = new RedisInvalidationBus(REDIS_URL, quiet);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    await Promise.all([a.whenReady(), b.whenReady()]);
    const seenByA: string[][] = [];
    const seenByB: string[][] = [];
    a.subscribe((keys) => void seenByA.push(keys));
    b.subscribe((keys) => void seenByB.push(keys));
    await a.invalidate(['article:x', 'home']);
    expect(await eventually(() => seenByB.length === 1)).toBe(true);
    expect(seenByB[0]).toEqual(['article:x', 'home']);
    // A applied its own keys once, synchronously, and ignored its echo from Redis.
    await new Promise((r) => setTimeout(r, 100));
    expect(seenByA).toEqual([['article:x', 'home']]);
  });

  it('a story published on one server purges the cached home page on another', async () => {
    const clock = new FixedClock();
    const first = await buildApp({ clock, config: { redisUrl: REDIS_URL } });
    cleanups.push(() => first.close());
    // The second server shares the first one's database file and data directory.
    const second = await createApp({ ...first.config }, { clock: clock.now });
    cleanups.push(() => second.close());
    await Promise.all([first.invalidation, second.invalidation].map((b) => (b as RedisInvalidationBus).whenReady()));
    const secondUrl = await listen(second);

    await createArticle(first, { slug: 'before', headline: 'Story before' });
    await fetch(`${secondUrl}/`);
    const cached = await fetch(`${secondUrl}/`);
    expect(cached.headers.get('x-cache')).toBe('HIT');

    await createArticle(first, { slug: 'after', headline: 'Story published on the first server' });
    expect(await eventually(() => second.pageCache.stats().entries === 0)).toBe(true);
    const fresh = await fetch(`${secondUrl}/`);
    expect(fresh.headers.get('x-cache')).toBe('MISS');
    expect(await fresh.text()).toContain('Story published on the first server');
  });
});

describe('the purge webhook', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('receives the keys of each write once, as JSON', async () => {
    const received: unknown[] = [];
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) as unknown });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => hook.close(r)));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/purge`;
    app = await buildApp({ config: { purgeWebhookUrl: url } });
    await createArticle(app, { slug: 'hooked', section: 'Schools', tags: ['Arts'] });
    expect(await eventually(() => received.length === 1)).toBe(true);
    const call = received[0] as { method: string; type: string; body: { keys: string[] } };
    expect(call.method).toBe('POST');
    expect(call.type).toBe('application/json');
    expect(call.body.keys).toEqual(expect.arrayContaining(['article:hooked', 'home', 'feeds', 'sitemaps', 'section:schools', 'tag:arts', 'author:rosa-vance']));
  });

  it('a failing webhook never fails the write', async () => {
    // Nothing listens on this port: the POST fails, the save still succeeds.
    app = await buildApp({ config: { purgeWebhookUrl: 'http://127.0.0.1:9/purge' } });
    await expect(createArticle(app, { slug: 'still-saved' })).resolves.toMatchObject({ slug: 'still-saved' });
    expect(await app.services.articles.findArticle('still-saved')).not.toBeNull();
  });

  it('per-IP limits hold across app servers: sign-in links from one address, alternating servers', async () => {
    const clock = new FixedClock();
    const first = await buildApp({ clock, config: { redisUrl: REDIS_URL } });
    cleanups.push(() => first.close());
    const second = await createApp({ ...first.config }, { clock: clock.now });
    cleanups.push(() => second.close());
    // A fresh address each run: the counters live in the real Redis for the window.
    const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const ask = (app: App, i: number) =>
      app.http.inject({
        method: 'POST',
        url: '/account/sign-in',
        payload: `email=reader${i}%40example.org`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await ask(i % 2 ? second : first, i)).statusCode);
    // Ten a quarter hour from one address, in all: not ten on each server.
    expect(codes).toEqual([...Array(10).fill(200), 429, 429]);
  });
});
