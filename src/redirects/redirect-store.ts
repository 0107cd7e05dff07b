import type { Db } from '../store/db.js';
import type { Redirect } from './redirect.js';

/** SQL for redirects. */
export class RedirectStore {
  constructor(private readonly db: Db) {}

  /** One unique-index lookup; made only for requests no route answered. */
  async findRedirectFrom(fromPath: string): Promise<Redirect | null> {
    const row = await this.db.selectFrom('redirects').selectAll().where('from_path', '=', fromPath).executeTakeFirst();
    return row ? toRedirect(row) : null;
  }

  /** Newest first; `q` matches either address. */
  async listRedirects(opts: { q: string; limit: number; offset: number }): Promise<Redirect[]> {
    let query = this.db.selectFrom('redirects').selectAll();
    if (opts.q) {
      const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('from_path', 'like', eb.val(like)), eb('to_path', 'like', eb.val(like))]));
    }
    const rows = await query.orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute();
    return rows.map(toRedirect);
  }

  async countRedirects(): Promise<number> {
    const r = await this.db
      .selectFrom('redirects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Adds or replaces the redirect from `fromPath` (the newest import or editor wins). */
  async putRedirect(r: { fromPath: string; toPath: string; source: string }, now: string): Promise<void> {
    await this.db
      .insertInto('redirects')
      .values({ from_path: r.fromPath, to_path: r.toPath, source: r.source, created_at: now })
      .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: r.toPath, source: r.source }))
      .execute();
  }

  /** Adds the redirect unless one from `fromPath` exists; returns whether it was added. */
  async addRedirect(r: { fromPath: string; toPath: string; source: string }, now: string): Promise<boolean> {
    const res = await this.db
      .insertInto('redirects')
      .values({ from_path: r.fromPath, to_path: r.toPath, source: r.source, created_at: now })
      .onConflict((oc) => oc.column('from_path').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Many at once (imports): one statement per 100 rows; an address already redirected keeps its target. Returns how many were added. */
  async addRedirects(rows: { fromPath: string; toPath: string; source: string }[], now: string): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const res = await this.db
        .insertInto('redirects')
        .values(rows.slice(i, i + 100).map((r) => ({ from_path: r.fromPath, to_path: r.toPath, source: r.source, created_at: now })))
        .onConflict((oc) => oc.column('from_path').doNothing())
        .executeTakeFirst();
      added += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async deleteRedirect(id: number): Promise<Redirect | null> {
    const row = await this.db.selectFrom('redirects').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    await this.db.deleteFrom('redirects').where('id', '=', id).execute();
    return toRedirect(row);
  }

  /** Every redirect, oldest first (the export). */
  async listAllRedirects(): Promise<Redirect[]> {
    return (await this.db.selectFrom('redirects').selectAll().orderBy('id').execute()).map(toRedirect);
  }
}

function toRedirect(r: { id: number; from_path: string; to_path: string; source: string; created_at: string }): Redirect {
  return { id: r.id, fromPath: r.from_path, toPath: r.to_path, source: r.source, createdAt: r.created_at };
}
