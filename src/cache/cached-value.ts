import type { SurrogateKey } from './cache-keys.js';
import type { InvalidationBus } from './invalidation-bus.js';

/** A value kept in memory until a purge names one of its keys. */
export interface CachedValue<T> {
  /** The value, loaded at most once between purges (concurrent callers share one load). */
  get(): Promise<T>;
}

/** What services get: the one way to keep something in memory. */
export interface Caches {
  /** Keeps `load()`'s result until any of `keys` is purged, on this server or any other. */
  cached<T>(keys: SurrogateKey[], load: () => Promise<T>): CachedValue<T>;
  /** Puts a cache of another shape on the bus (the page cache, a per-minute list): purged and cleared with the rest. */
  register(cache: Purgeable): void;
}

/** Anything holding copies of data (the page cache, the cached values) that the bus must reach. */
export interface Purgeable {
  purge(keys: SurrogateKey[]): unknown;
  clear(): void;
  /** While purges may be missed keep nothing longer than `ms`; `null` restores the normal lifetime. */
  limitLifetime(ms: number | null): void;
}

export interface CacheRegistryOptions {
  /** Wall-clock milliseconds, for the outage lifetime only. */
  now: () => number;
  /** How long anything cached may be kept while this server cannot hear other servers' purges. */
  outageLifetimeMs: number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/**
 * Every in-memory cache in a process, on the invalidation bus. A purge drops the values sharing a
 * key; when the bus loses its link to the other servers every lifetime is shortened (their purges
 * are not arriving), and when it is back everything is dropped (purges sent meanwhile were lost).
 * A cache that is not registered here is a bug: it would go stale on every server but the writer's.
 */
export class CacheRegistry implements Caches {
  private readonly members: Purgeable[] = [];
  private lifetime: number | null = null;

  constructor(
    private readonly bus: InvalidationBus,
    private readonly opts: CacheRegistryOptions,
  ) {
    bus.subscribe((keys) => {
      for (const m of this.members) m.purge(keys);
    });
    bus.onLink((event) => this.follow(event));
    if (!bus.isUp()) this.setLifetime(opts.outageLifetimeMs);
  }

  /** Puts a cache (the page cache) on the bus: purged, cleared and time-limited with the rest. */
  register(cache: Purgeable): void {
    this.members.push(cache);
    cache.limitLifetime(this.lifetime);
  }

  cached<T>(keys: SurrogateKey[], load: () => Promise<T>): CachedValue<T> {
    const value = new BusCachedValue(keys, load, this.opts.now);
    this.register(value);
    return value;
  }

  private follow(event: 'lost' | 'resync'): void {
    if (event === 'lost') {
      if (this.lifetime === null) {
        this.opts.log.warn(
          { lifetimeMs: this.opts.outageLifetimeMs },
          "invalidation bus down: other servers' purges are not arriving; cached pages and settings now expire quickly",
        );
      }
      this.setLifetime(this.opts.outageLifetimeMs);
      return;
    }
    for (const m of this.members) m.clear();
    if (this.bus.isUp() && this.lifetime !== null) {
      this.opts.log.info({}, 'invalidation bus back: dropped every cached page and setting, normal lifetimes restored');
      this.setLifetime(null);
    }
  }

  private setLifetime(ms: number | null): void {
    this.lifetime = ms;
    for (const m of this.members) m.limitLifetime(ms);
  }
}

class BusCachedValue<T> implements CachedValue<T>, Purgeable {
  private held: { value: Promise<T>; at: number } | null = null;
  private lifetime: number | null = null;

  constructor(
    private readonly keys: SurrogateKey[],
    private readonly load: () => Promise<T>,
    private readonly now: () => number,
  ) {}

  get(): Promise<T> {
    const held = this.held;
    if (held && (this.lifetime === null || this.now() - held.at <= this.lifetime)) return held.value;
    // The promise is what is kept: a purge during the load drops it, so a value read before a
    // write can never be kept after that write's purge.
    const value = this.load().catch((err: unknown) => {
      if (this.held?.value === value) this.held = null;
      throw err;
    });
    this.held = { value, at: this.now() };
    return value;
  }

  purge(keys: SurrogateKey[]): void {
    if (keys.some((k) => this.keys.includes(k))) this.held = null;
  }

  clear(): void {
    this.held = null;
  }

  limitLifetime(ms: number | null): void {
    this.lifetime = ms;
  }
}
