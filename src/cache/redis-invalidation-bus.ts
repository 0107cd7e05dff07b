import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { SurrogateKey } from './cache-keys.js';
import type { InvalidationBus, InvalidationListener } from './invalidation-bus.js';

const CHANNEL = 'masthead:invalidate';

/**
 * Invalidation across app servers over Redis pub/sub. `invalidate` applies the keys in this
 * process first (so the writer's next request already sees the change), then publishes them;
 * every other process applies them when the message arrives. A process ignores its own echoes.
 */
export class RedisInvalidationBus implements InvalidationBus {
  private readonly listeners: InvalidationListener[] = [];
  private readonly origin = crypto.randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private ready: Promise<unknown>;

  constructor(url: string, private readonly onError: (err: unknown) => void = () => {}) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { lazyConnect: false });
    this.pub.on('error', onError);
    this.sub.on('error', onError);
    this.sub.on('message', (_channel: string, message: string) => {
      let parsed: { origin?: unknown; keys?: unknown };
      try {
        parsed = JSON.parse(message) as typeof parsed;
      } catch {
        return;
      }
      if (parsed.origin === this.origin || !Array.isArray(parsed.keys)) return;
      const keys = parsed.keys.filter((k): k is string => typeof k === 'string');
      void this.apply(keys);
    });
    this.ready = this.sub.subscribe(CHANNEL);
  }

  /** Resolves once this process is listening for other processes' invalidations. */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  subscribe(listener: InvalidationListener): void {
    this.listeners.push(listener);
  }

  async invalidate(keys: SurrogateKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.apply(keys);
    await this.pub.publish(CHANNEL, JSON.stringify({ origin: this.origin, keys }));
  }

  private async apply(keys: SurrogateKey[]): Promise<void> {
    try {
      await Promise.all(this.listeners.map((l) => l(keys)));
    } catch (err) {
      this.onError(err);
    }
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}
