import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter } from '../../src/http/rate-limit.js';
import { REDIS_URL, redisAvailable } from '../support/redis.js';

const clients: Redis[] = [];
afterEach(() => {
  while (clients.length) clients.pop()!.disconnect();
});

const T = Date.parse('2026-11-27T12:00:00Z');
const hasRedis = await redisAvailable();

describe('rate limits', () => {
  it('in memory: a fixed window per key, with the seconds until it resets', async () => {
    const limiter = new MemoryRateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) expect(await limiter.hit('ip:1', T + i)).toEqual({ ok: true });
    expect(await limiter.hit('ip:1', T + 10_000)).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(await limiter.hit('ip:2', T + 10_000)).toEqual({ ok: true });
    expect(await limiter.hit('ip:1', T + 60_000)).toEqual({ ok: true });
  });

  it.runIf(hasRedis)('in Redis: two app servers share one limit', async () => {
    const name = `test-${Math.random().toString(36).slice(2)}`;
    const serverA = new RedisRateLimiter(track(new Redis(REDIS_URL)), name, 4, 60_000);
    const serverB = new RedisRateLimiter(track(new Redis(REDIS_URL)), name, 4, 60_000);
    const results = await Promise.all([serverA, serverB, serverA, serverB, serverA, serverB].map((l) => l.hit('ip:203.0.113.5', T)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, retryAfterSeconds: 60 },
      { ok: false, retryAfterSeconds: 60 },
    ]);
    // Another address, and the next window, start afresh.
    expect(await serverB.hit('ip:203.0.113.6', T)).toEqual({ ok: true });
    expect(await serverA.hit('ip:203.0.113.5', T + 60_000)).toEqual({ ok: true });
  });

  it('without Redis: counts in this process and says so once', async () => {
    const errors: unknown[] = [];
    const down = track(new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null }));
    const limiter = new RedisRateLimiter(down, 'offline', 2, 60_000, (err) => errors.push(err));
    expect(await limiter.hit('ip:1', T)).toEqual({ ok: true });
    expect(await limiter.hit('ip:1', T)).toEqual({ ok: true });
    expect(await limiter.hit('ip:1', T)).toMatchObject({ ok: false });
    expect(errors).toHaveLength(1);
  });
});

function track(r: Redis): Redis {
  r.on('error', () => {});
  clients.push(r);
  return r;
}
