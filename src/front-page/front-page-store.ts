import type { Db } from '../store/db.js';
import type { FrontPin } from './front-page.js';

/** The editors' pins on the front page: at most one story per slot, and one slot per story. */
export class FrontPageStore {
  constructor(private readonly db: Db) {}

  async listFrontPins(): Promise<FrontPin[]> {
    const rows = await this.db.selectFrom('front_page_pins').select(['slot', 'article_id', 'pinned_at', 'pinned_by']).orderBy('slot').execute();
    return rows.map((r) => ({
      slot: Number(r.slot),
      articleId: Number(r.article_id),
      pinnedAt: r.pinned_at,
      pinnedBy: r.pinned_by === null ? null : Number(r.pinned_by),
    }));
  }

  /** Replaces every pin with `pins` (run it inside a transaction: pins are unique per slot and per story). */
  async replaceFrontPins(pins: FrontPin[]): Promise<void> {
    await this.db.deleteFrom('front_page_pins').execute();
    if (pins.length === 0) return;
    await this.db
      .insertInto('front_page_pins')
      .values(pins.map((p) => ({ slot: p.slot, article_id: p.articleId, pinned_at: p.pinnedAt, pinned_by: p.pinnedBy })))
      .execute();
  }
}
