import type { Db } from './db.js';

/**
 * Hands services a set of stores, and the same set bound to one transaction when a change
 * must commit whole or not at all. Services never see Kysely or SQL.
 */
export class UnitOfWork<S> {
  readonly stores: S;

  constructor(
    private readonly db: Db,
    private readonly make: (db: Db) => S,
  ) {
    this.stores = make(db);
  }

  /** Runs `fn` with stores bound to one transaction; a thrown error rolls everything back. */
  transaction<T>(fn: (stores: S) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(this.make(trx)));
  }
}
