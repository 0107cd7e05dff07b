import { afterEach, describe, expect, it } from 'vitest';
import type { RedisInvalidationBus } from '../../src/cache/redis-invalidation-bus.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { eventually, REDIS_URL, redisAvailable } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

const hasRedis = await redisAvailable();
const databases = await testDatabases();

/** DATABASE_URL for a second process on the same database (on PostgreSQL, the test's own schema). */
function databaseUrlOf(app: TestApp): string {
  const db = app.config.database;
  if (db.dialect === 'sqlite') return `sqlite:${db.file}`;
  const url = new URL(db.url);
  url.searchParams.set('options', `-c search_path=${app.db.pgSchema}`);
  return url.toString();
}

describe.skipIf(!hasRedis).each(databases)('settings changed on one app server, on %s', (database) => {
  let a: TestApp | undefined;
  let b: ServerProcess | undefined;
  afterEach(async () => {
    await b?.stop();
    await a?.close();
  });

  it('reach another server process within a second: the outlet name and the reprint limit', async () => {
    // Server A runs in this process; server B is `masthead serve` in a child process. They share
    // nothing but the database (and data directory) and Redis.
    a = await buildApp({ database, config: { redisUrl: REDIS_URL } });
    await (a.invalidation as RedisInvalidationBus).whenReady();
    await createArticle(a, { slug: 'lock-repairs', headline: 'Lock gates repaired before the winter floods' });
    b = await startServerProcess({
      DATABASE_URL: databaseUrlOf(a),
      DATA_DIR: a.config.dataDir,
      REDIS_URL,
      PUBLIC_URL: a.config.publicUrl,
      SECRET_KEY: a.config.secretKey!,
    });
    const story = `${b.url}${a.services.urls.article('lock-repairs')}`;
    const render = async () => {
      const res = await fetch(story);
      return { cache: res.headers.get('x-cache'), body: await res.text() };
    };

    // Ready (as a load balancer asks) means B has subscribed to Redis: the 'resync' it runs on subscribing
    // drops its page cache, so a page cached before then, or a purge sent before then, would prove nothing.
    expect(await eventually(async () => (await fetch(`${b!.url}/readyz`)).status === 200, 10_000), `B never became ready: ${b.stderr()}`).toBe(true);

    // B is listening: a purge sent from A drops B's cached copy of the story.
    expect((await render()).body).toContain('Lock gates repaired');
    expect((await render()).cache).toBe('HIT');
    await a.invalidation.invalidate(['article:lock-repairs']);
    expect(await eventually(async () => (await render()).cache === 'MISS', 10_000)).toBe(true);

    // B has rendered with the old settings, and keeps them in memory.
    const before = await render();
    expect(before.body).toContain('data-quote-max="500"');
    expect(before.body).not.toContain('The Harbour Ledger');

    const now = a.clock();
    expect((await a.services.site.updateSettings({ name: 'The Harbour Ledger' }, { now, actor: null })).ok).toBe(true);
    expect((await a.services.policy.updatePolicy({ maxExcerptChars: 120 }, { now, actor: null })).ok).toBe(true);

    const fresh = async () => {
      const { body } = await render();
      return body.includes('The Harbour Ledger') && body.includes('data-quote-max="120"') && !body.includes('data-quote-max="500"');
    };
    expect(await eventually(fresh, 1000), `B still renders the old settings. B's log: ${b.stderr()}`).toBe(true);
    // And not only on the page: the Content API on B states the new limit too.
    const api = (await (await fetch(`${b.url}/api/v1/articles`)).json()) as { items: { license: { max_excerpt_chars: number } }[] };
    expect(api.items.map((i) => i.license.max_excerpt_chars)).toEqual([120]);
  });
});
