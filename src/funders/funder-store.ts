import type { Db } from '../store/db.js';
import { parseTranslations, type Translations } from '../i18n/outlet-text.js';
import type { Funder } from './funder.js';

export interface FunderRecord {
  name: string;
  url: string;
  line: string;
  logoMediaId: number | null;
  position: number;
  translations: Translations<'line'>;
}

/** SQL for the funders list. */
export class FunderStore {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .selectFrom('funders as f')
      .leftJoin('media as m', 'm.id', 'f.logo_media_id')
      .selectAll('f')
      .select(['m.hash as media_hash', 'm.width as media_width', 'm.height as media_height', 'm.widths as media_widths']);
  }

  /** Every funder in credit order (position, then the order they were added). */
  async listFunders(): Promise<Funder[]> {
    const rows = await this.select().orderBy('f.position').orderBy('f.id').execute();
    return rows.map(toFunder);
  }

  async findFunderById(id: number): Promise<Funder | null> {
    const row = await this.select().where('f.id', '=', id).executeTakeFirst();
    return row ? toFunder(row) : null;
  }

  async insertFunder(rec: FunderRecord, now: string): Promise<number> {
    const r = await this.db
      .insertInto('funders')
      .values({ ...columnsOf(rec), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Returns false when there is no such funder. */
  async updateFunder(id: number, rec: FunderRecord, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('funders')
      .set({ ...columnsOf(rec), updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteFunder(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('funders').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

function columnsOf(rec: FunderRecord) {
  return {
    name: rec.name,
    url: rec.url,
    line: rec.line,
    logo_media_id: rec.logoMediaId,
    position: rec.position,
    translations: JSON.stringify(rec.translations),
  };
}

function toFunder(r: {
  id: number;
  name: string;
  url: string;
  line: string;
  logo_media_id: number | null;
  position: number;
  created_at: string;
  updated_at: string;
  translations: string;
  media_hash: string | null;
  media_width: number | null;
  media_height: number | null;
  media_widths: string | null;
}): Funder {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    line: r.line,
    logo:
      r.logo_media_id !== null && r.media_hash !== null
        ? {
            mediaId: r.logo_media_id,
            hash: r.media_hash,
            width: Number(r.media_width),
            height: Number(r.media_height),
            widths: r.media_widths!.split(',').map(Number),
          }
        : null,
    position: Number(r.position),
    translations: parseTranslations(r.translations),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
