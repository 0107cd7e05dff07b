import fastifyFormbody from '@fastify/formbody';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAdRoutes } from '../../src/ads/ad-routes.js';
import { MemoryRateLimiter } from '../../src/http/rate-limit.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createCampaign } from './support.js';

let app: TestApp;
afterEach(async () => app?.close());

describe('the counting endpoints under a flood', () => {
  it('stop counting past the per-IP limit: beacons get 429, clicks still redirect but are not counted, other addresses still count', async () => {
    app = await buildApp();
    const c = await createCampaign(app);
    // The real routes and service, with a limit small enough to reach: 3 per window per IP.
    const http = Fastify({ trustProxy: true });
    await http.register(fastifyFormbody);
    registerAdRoutes({ ads: app.services.ads, storage: app.services.media.storage, clock: app.clock, limiter: new MemoryRateLimiter(3, 60_000) })(http);
    const from = (ip: string) => ({ 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' });
    const beacon = (ip: string) => http.inject({ method: 'POST', url: '/ads/impression', payload: `id=${c.id}`, headers: from(ip) });
    const click = (ip: string) => http.inject({ method: 'GET', url: `/ads/click/${c.id}`, headers: from(ip) });

    expect((await beacon('203.0.113.7')).statusCode).toBe(204);
    expect((await beacon('203.0.113.7')).statusCode).toBe(204);
    expect((await click('203.0.113.7')).statusCode).toBe(302);
    const refused = await beacon('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const uncounted = await click('203.0.113.7');
    expect(uncounted.statusCode).toBe(302);
    expect(uncounted.headers.location).toBe('https://lantern-books.example/fair');
    expect((await beacon('198.51.100.4')).statusCode).toBe(204);
    expect(await app.services.ads.listDailyCounts(c.id)).toEqual([{ campaignId: c.id, day: '2026-11-27', impressions: 3, clicks: 1 }]);
    await http.close();
  });
});
