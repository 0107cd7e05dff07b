import { describe, expect, it } from 'vitest';
import type { SurrogateKey } from './cache-keys.js';
import { CacheRegistry, type Purgeable } from './cached-value.js';
import { LocalInvalidationBus, type InvalidationBus, type LinkEvent } from './invalidation-bus.js';

const quiet = { info() {}, warn() {} };

/** A bus whose link the test cuts and restores by hand (the Redis bus is tested against a real Redis). */
class LinkedBus extends LocalInvalidationBus implements InvalidationBus {
  private readonly links: ((e: LinkEvent) => void)[] = [];
  up = true;
  override onLink(l: (e: LinkEvent) => void): void {
    this.links.push(l);
  }
  override isUp(): boolean {
    return this.up;
  }
  emit(e: LinkEvent, up: boolean) {
    this.up = up;
    for (const l of this.links) l(e);
  }
}

function counter() {
  let n = 0;
  return { load: async () => ++n, loads: () => n };
}

describe('values cached on the invalidation bus', () => {
  it('loads once, and again only after a purge naming one of its keys', async () => {
    const bus = new LocalInvalidationBus();
    const caches = new CacheRegistry(bus, { now: Date.now, outageLifetimeMs: 10_000, log: quiet });
    const c = counter();
    const value = caches.cached(['site'], c.load);
    expect(await Promise.all([value.get(), value.get()])).toEqual([1, 1]);
    await bus.invalidate(['article:x', 'home']);
    expect(await value.get()).toBe(1);
    await bus.invalidate(['home', 'site']);
    expect(await value.get()).toBe(2);
    expect(c.loads()).toBe(2);
  });

  it('does not keep a value whose load was under way when a purge came', async () => {
    const bus = new LocalInvalidationBus();
    const caches = new CacheRegistry(bus, { now: Date.now, outageLifetimeMs: 10_000, log: quiet });
    let stored = 'old name';
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const value = caches.cached(['site'], async () => {
      const read = stored;
      if (first) {
        first = false;
        await gate; // the read happened before the write below; its answer arrives after the purge
      }
      return read;
    });
    const slow = value.get();
    stored = 'new name';
    await bus.invalidate(['site']);
    release();
    expect(await slow).toBe('old name');
    expect(await value.get()).toBe('new name');
  });

  it('does not keep a failed load', async () => {
    const caches = new CacheRegistry(new LocalInvalidationBus(), { now: Date.now, outageLifetimeMs: 10_000, log: quiet });
    let fail = true;
    const value = caches.cached(['site'], async () => {
      if (fail) throw new Error('database away');
      return 'ok';
    });
    await expect(value.get()).rejects.toThrow('database away');
    fail = false;
    expect(await value.get()).toBe('ok');
  });

  it('while the link is down keeps values briefly; when it is back drops everything and keeps them again', async () => {
    const bus = new LinkedBus();
    let now = 0;
    const warnings: string[] = [];
    const caches = new CacheRegistry(bus, { now: () => now, outageLifetimeMs: 10_000, log: { info() {}, warn: (_o, m) => void warnings.push(m) } });
    const c = counter();
    const value = caches.cached(['site'], c.load);
    const page: Purgeable & { cleared: number; lifetime: number | null } = {
      cleared: 0,
      lifetime: null,
      purge() {},
      clear() {
        this.cleared++;
      },
      limitLifetime(ms) {
        this.lifetime = ms;
      },
    };
    caches.register(page);

    expect(await value.get()).toBe(1);
    now = 60_000;
    expect(await value.get()).toBe(1); // no lifetime while purges arrive
    bus.emit('lost', false);
    expect(page.lifetime).toBe(10_000);
    expect(warnings).toHaveLength(1);
    expect(await value.get()).toBe(2); // older than 10 s: read again
    now += 5_000;
    expect(await value.get()).toBe(2);
    now += 5_001;
    expect(await value.get()).toBe(3);

    bus.emit('resync', true);
    expect(page.cleared).toBe(1);
    expect(page.lifetime).toBeNull();
    expect(await value.get()).toBe(4); // dropped on resync
    now += 3600_000;
    expect(await value.get()).toBe(4);
  });

  it('starts with short lifetimes when the bus is not up yet', async () => {
    const bus = new LinkedBus();
    bus.up = false;
    let now = 0;
    const caches = new CacheRegistry(bus, { now: () => now, outageLifetimeMs: 10_000, log: quiet });
    const seen: (number | null)[] = [];
    caches.register({ purge() {}, clear() {}, limitLifetime: (ms) => void seen.push(ms) });
    const c = counter();
    const value = caches.cached(['site'] as SurrogateKey[], c.load);
    await value.get();
    now = 10_001;
    expect(await value.get()).toBe(2);
    expect(seen).toEqual([10_000]);
  });

  it('a listener on the bus purges the registered page cache', async () => {
    const bus = new LocalInvalidationBus();
    const caches = new CacheRegistry(bus, { now: Date.now, outageLifetimeMs: 10_000, log: quiet });
    const purged: SurrogateKey[][] = [];
    caches.register({ purge: (keys) => purged.push(keys), clear() {}, limitLifetime() {} });
    await bus.invalidate(['home']);
    expect(purged).toEqual([['home']]);
  });
});
