import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type * as IoRedis from 'ioredis';
import { lazyPackage } from '../lazy-package.js';
import type { SurrogateKey } from './cache-keys.js';
import type { InvalidationBus, InvalidationListener, LinkEvent } from './invalidation-bus.js';

// Only a site with REDIS_URL loads the Redis client.
const redisClient = lazyPackage<typeof IoRedis>('ioredis');

const CHANNEL = 'masthead:invalidate';
/** Past this many unsent keys, one "drop everything" message replaces them (memory stays bounded). */
const MAX_PENDING_KEYS = 1000;
/** Re-sends while connected but failing (Redis slow or refusing); after these, the next reconnect sends. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

export interface BusLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Invalidation across app servers over Redis pub/sub. `invalidate` applies the keys in this
 * process first (so the writer's next request already sees the change), then publishes them in the
 * background; every other process applies them when the message arrives. A process ignores its own
 * echoes.
 *
 * Redis trouble never fails a write. Commands fail at once while disconnected (no offline queue)
 * and within a second when Redis hangs; unsent keys wait (bounded) and go out on retry or on
 * reconnect. While this process is not subscribed it reports `lost`; once subscribed again it
 * reports `resync`, because whatever was published meanwhile never reached it.
 */
export class RedisInvalidationBus implements InvalidationBus {
  private readonly listeners: InvalidationListener[] = [];
  private readonly linkListeners: ((event: LinkEvent) => void)[] = [];
  private readonly origin = crypto.randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private up = false;
  private lostAnnounced = false;
  private outageLogged = false;
  private readonly pending = new Set<SurrogateKey>();
  private pendingAll = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly log: BusLog,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.pub = new (redisClient().Redis)(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
    this.sub = new (redisClient().Redis)(url, { enableOfflineQueue: false, autoResubscribe: false });
    this.pub.on('error', (err: unknown) => this.logOutage(err));
    this.pub.on('ready', () => void this.flush());
    this.sub.on('error', (err: unknown) => this.linkDown(err));
    this.sub.on('close', () => this.linkDown(null));
    this.sub.on('ready', () => void this.listen());
    this.sub.on('message', (_channel: string, message: string) => this.receive(message));
  }

  /** Resolves once this process first listens for other processes' invalidations (never rejects). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  subscribe(listener: InvalidationListener): void {
    this.listeners.push(listener);
  }

  onLink(listener: (event: LinkEvent) => void): void {
    this.linkListeners.push(listener);
  }

  isUp(): boolean {
    return this.up;
  }

  /** Applies here, then publishes without waiting: the caller's write has committed and must not fail now. */
  async invalidate(keys: SurrogateKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.apply(keys);
    this.queue(keys);
    void this.flush();
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.flush();
    this.closed = true;
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }

  private queue(keys: SurrogateKey[]): void {
    if (this.pendingAll) return;
    for (const k of keys) this.pending.add(k);
    if (this.pending.size > MAX_PENDING_KEYS) {
      this.pending.clear();
      this.pendingAll = true;
    }
  }

  /** Publishes what is waiting. Never throws: on failure it stays waiting for a retry or the reconnect. */
  private async flush(): Promise<void> {
    if (this.closed || (!this.pendingAll && this.pending.size === 0)) return;
    if (this.pub.status !== 'ready') return; // the 'ready' handler sends it
    const all = this.pendingAll;
    const keys = [...this.pending];
    this.pending.clear();
    this.pendingAll = false;
    try {
      await this.pub.publish(CHANNEL, JSON.stringify(all ? { origin: this.origin, all: true } : { origin: this.origin, keys }));
      this.retries = 0;
    } catch (err) {
      if (all) this.pendingAll = true;
      else this.queue(keys);
      this.log.warn({ err, keys: keys.length, all }, 'invalidation bus: could not publish purges to other servers; will retry');
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const delay = RETRY_DELAYS_MS[this.retries];
    if (delay === undefined) {
      this.retries = 0;
      this.log.error({}, 'invalidation bus: purges still unsent after retries; they go out when the connection to Redis is re-established');
      return;
    }
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
    this.retryTimer.unref();
  }

  private async listen(): Promise<void> {
    try {
      await this.sub.subscribe(CHANNEL);
    } catch (err) {
      this.linkDown(err);
      return;
    }
    if (this.closed) return;
    if (this.outageLogged) this.log.info({}, 'invalidation bus: listening to Redis again');
    this.up = true;
    this.lostAnnounced = false;
    this.outageLogged = false;
    this.emit('resync');
    this.markReady();
  }

  private linkDown(err: unknown): void {
    if (this.closed) return;
    if (err) this.logOutage(err);
    if (this.up || !this.lostAnnounced) {
      this.up = false;
      this.lostAnnounced = true;
      this.emit('lost');
    }
  }

  /** One line per outage: ioredis reports every failed reconnect attempt. */
  private logOutage(err: unknown): void {
    if (this.closed || this.outageLogged) return;
    this.outageLogged = true;
    this.log.error({ err }, 'invalidation bus: Redis unreachable; writes go on, purges are applied here and re-sent when it is back');
  }

  private receive(message: string): void {
    let parsed: { origin?: unknown; keys?: unknown; all?: unknown };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.origin === this.origin) return;
    // A server that could not keep all its unsent keys asks everyone to drop everything.
    if (parsed.all === true) return this.emit('resync');
    if (!Array.isArray(parsed.keys)) return;
    void this.apply(parsed.keys.filter((k): k is string => typeof k === 'string'));
  }

  private emit(event: LinkEvent): void {
    for (const l of this.linkListeners) {
      try {
        l(event);
      } catch (err) {
        this.log.error({ err }, `invalidation bus: a ${event} listener failed`);
      }
    }
  }

  private async apply(keys: SurrogateKey[]): Promise<void> {
    try {
      await Promise.all(this.listeners.map((l) => l(keys)));
    } catch (err) {
      this.log.error({ err }, 'invalidation bus: a purge listener failed');
    }
  }
}
