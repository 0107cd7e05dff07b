import type { Config } from '../../src/config.js';
import { createApp, type App } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** A fixed clock: 27 November 2026, noon UTC, unless a test moves it. */
export class FixedClock {
  constructor(public current = new Date('2026-11-27T12:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp extends App {
  db: TestDatabase;
  fixedClock: FixedClock;
}

/** Builds the whole app, as main.ts wires it, over a fresh database. Call `close()` after. */
export async function buildApp(opts: { database?: 'sqlite' | 'postgres'; config?: Partial<Config>; clock?: FixedClock } = {}): Promise<TestApp> {
  const db = await createTestDatabase(opts.database ?? 'sqlite');
  const fixedClock = opts.clock ?? new FixedClock();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'https://news.example.test',
    database: db.config,
    dataDir: db.dataDir,
    demoContent: false,
    logLevel: 'silent',
    pageCacheBytes: 16 * 1024 * 1024,
    redisUrl: null,
    purgeWebhookUrl: null,
    secretKey: 'test-secret-key-that-is-long-enough-0123456789',
    smtpUrl: null,
    // Tests stand in for a proxy to give requests distinct client addresses.
    trustProxy: true,
    mailFrom: 'The Test Desk <desk@news.example.test>',
    stripe: null,
    ...opts.config,
  };
  const app = await createApp(config, { clock: fixedClock.now, ...(db.pgSchema ? { pgSchema: db.pgSchema } : {}) });
  // A worker, as `serve` runs one: mail and webhooks go out by themselves; tests that need jobs done now call `app.jobs.drain()`.
  await app.jobs.start();
  const close = app.close.bind(app);
  return Object.assign(app, {
    db,
    fixedClock,
    async close() {
      await close();
      await db.cleanup();
    },
  });
}
