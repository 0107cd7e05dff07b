import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';
import type { Tally, Topic, TopicStatus, TopicWithTally } from './topic.js';

type TopicRow = {
  id: number;
  title: string;
  description: string;
  status: TopicStatus;
  status_reason: string;
  proposed_by: number | null;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
};

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  title: r.title,
  description: r.description,
  status: r.status,
  statusReason: r.status_reason,
  proposedBy: r.proposed_by,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toTally = (r: { weight: unknown; voters: unknown; from_former: unknown }): Tally => ({
  weight: Number(r.weight ?? 0),
  voters: Number(r.voters ?? 0),
  fromFormer: Number(r.from_former ?? 0),
});

/** A linked article as topic pages and the newsroom show it. */
export interface LinkedArticle {
  id: number;
  slug: string;
  headline: string;
}

/** SQL for topics, their votes and tallies, and the articles that covered them. */
export class TopicStore {
  /** Read on every story page's render (the topics it answered): prepared once (store/prepared-query.ts). */
  private readonly coveredTopics;

  constructor(private readonly db: Db) {
    this.coveredTopics = prepareQuery(db, (articleId: number) =>
      db
        .selectFrom('topic_articles as ta')
        .innerJoin('topics as t', 't.id', 'ta.topic_id')
        .select(['t.id', 't.title'])
        .where('ta.article_id', '=', articleId)
        .where('t.status', '=', 'covered')
        .where('t.merged_into_id', 'is', null)
        .orderBy('t.id'),
    );
  }

  /**
   * Votes per topic. A vote weighs its tier's current `vote_weight` (1 without a tier). A vote is from
   * a former patron unless its member has a patronage that is active or past due and not expired at
   * `now`: the same rule as `isCurrent` in membership/member.ts. Literals, not parameters, in CASE and
   * COALESCE so PostgreSQL types them as integers.
   */
  private tallies(now: string) {
    return this.db
      .selectFrom('topic_votes as v')
      .leftJoin('tiers as w', 'w.id', 'v.tier_id')
      .select((eb) => [
        'v.topic_id',
        eb.fn.countAll<number>().as('voters'),
        eb.fn.sum<number>(eb.fn.coalesce('w.vote_weight', sql.lit(1))).as('weight'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.exists(currentPatronage(eb, now)))
              .then(sql.lit(0))
              .else(sql.lit(1))
              .end(),
          )
          .as('from_former'),
      ])
      .groupBy('v.topic_id');
  }

  private withTallies(now: string) {
    return this.db
      .selectFrom('topics as t')
      .leftJoin(this.tallies(now).as('x'), 'x.topic_id', 't.id')
      .selectAll('t')
      .select(['x.weight', 'x.voters', 'x.from_former']);
  }

  async insertTopic(t: { title: string; description: string; proposedBy: number | null; now: string }): Promise<Topic> {
    const row = await this.db
      .insertInto('topics')
      .values({
        title: t.title,
        description: t.description,
        status: 'open',
        status_reason: '',
        proposed_by: t.proposedBy,
        merged_into_id: null,
        created_at: t.now,
        updated_at: t.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTopic(row);
  }

  async findTopic(id: number): Promise<Topic | null> {
    const r = await this.db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toTopic(r) : null;
  }

  async findTopicWithTally(id: number, now: string): Promise<TopicWithTally | null> {
    const r = await this.withTallies(now).where('t.id', '=', id).executeTakeFirst();
    return r ? { ...toTopic(r), tally: toTally(r) } : null;
  }

  /** Topics not merged away, most weighted votes first; `status` narrows to one status. */
  async listTopics(f: { now: string; status: TopicStatus | null; limit: number; offset: number }): Promise<TopicWithTally[]> {
    let q = this.withTallies(f.now).where('t.merged_into_id', 'is', null);
    if (f.status) q = q.where('t.status', '=', f.status);
    const rows = await q
      .orderBy(sql`coalesce(x.weight, 0)`, 'desc')
      .orderBy('t.created_at', 'asc')
      .orderBy('t.id', 'asc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return rows.map((r) => ({ ...toTopic(r), tally: toTally(r) }));
  }

  /** Topics merged into `id`, for the newsroom's record. */
  async listMergedInto(id: number): Promise<{ id: number; title: string }[]> {
    return this.db.selectFrom('topics').select(['id', 'title']).where('merged_into_id', '=', id).orderBy('id').execute();
  }

  /**
   * Takes the member's row lock for the rest of the transaction (a write that changes nothing), so
   * two proposals from one member at once are counted one after the other, on any number of servers.
   */
  async lockProposer(memberId: number): Promise<void> {
    await this.db
      .updateTable('members')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', memberId)
      .execute();
  }

  async listProposalTimesSince(memberId: number, since: string): Promise<string[]> {
    const rows = await this.db.selectFrom('topics').select('created_at').where('proposed_by', '=', memberId).where('created_at', '>', since).execute();
    return rows.map((r) => r.created_at);
  }

  /** One vote per member per topic: the primary key makes a second vote, even at the same moment, a no-op. */
  async insertVote(v: { topicId: number; memberId: number; tierId: number | null; now: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('topic_votes')
      .values({ topic_id: v.topicId, member_id: v.memberId, tier_id: v.tierId, created_at: v.now })
      .onConflict((oc) => oc.columns(['topic_id', 'member_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async deleteVote(topicId: number, memberId: number): Promise<boolean> {
    const r = await this.db.deleteFrom('topic_votes').where('topic_id', '=', topicId).where('member_id', '=', memberId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listVotedTopicIds(memberId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('topic_votes').select('topic_id').where('member_id', '=', memberId).execute();
    return rows.map((r) => r.topic_id);
  }

  async updateTopicText(id: number, t: { title: string; description: string; now: string }): Promise<void> {
    await this.db.updateTable('topics').set({ title: t.title, description: t.description, updated_at: t.now }).where('id', '=', id).execute();
  }

  async updateTopicStatus(id: number, s: { status: TopicStatus; reason: string; now: string }): Promise<void> {
    await this.db.updateTable('topics').set({ status: s.status, status_reason: s.reason, updated_at: s.now }).where('id', '=', id).execute();
  }

  /**
   * Moves the source's votes and articles to the target and hides the source. A member who voted
   * for both keeps their target vote (ON CONFLICT DO NOTHING), so nobody counts twice. Topics merged
   * into the source earlier now point at the target, so no redirect chains form. Run in a transaction.
   */
  async mergeTopic(sourceId: number, targetId: number, now: string): Promise<{ moved: number }> {
    const target = sql<number>`cast(${targetId} as integer)`;
    const moved = await this.db
      .insertInto('topic_votes')
      .columns(['topic_id', 'member_id', 'tier_id', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('topic_votes')
          .select([target.as('topic_id'), 'member_id', 'tier_id', 'created_at'])
          .where('topic_id', '=', sourceId),
      )
      .onConflict((oc) => oc.columns(['topic_id', 'member_id']).doNothing())
      .executeTakeFirst();
    await this.db.deleteFrom('topic_votes').where('topic_id', '=', sourceId).execute();
    await this.db
      .insertInto('topic_articles')
      .columns(['topic_id', 'article_id'])
      .expression((eb) =>
        eb
          .selectFrom('topic_articles')
          .select([target.as('topic_id'), 'article_id'])
          .where('topic_id', '=', sourceId),
      )
      .onConflict((oc) => oc.columns(['topic_id', 'article_id']).doNothing())
      .execute();
    await this.db.deleteFrom('topic_articles').where('topic_id', '=', sourceId).execute();
    await this.db.updateTable('topics').set({ merged_into_id: targetId, updated_at: now }).where('merged_into_id', '=', sourceId).execute();
    await this.db.updateTable('topics').set({ merged_into_id: targetId, updated_at: now }).where('id', '=', sourceId).execute();
    await this.db.updateTable('topics').set({ updated_at: now }).where('id', '=', targetId).execute();
    return { moved: Number(moved.numInsertedOrUpdatedRows ?? 0) };
  }

  async findArticleBySlug(slug: string): Promise<LinkedArticle | null> {
    const r = await this.db.selectFrom('articles').select(['id', 'slug', 'headline']).where('slug', '=', slug).executeTakeFirst();
    return r ?? null;
  }

  async linkArticle(topicId: number, articleId: number): Promise<boolean> {
    const r = await this.db
      .insertInto('topic_articles')
      .values({ topic_id: topicId, article_id: articleId })
      .onConflict((oc) => oc.columns(['topic_id', 'article_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async unlinkArticle(topicId: number, articleId: number): Promise<boolean> {
    const r = await this.db.deleteFrom('topic_articles').where('topic_id', '=', topicId).where('article_id', '=', articleId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Articles linked to a topic, oldest first; with `publishedBy`, only those readers can see then. */
  async listLinkedArticles(topicId: number, opts: { publishedBy: string | null }): Promise<LinkedArticle[]> {
    let q = this.db
      .selectFrom('topic_articles as ta')
      .innerJoin('articles as a', 'a.id', 'ta.article_id')
      .select(['a.id', 'a.slug', 'a.headline'])
      .where('ta.topic_id', '=', topicId);
    if (opts.publishedBy) q = q.where('a.status', '=', 'published').where('a.published_at', '<=', opts.publishedBy);
    return q.orderBy('a.published_at').orderBy('a.id').execute();
  }

  /** Covered topics (not merged away) an article is linked to: the article says it was chosen by patrons. */
  async listCoveredTopicsFor(articleId: number): Promise<{ id: number; title: string }[]> {
    return this.coveredTopics.rows(articleId);
  }

  async listProposalsBy(memberId: number): Promise<Topic[]> {
    const rows = await this.db.selectFrom('topics').selectAll().where('proposed_by', '=', memberId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toTopic);
  }

  async listVotesBy(memberId: number): Promise<{ topicId: number; title: string; tierId: number | null; votedAt: string }[]> {
    const rows = await this.db
      .selectFrom('topic_votes as v')
      .innerJoin('topics as t', 't.id', 'v.topic_id')
      .select(['v.topic_id', 't.title', 'v.tier_id', 'v.created_at'])
      .where('v.member_id', '=', memberId)
      .orderBy('v.created_at')
      .orderBy('v.topic_id')
      .execute();
    return rows.map((r) => ({ topicId: r.topic_id, title: r.title, tierId: r.tier_id, votedAt: r.created_at }));
  }
}

/** A current patronage of the vote's member at `now` (see `tallies`). */
function currentPatronage(eb: ExpressionBuilder<Database & { v: Database['topic_votes'] }, 'v'>, now: string) {
  return eb
    .selectFrom('patronages as p')
    .select(sql.lit(1).as('one'))
    .whereRef('p.member_id', '=', 'v.member_id')
    .where('p.status', 'in', ['active', 'past_due'])
    .where((e) => e.or([e('p.expires_at', 'is', null), e('p.expires_at', '>', now)]));
}
