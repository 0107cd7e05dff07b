import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import type { RelatedProfile } from './related.js';

/** Bounds on each kind of candidate: the newest few of every tag, byline, section and source. */
const PER_TAG = 30;
const PER_AUTHOR = 15;
const PER_SECTION = 15;
const PER_SOURCE = 15;

/** What a candidate's own record holds, to count what it shares with the story. */
export interface CandidateFacts {
  id: number;
  publishedAt: string;
  sectionId: number | null;
  tagIds: number[];
  authorIds: number[];
  sourceUrls: string[];
  language: string;
  translationGroup: number | null;
}

/** SQL for related stories: the stored lists, and candidates by tag, byline, section and source. */
export class RelatedStore {
  /** Read on every story page's render (its related links): prepared once (store/prepared-query.ts). */
  private readonly relatedIds;

  constructor(private readonly db: Db) {
    this.relatedIds = prepareQuery(db, (articleId: number) =>
      db.selectFrom('related_stories').select(['related_id', 'rank']).where('article_id', '=', articleId).orderBy('rank'),
    );
  }

  async findProfile(articleId: number): Promise<(RelatedProfile & { status: string }) | null> {
    const [a, shared] = await Promise.all([
      this.db
        .selectFrom('articles')
        .select(['id', 'headline', 'standfirst', 'body_text', 'section_id', 'status', 'published_at', 'language', 'translation_group'])
        .where('id', '=', articleId)
        .executeTakeFirst(),
      this.listShared([articleId]),
    ]);
    if (!a) return null;
    const facts = { tagIds: shared.tags.get(articleId), authorIds: shared.authors.get(articleId), sourceUrls: shared.sources.get(articleId) };
    return {
      id: a.id,
      headline: a.headline,
      standfirst: a.standfirst,
      body: a.body_text,
      sectionId: a.section_id,
      publishedAt: a.published_at,
      status: a.status,
      language: a.language,
      translationGroup: a.translation_group,
      tagIds: facts?.tagIds ?? [],
      authorIds: facts?.authorIds ?? [],
      sourceUrls: facts?.sourceUrls ?? [],
    };
  }

  /**
   * Ids of public stories (not `excludeId`) sharing a tag, byline, section or cited source with the profile.
   * One statement (a UNION ALL of bounded index ranges): a publish waits for each round trip, and on a busy
   * server a statement's wait for a backend costs more than its work (each range reads under 40 pages).
   */
  async listMetadataCandidates(p: RelatedProfile, now: string): Promise<number[]> {
    const ranges = [
      ...p.tagIds
        .slice(0, 8)
        .map((tagId) =>
          this.db
            .selectFrom('article_tags')
            .select('article_id as id')
            .where('tag_id', '=', tagId)
            .where('article_id', '!=', p.id)
            .where('published_at', '<=', now)
            .orderBy('published_at', 'desc')
            .orderBy('article_id', 'desc')
            .limit(PER_TAG),
        ),
      ...p.authorIds
        .slice(0, 4)
        .map((authorId) =>
          this.db
            .selectFrom('article_authors')
            .select('article_id as id')
            .where('author_id', '=', authorId)
            .where('article_id', '!=', p.id)
            .where('published_at', '<=', now)
            .orderBy('published_at', 'desc')
            .orderBy('article_id', 'desc')
            .limit(PER_AUTHOR),
        ),
      ...(p.sectionId === null
        ? []
        : [
            this.db
              .selectFrom('articles')
              .select('id')
              .where('section_id', '=', p.sectionId)
              .where('status', '=', 'published')
              .where('published_at', '<=', now)
              .where('id', '!=', p.id)
              .orderBy('published_at', 'desc')
              .orderBy('id', 'desc')
              .limit(PER_SECTION),
          ]),
      // One index range per source, newest ids first; publicness is checked with the other facts (listFacts).
      // Joined to articles here, the planner walks every published story instead (600 ms at 1M).
      ...p.sourceUrls
        .slice(0, 8)
        .map((url) =>
          this.db
            .selectFrom('article_sources')
            .select('article_id as id')
            .where('url', '=', url)
            .where('article_id', '!=', p.id)
            .orderBy('article_id', 'desc')
            .limit(PER_SOURCE),
        ),
    ];
    if (ranges.length === 0) return [];
    // Each range in its own derived table: SQLite takes no ORDER BY or LIMIT on a member of a compound SELECT.
    const members = ranges.map((r, i) => sql`SELECT id FROM (${r}) AS ${sql.raw(`r${i}`)}`);
    const { rows } = await sql<{ id: number }>`${sql.join(members, sql` UNION ALL `)}`.execute(this.db);
    return [...new Set(rows.map((r) => Number(r.id)))];
  }

  /** Tags, bylines, section, sources and publication time of public stories among `ids` (others are left out). */
  async listFacts(ids: number[], onlyPublicAt?: string): Promise<CandidateFacts[]> {
    if (ids.length === 0) return [];
    // Publicness is checked in code: in the WHERE clause it makes the planner walk the (status, published_at)
    // index over every published story instead of looking up these ids.
    const q = this.db.selectFrom('articles').select(['id', 'section_id', 'status', 'published_at', 'language', 'translation_group']).where('id', 'in', ids);
    const [all, shared] = await Promise.all([q.execute(), this.listShared(ids)]);
    const rows = onlyPublicAt ? all.filter((r) => r.status === 'published' && r.published_at !== null && r.published_at <= onlyPublicAt) : all;
    const { tags: t, authors: a, sources: s } = shared;
    return rows.map((r) => ({
      id: r.id,
      publishedAt: r.published_at ?? '',
      sectionId: r.section_id,
      tagIds: t.get(r.id) ?? [],
      authorIds: a.get(r.id) ?? [],
      sourceUrls: s.get(r.id) ?? [],
      language: r.language,
      translationGroup: r.translation_group,
    }));
  }

  /** Tags, bylines and cited sources of the stories `ids`, in one statement (see listMetadataCandidates on round trips). */
  private async listShared(ids: number[]): Promise<{ tags: Map<number, number[]>; authors: Map<number, number[]>; sources: Map<number, string[]> }> {
    const list = sql.join(ids);
    const { rows } = await sql<{ article_id: number; kind: 't' | 'a' | 's'; value: string }>`
      SELECT article_id, 't' AS kind, CAST(tag_id AS TEXT) AS value FROM article_tags WHERE article_id IN (${list})
      UNION ALL SELECT article_id, 'a', CAST(author_id AS TEXT) FROM article_authors WHERE article_id IN (${list})
      UNION ALL SELECT article_id, 's', url FROM article_sources WHERE article_id IN (${list})`.execute(this.db);
    const out = { tags: new Map<number, number[]>(), authors: new Map<number, number[]>(), sources: new Map<number, string[]>() };
    const add = <T>(m: Map<number, T[]>, id: number, v: T) => m.set(id, [...(m.get(id) ?? []), v]);
    for (const r of rows) {
      const id = Number(r.article_id);
      if (r.kind === 't') add(out.tags, id, Number(r.value));
      else if (r.kind === 'a') add(out.authors, id, Number(r.value));
      else add(out.sources, id, r.value);
    }
    return out;
  }

  /** The stored list, closest first; null when it was never computed (stories from before search existed). */
  async listRelatedIds(articleId: number): Promise<number[] | null> {
    const rows = await this.relatedIds.rows(articleId);
    return rows.length ? rows.map((r) => r.related_id) : null;
  }

  /** Replaces the stored list; returns whether it changed. */
  async replaceRelated(articleId: number, relatedIds: number[]): Promise<boolean> {
    const before = (await this.listRelatedIds(articleId)) ?? [];
    if (before.length === relatedIds.length && before.every((id, i) => id === relatedIds[i])) return false;
    // Two transactions may replace one story's list at once (an edit, and the background refresh after
    // another story's publish). Delete-then-insert would let both insert rank 0 (a unique violation, a
    // 500 on PostgreSQL): upsert each rank, then drop the ranks past the new list's end.
    if (relatedIds.length) {
      await this.db
        .insertInto('related_stories')
        .values(relatedIds.map((related_id, rank) => ({ article_id: articleId, related_id, rank })))
        .onConflict((oc) => oc.columns(['article_id', 'rank']).doUpdateSet((eb) => ({ related_id: eb.ref('excluded.related_id') })))
        .execute();
    }
    await this.db.deleteFrom('related_stories').where('article_id', '=', articleId).where('rank', '>=', relatedIds.length).execute();
    return true;
  }

  /** A story left the public site: drop its own list and take it out of every other list. Returns the stories that listed it. */
  async removeStory(articleId: number): Promise<number[]> {
    const listing = await this.db.selectFrom('related_stories').select('article_id').where('related_id', '=', articleId).execute();
    await this.db.deleteFrom('related_stories').where('article_id', '=', articleId).execute();
    await this.db.deleteFrom('related_stories').where('related_id', '=', articleId).execute();
    return [...new Set(listing.map((r) => r.article_id))];
  }

  async findSlugs(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('articles').select(['id', 'slug']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.slug]));
  }

  /** Public story ids in (afterId, throughId], for recomputing every list. */
  async listPublishedIds(afterId: number, limit: number, now: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select('id')
      .where('id', '>', afterId)
      .where('status', '=', 'published')
      .where('published_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async maxArticleId(): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    return Number(row?.m ?? 0);
  }
}
