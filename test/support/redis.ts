import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let reachable: Promise<boolean> | null = null;

/** Whether the local Redis answers. In CI it must, so Redis tests are never silently skipped there. */
export function redisAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      await r.ping();
      return true;
    } catch (err) {
      if (process.env.CI) throw new Error(`Redis is required in CI but ${REDIS_URL} did not answer: ${(err as Error).message}`);
      console.warn(`[tests] Redis at ${REDIS_URL} is not reachable: cross-process invalidation tests are skipped on this machine.`);
      return false;
    } finally {
      r.disconnect();
    }
  })();
  return reachable;
}

/** Polls `check` until it is true or `ms` pass (messages cross a real Redis, so they take a moment). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
