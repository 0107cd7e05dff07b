import type { Redis } from 'ioredis';

export type RateResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Fixed-window request limits per key (an IP, usually). One process keeps them in memory; several
 * app servers share them in Redis, so a limit means the same with one server or ten.
 */
export interface RateLimiter {
  /** Counts one request. When over the limit, says how many seconds until the window resets. */
  hit(key: string, nowMs: number): Promise<RateResult>;
}

/** Limits kept in this process's memory (a single app server). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async hit(key: string, nowMs: number): Promise<RateResult> {
    return this.hitNow(key, nowMs);
  }

  hitNow(key: string, nowMs: number): RateResult {
    if (this.windows.size > 50_000) this.sweep(nowMs);
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000)) };
  }

  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/**
 * Limits shared by every app server through Redis: one counter per key and window (INCR, expiring
 * with the window). If Redis cannot be reached the request is counted in this process instead, so
 * an outage loosens the limit to per-server rather than refusing readers or letting floods through.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;
  private lastReported = 0;

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.fallback = new MemoryRateLimiter(limit, windowMs);
  }

  async hit(key: string, nowMs: number): Promise<RateResult> {
    const window = Math.floor(nowMs / this.windowMs);
    const redisKey = `masthead:rate:${this.name}:${key}:${window}`;
    try {
      const results = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, this.windowMs + 1000)
        .exec();
      const count = Number(results?.[0]?.[1]);
      if (!Number.isFinite(count)) throw new Error('unexpected reply from Redis INCR');
      if (count <= this.limit) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * this.windowMs - nowMs) / 1000)) };
    } catch (err) {
      // Once a minute is enough to say Redis is away; every request would flood the log.
      if (Date.now() - this.lastReported > 60_000) {
        this.lastReported = Date.now();
        this.onError(err);
      }
      return this.fallback.hitNow(key, nowMs);
    }
  }
}
