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
    const a = await this.db
      .selectFrom('articles')
      .select(['id', 'headline', 'standfirst', 'body_text', 'section_id', 'status', 'published_at', 'language', 'translation_group'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (!a) return null;
    const [facts] = await this.listFacts([articleId]);
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

  /** Ids of public stories (not `excludeId`) sharing a tag, byline, section or cited source with the profile. */
  async listMetadataCandidates(p: RelatedProfile, now: string): Promise<number[]> {
    const ids = new Set<number>();
    const lists = await Promise.all([
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
            .limit(PER_TAG)
            .execute(),
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
            .limit(PER_AUTHOR)
            .execute(),
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
              .limit(PER_SECTION)
              .execute(),
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
            .limit(PER_SOURCE)
            .execute(),
        ),
    ]);
    for (const list of lists) for (const r of list) ids.add(r.id);
    return [...ids];
  }

  /** Tags, bylines, section, sources and publication time of public stories among `ids` (others are left out). */
  async listFacts(ids: number[], onlyPublicAt?: string): Promise<CandidateFacts[]> {
    if (ids.length === 0) return [];
    // Publicness is checked in code: in the WHERE clause it makes the planner walk the (status, published_at)
    // index over every published story instead of looking up these ids.
    const q = this.db.selectFrom('articles').select(['id', 'section_id', 'status', 'published_at', 'language', 'translation_group']).where('id', 'in', ids);
    const [all, tags, authors, sources] = await Promise.all([
      q.execute(),
      this.db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).execute(),
      this.db.selectFrom('article_authors').select(['article_id', 'author_id']).where('article_id', 'in', ids).execute(),
      this.db.selectFrom('article_sources').select(['article_id', 'url']).where('article_id', 'in', ids).execute(),
    ]);
    const group = <T>(list: { article_id: number }[], pick: (r: never) => T) => {
      const m = new Map<number, T[]>();
      for (const r of list) m.set(r.article_id, [...(m.get(r.article_id) ?? []), pick(r as never)]);
      return m;
    };
    const rows = onlyPublicAt ? all.filter((r) => r.status === 'published' && r.published_at !== null && r.published_at <= onlyPublicAt) : all;
    const t = group(tags, (r: { tag_id: number }) => r.tag_id);
    const a = group(authors, (r: { author_id: number }) => r.author_id);
    const s = group(sources, (r: { url: string }) => r.url);
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
