import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main.js';
import { buildApp, FixedClock, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

// Two app instances in one test process share one event loop; with SQLite's synchronous busy wait
// they would block each other, which two real processes never do. PostgreSQL gives real concurrency.
const databases = (await testDatabases()).filter((d) => d === 'postgres');

describe.skipIf(databases.length === 0).each(databases)('scheduled publishing with two server processes on %s', (database) => {
  let first: TestApp;
  let second: App;
  afterEach(async () => {
    await second?.close();
    await first?.close();
  });

  it('publishes each due article exactly once when both timers fire together', async () => {
    const clock = new FixedClock();
    first = await buildApp({ database, clock });
    second = await createApp({ ...first.config }, { clock: clock.now, ...(first.db.pgSchema ? { pgSchema: first.db.pgSchema } : {}) });
    for (let i = 0; i < 5; i++) await createArticle(first, { slug: `embargo-${i}`, publishedAt: '2026-11-27T18:00:00.000Z' });
    expect(await first.services.articles.publishDueArticles(clock.now())).toEqual([]);
    clock.advance(7 * 3600_000);
    const [a, b] = await Promise.all([first.services.articles.publishDueArticles(clock.now()), second.services.articles.publishDueArticles(clock.now())]);
    expect([...a, ...b].sort()).toEqual(['embargo-0', 'embargo-1', 'embargo-2', 'embargo-3', 'embargo-4']);
    expect((await first.services.articles.listLatest(1, clock.now())).items).toHaveLength(5);
  });
});
