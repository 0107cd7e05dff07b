import type { Db } from '../store/db.js';

export interface MediaRecord {
  id: number;
  hash: string;
  width: number;
  height: number;
  widths: number[];
}

/** SQL for uploaded images. */
export class MediaStore {
  constructor(private readonly db: Db) {}

  async findMediaByHash(hash: string): Promise<MediaRecord | null> {
    const r = await this.db.selectFrom('media').select(['id', 'hash', 'width', 'height', 'widths']).where('hash', '=', hash).executeTakeFirst();
    return r ? { ...r, widths: r.widths.split(',').map(Number) } : null;
  }

  async insertMedia(m: { hash: string; width: number; height: number; widths: number[]; createdAt: string }): Promise<number> {
    const r = await this.db
      .insertInto('media')
      .values({ hash: m.hash, width: m.width, height: m.height, widths: m.widths.join(','), created_at: m.createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }
}
