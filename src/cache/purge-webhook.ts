import type { SurrogateKey } from './cache-keys.js';

/**
 * Tells a CDN (or anything else) which surrogate keys to purge: POST {"keys": [...]} as JSON.
 * Best effort: a failing webhook is logged and never fails the write that caused it.
 */
export function purgeWebhook(url: string, log: (msg: string, err?: unknown) => void, timeoutMs = 5000) {
  return async (keys: SurrogateKey[]): Promise<void> => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ keys }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) log(`purge webhook answered ${res.status}`);
    } catch (err) {
      log('purge webhook failed', err);
    }
  };
}
