import { sql } from 'kysely';
import { openDatabase } from './src/store/db.js';
import { SqliteSearchStore } from './src/search/sqlite-search-store.js';
import { parseQuery } from './src/search/search-query.js';
const h = openDatabase({ dialect: 'sqlite', file: '/tmp/ftsx/s1m.db' });
const m = '{headline standfirst body} : ("council")';
const t0 = performance.now();
const { rows: e } = await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${m} AND ${sql`1`} ORDER BY rowid DESC LIMIT 1 OFFSET ${1499}`.execute(h.db);
const t1 = performance.now();
const { rows } = await sql<{ id: number; score: number }>`SELECT id, score FROM (SELECT rowid AS id, ${sql.raw('bm25(search_index, 10, 3, 1, 0)')} AS score FROM search_index WHERE search_index MATCH ${m} AND ${sql`1`} AND ${sql`rowid >= ${e[0]!.id}`}) ORDER BY score, id DESC LIMIT ${60}`.execute(h.db);
const t2 = performance.now();
console.log('probe', (t1 - t0).toFixed(1), 'rank', (t2 - t1).toFixed(1), rows.length, e[0]);
const store = new SqliteSearchStore(h.db);
const q = parseQuery('council'); if (!q.ok) throw 1;
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await store.search({ query: q.query, filters: { now: new Date().toISOString() }, limit: 11, offset: 0 }); console.log('store.search', (performance.now() - t).toFixed(1), r.total); }
await h.close();
