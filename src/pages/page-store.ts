import type { Db } from '../store/db.js';
import type { FooterLink, StaticPage } from './page.js';

export interface PageRecord {
  path: string;
  title: string;
  bodyFormat: 'markdown' | 'html';
  bodySource: string;
  bodyHtml: string;
  inFooter: boolean;
  footerPosition: number;
}

/** SQL for static pages. */
export class PageStore {
  constructor(private readonly db: Db) {}

  /** The page at exactly this (normalised) path: one unique-index lookup, made only when no route matched. */
  async findPageByPath(path: string): Promise<StaticPage | null> {
    const row = await this.db.selectFrom('static_pages').selectAll().where('path', '=', path).executeTakeFirst();
    return row ? toPage(row) : null;
  }

  async findPageById(id: number): Promise<StaticPage | null> {
    const row = await this.db.selectFrom('static_pages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPage(row) : null;
  }

  /** Every page, by path (the admin list and the export). */
  async listPages(): Promise<StaticPage[]> {
    const rows = await this.db.selectFrom('static_pages').selectAll().orderBy('path').execute();
    return rows.map(toPage);
  }

  async listFooterLinks(): Promise<FooterLink[]> {
    return this.db.selectFrom('static_pages').select(['path', 'title']).where('in_footer', '=', 1).orderBy('footer_position').orderBy('id').execute();
  }

  async insertPage(rec: PageRecord, now: string): Promise<number> {
    const r = await this.db
      .insertInto('static_pages')
      .values({ ...toRow(rec), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Returns false when there is no such page. */
  async updatePage(id: number, rec: PageRecord, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('static_pages')
      .set({ ...toRow(rec), updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deletePage(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('static_pages').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

function toRow(rec: PageRecord) {
  return {
    path: rec.path,
    title: rec.title,
    body_format: rec.bodyFormat,
    body_source: rec.bodySource,
    body_html: rec.bodyHtml,
    in_footer: rec.inFooter ? 1 : 0,
    footer_position: rec.footerPosition,
  };
}

function toPage(r: {
  id: number;
  path: string;
  title: string;
  body_format: 'markdown' | 'html';
  body_source: string;
  body_html: string;
  in_footer: number;
  footer_position: number;
  created_at: string;
  updated_at: string;
}): StaticPage {
  return {
    id: r.id,
    path: r.path,
    title: r.title,
    bodyFormat: r.body_format,
    bodySource: r.body_source,
    bodyHtml: r.body_html,
    inFooter: Number(r.in_footer) === 1,
    footerPosition: Number(r.footer_position),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
