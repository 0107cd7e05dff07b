import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/support/databases.js';
import { openDatabase, type DatabaseHandle } from './db.js';
import { migrate } from './migrate.js';
import { prepareQuery } from './prepared-query.js';

const databases = await testDatabases();

describe.each(databases)('prepared queries (%s)', (kind) => {
  let t: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    handle = openDatabase(t.config, { pgSchema: t.pgSchema });
    await migrate(handle.db, handle.dialect);
    await handle.db
      .insertInto('tags')
      .values([
        { slug: 'budget', name: 'Budget' },
        { slug: 'housing', name: 'Housing' },
        { slug: 'flooding', name: 'Flooding' },
      ])
      .execute();
  });

  afterAll(async () => {
    await handle.close();
    await t.cleanup();
  });

  const tagBySlug = () => prepareQuery(handle.db, (slug: string) => handle.db.selectFrom('tags').select(['slug', 'name']).where('slug', '=', slug));

  it('answers each call with its own values, as the built query would', async () => {
    const q = tagBySlug();
    expect(await q.first('housing')).toEqual({ slug: 'housing', name: 'Housing' });
    expect(await q.first('budget')).toEqual({ slug: 'budget', name: 'Budget' });
    expect(await q.first('nothing')).toBeUndefined();
    expect(await q.rows('flooding')).toEqual([{ slug: 'flooding', name: 'Flooding' }]);
  });

  it('binds every item of a list, one shape per length, and keeps constants the query names', async () => {
    const q = prepareQuery(handle.db, (slugs: readonly string[]) =>
      handle.db.selectFrom('tags').select('slug').where('slug', 'in', slugs).where('name', '!=', 'Flooding').orderBy('slug'),
    );
    expect(await q.rows(['housing', 'flooding'])).toEqual([{ slug: 'housing' }]);
    expect(await q.rows(['budget', 'housing', 'flooding'])).toEqual([{ slug: 'budget' }, { slug: 'housing' }]);
    expect(await q.rows(['budget', 'nothing'])).toEqual([{ slug: 'budget' }]);
  });

  it('refuses a query that reworks an argument before binding it, which would freeze its first value', async () => {
    const q = prepareQuery(handle.db, (name: string) => handle.db.selectFrom('tags').select('slug').where('name', '=', name.toString().trim()));
    await expect(q.rows('Budget')).rejects.toThrow(/argument 0 is not bound as a parameter/);
  });

  it('runs inside a transaction when prepared on it', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('tags').values({ slug: 'schools', name: 'Schools' }).execute();
      const inTrx = prepareQuery(trx, (slug: string) => trx.selectFrom('tags').select('name').where('slug', '=', slug));
      expect(await inTrx.first('schools')).toEqual({ name: 'Schools' });
    });
  });
});
