import type { Invalidator, SurrogateKey } from './cache-keys.js';

export type InvalidationListener = (keys: SurrogateKey[]) => void | Promise<void>;

/**
 * `lost`: purges from other servers may not be arriving from now on (keep things briefly).
 * `resync`: purges may have been missed (the link is back, or a server could not send some): drop everything.
 */
export type LinkEvent = 'lost' | 'resync';

/**
 * Carries invalidations from the process that wrote to every process that caches.
 * In-process by default; RedisInvalidationBus carries them between app servers. Callers only
 * ever see `Invalidator.invalidate`, so the transport changes without touching them.
 */
export interface InvalidationBus extends Invalidator {
  subscribe(listener: InvalidationListener): void;
  onLink(listener: (event: LinkEvent) => void): void;
  /** Whether other servers' purges reach this one right now. */
  isUp(): boolean;
  close(): Promise<void>;
}

/** One process: listeners run before `invalidate` resolves, so the next request sees the change. */
export class LocalInvalidationBus implements InvalidationBus {
  private readonly listeners: InvalidationListener[] = [];

  subscribe(listener: InvalidationListener): void {
    this.listeners.push(listener);
  }

  async invalidate(keys: SurrogateKey[]): Promise<void> {
    if (keys.length === 0) return;
    await Promise.all(this.listeners.map((l) => l(keys)));
  }

  /** One process has no link to lose. */
  onLink(_listener: (event: LinkEvent) => void): void {}

  isUp(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}

/**
 * The Invalidator services get: purge every process's cache through the bus, then (once, from the
 * writing process only) tell the CDN. The webhook never delays or fails the write.
 */
export function invalidatorFor(bus: InvalidationBus, webhook: ((keys: SurrogateKey[]) => Promise<void>) | null): Invalidator {
  return {
    async invalidate(keys) {
      if (keys.length === 0) return;
      await bus.invalidate(keys);
      if (webhook) void webhook(keys);
    },
  };
}
