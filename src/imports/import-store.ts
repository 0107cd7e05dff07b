import type { Db } from '../store/db.js';

export type ImportSource = 'wordpress' | 'ghost';

/** SQL for import bookkeeping: what each source's items became, and imported members' newsletter choice. */
export class ImportStore {
  constructor(private readonly db: Db) {}

  /** Of these source ids, the ones already imported, with what they became. */
  async findImported(source: ImportSource, guids: string[]): Promise<Map<string, { kind: string; targetId: number }>> {
    const found = new Map<string, { kind: string; targetId: number }>();
    // Bounded IN lists: SQLite's default limit is far above, but statements stay a few shapes.
    for (let i = 0; i < guids.length; i += 500) {
      const chunk = guids.slice(i, i + 500);
      if (!chunk.length) continue;
      const rows = await this.db
        .selectFrom('import_items')
        .select(['guid', 'kind', 'target_id'])
        .where('source', '=', source)
        .where('guid', 'in', chunk)
        .execute();
      for (const r of rows) found.set(r.guid, { kind: r.kind, targetId: r.target_id });
    }
    return found;
  }

  async recordImported(source: ImportSource, guid: string, kind: string, targetId: number, now: string): Promise<void> {
    await this.db.insertInto('import_items').values({ source, guid, kind, target_id: targetId, imported_at: now }).execute();
  }

  /** Many at once (one import batch): one statement per 100 rows. */
  async recordManyImported(source: ImportSource, rows: { guid: string; kind: string; targetId: number }[], now: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      await this.db
        .insertInto('import_items')
        .values(rows.slice(i, i + 100).map((r) => ({ source, guid: r.guid, kind: r.kind, target_id: r.targetId, imported_at: now })))
        .execute();
    }
  }

  async countImported(source: ImportSource): Promise<number> {
    const r = await this.db
      .selectFrom('import_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('source', '=', source)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Keeps the newsletter choice a member made on the old platform (read by the newsletters feature). */
  async recordImportedMember(memberId: number, source: ImportSource, optIn: boolean, newsletters: string[], now: string): Promise<void> {
    await this.db
      .insertInto('imported_members')
      .values({ member_id: memberId, source, newsletter_opt_in: optIn ? 1 : 0, newsletters: newsletters.join(','), imported_at: now })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ newsletter_opt_in: optIn ? 1 : 0, newsletters: newsletters.join(',') }))
      .execute();
  }

  async findImportedMember(memberId: number): Promise<{ source: string; newsletterOptIn: boolean; newsletters: string[] } | null> {
    const r = await this.db.selectFrom('imported_members').selectAll().where('member_id', '=', memberId).executeTakeFirst();
    return r ? { source: r.source, newsletterOptIn: Number(r.newsletter_opt_in) === 1, newsletters: r.newsletters ? r.newsletters.split(',') : [] } : null;
  }
}
