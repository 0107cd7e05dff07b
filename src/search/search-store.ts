import { dialectOf, type Db } from '../store/db.js';
import { PostgresSearchStore } from './postgres-search-store.js';
import type { SearchIndexStore } from './search-index.js';
import { SqliteSearchStore } from './sqlite-search-store.js';

/** The index implementation for the database behind `db` (a handle or a transaction). */
export function searchIndexStoreFor(db: Db): SearchIndexStore {
  return dialectOf(db) === 'postgres' ? new PostgresSearchStore(db) : new SqliteSearchStore(db);
}
