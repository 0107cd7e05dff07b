import type { ReaderProblem } from '../i18n/reader-problem.js';
import { z } from 'zod';
import type { Actor } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator, type SurrogateKey } from '../cache/cache-keys.js';
import type { Patron } from '../membership/member.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import {
  acceptsVotes,
  changeStatus,
  checkMerge,
  LIMITS,
  nextProposalAt,
  parseTopicText,
  STATUS_LABELS,
  TOPIC_STATUSES,
  type Tally,
  type Topic,
  type TopicStatus,
  type TopicWithTally,
} from './topic.js';
import type { LinkedArticle, TopicStore } from './topic-store.js';

/** Who is a patron now. The service asks itself, so no caller (route, CLI, API) can skip the check. */
export interface PatronCheck {
  patronOf(memberId: number, now: Date): Promise<Patron | null>;
}

/** A refusal: English `message` for the JSON API and the admin; `problem`, when a reader can meet it, for the pages to word. */
export type Fail = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 422 | 429;
  field: string;
  message: string;
  problem?: ReaderProblem;
  retryAfterSeconds?: number;
};
type Curation = { now: Date; actor: Actor | null };

/** The board shows at most this many topics per status; the newsroom pages through the rest. */
const BOARD_LIMIT = 200;
const ADMIN_PER_PAGE = 50;

const notPatron = (what: string): Fail => ({
  ok: false,
  status: 403,
  field: 'member',
  message: `Only current patrons can ${what}. Become a patron at /support.`,
  problem: { code: 'problem.topics.patronsOnly' },
});
const noTopic = (id: number): Fail => ({ ok: false, status: 404, field: 'id', message: `There is no topic ${id}.` });

/** A topic page: the topic with its tally and the published articles that covered it, or where it went. */
export type TopicPage = { kind: 'topic'; topic: TopicWithTally; articles: LinkedArticle[] } | { kind: 'merged'; intoId: number } | null;

/** What a member proposed and voted for, as plain data for their export. */
export interface TopicExport {
  proposals: { id: number; title: string; description: string; status: TopicStatus; mergedIntoId: number | null; createdAt: string }[];
  votes: { topicId: number; title: string; tierId: number | null; votedAt: string }[];
}

/** Patrons propose and vote; editors curate. Every write names the pages it changes. */
export class TopicService {
  constructor(
    private readonly uow: UnitOfWork<{ topics: TopicStore }>,
    private readonly patrons: PatronCheck,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
  ) {}

  private get store() {
    return this.uow.stores.topics;
  }

  /** The public board: every topic not merged away, by status, most weighted votes first. */
  async listBoard(now: Date): Promise<Record<TopicStatus, TopicWithTally[]>> {
    const lists = await Promise.all(TOPIC_STATUSES.map((status) => this.store.listTopics({ now: now.toISOString(), status, limit: BOARD_LIMIT, offset: 0 })));
    return Object.fromEntries(TOPIC_STATUSES.map((s, i) => [s, lists[i]!])) as Record<TopicStatus, TopicWithTally[]>;
  }

  /** All topics for the API, most weighted votes first. */
  listTopics(now: Date, opts: { status: TopicStatus | null; limit: number }): Promise<TopicWithTally[]> {
    return this.store.listTopics({ now: now.toISOString(), status: opts.status, limit: opts.limit, offset: 0 });
  }

  async listForNewsroom(opts: { status: TopicStatus | null; page: number }, now: Date): Promise<{ items: TopicWithTally[]; hasNext: boolean }> {
    const rows = await this.store.listTopics({
      now: now.toISOString(),
      status: opts.status,
      limit: ADMIN_PER_PAGE + 1,
      offset: (opts.page - 1) * ADMIN_PER_PAGE,
    });
    return { items: rows.slice(0, ADMIN_PER_PAGE), hasNext: rows.length > ADMIN_PER_PAGE };
  }

  findTopic(id: number, now: Date): Promise<TopicWithTally | null> {
    return this.store.findTopicWithTally(id, now.toISOString());
  }

  async showTopic(id: number, now: Date): Promise<TopicPage> {
    const topic = await this.store.findTopicWithTally(id, now.toISOString());
    if (!topic) return null;
    if (topic.mergedIntoId !== null) return { kind: 'merged', intoId: topic.mergedIntoId };
    return { kind: 'topic', topic, articles: await this.store.listLinkedArticles(id, { publishedBy: now.toISOString() }) };
  }

  /** The newsroom's view of a topic: every linked article, whatever its status, and what was merged into it. */
  async findForNewsroom(id: number, now: Date) {
    const topic = await this.store.findTopicWithTally(id, now.toISOString());
    if (!topic) return null;
    const [articles, mergedFrom] = await Promise.all([this.store.listLinkedArticles(id, { publishedBy: null }), this.store.listMergedInto(id)]);
    return { topic, articles, mergedFrom };
  }

  async votedTopicIds(memberId: number): Promise<Set<number>> {
    return new Set(await this.store.listVotedTopicIds(memberId));
  }

  async proposalsLeft(memberId: number, now: Date): Promise<number> {
    const recent = await this.store.listProposalTimesSince(memberId, new Date(now.getTime() - 86_400_000).toISOString());
    return Math.max(0, LIMITS.proposalsPerDay - recent.length);
  }

  /**
   * A patron proposes a topic, which counts as their vote for it. At most `LIMITS.proposalsPerDay` per member in 24 hours: counted and
   * inserted under the member's row lock, so the limit holds with parallel requests and many servers.
   */
  async propose(input: { memberId: number; title: unknown; description: unknown }, now: Date): Promise<{ ok: true; topic: Topic } | Fail> {
    const patron = await this.patrons.patronOf(input.memberId, now);
    if (!patron) return notPatron('propose topics');
    const text = parseTopicText({ title: input.title, description: input.description });
    if (!text.ok) return { ok: false, status: 422, field: text.field, message: text.message, problem: text.problem };
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const result = await this.uow.transaction(async ({ topics }): Promise<{ ok: true; topic: Topic } | { ok: false; retryAt: Date }> => {
      await topics.lockProposer(input.memberId);
      const retryAt = nextProposalAt(await topics.listProposalTimesSince(input.memberId, since), now);
      if (retryAt) return { ok: false, retryAt };
      const topic = await topics.insertTopic({ ...text.value, proposedBy: input.memberId, now: now.toISOString() });
      // Proposing is the first vote for it.
      await topics.insertVote({ topicId: topic.id, memberId: input.memberId, tierId: patron.tierId, now: now.toISOString() });
      return { ok: true, topic };
    });
    if (!result.ok) {
      const retryAfterSeconds = Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 1000));
      const at = result.retryAt.toISOString().slice(0, 16).replace('T', ' ');
      return {
        ok: false,
        status: 429,
        field: 'title',
        retryAfterSeconds,
        message: `You can propose ${LIMITS.proposalsPerDay} topics in 24 hours. You can propose another after ${at} UTC.`,
        problem: { code: 'problem.topics.dailyLimit', values: { count: LIMITS.proposalsPerDay, at: `${at} UTC` } },
      };
    }
    await this.invalidator.invalidate([cacheKeys.topics, cacheKeys.topic(result.topic.id)]);
    return result;
  }

  /**
   * A patron votes, with the tier they support now. Voting twice, even at the same moment, leaves one
   * vote (`counted: false` the second time). The tier comes from this service's own patron check.
   */
  async vote(input: { topicId: number; memberId: number }, now: Date): Promise<{ ok: true; counted: boolean; tally: Tally } | Fail> {
    const patron = await this.patrons.patronOf(input.memberId, now);
    if (!patron) return notPatron('vote');
    const topic = await this.votableTopic(input.topicId);
    if (!topic.ok) return topic;
    const counted = await this.store.insertVote({ topicId: input.topicId, memberId: input.memberId, tierId: patron.tierId, now: now.toISOString() });
    if (counted) await this.invalidator.invalidate([cacheKeys.topics, cacheKeys.topic(input.topicId)]);
    return { ok: true, counted, tally: (await this.store.findTopicWithTally(input.topicId, now.toISOString()))!.tally };
  }

  /** A patron takes their vote back. Withdrawing a vote that is not there changes nothing. */
  async withdrawVote(input: { topicId: number; memberId: number }, now: Date): Promise<{ ok: true; removed: boolean; tally: Tally } | Fail> {
    if (!(await this.patrons.patronOf(input.memberId, now))) return notPatron('withdraw votes');
    const topic = await this.votableTopic(input.topicId);
    if (!topic.ok) return topic;
    const removed = await this.store.deleteVote(input.topicId, input.memberId);
    if (removed) await this.invalidator.invalidate([cacheKeys.topics, cacheKeys.topic(input.topicId)]);
    return { ok: true, removed, tally: (await this.store.findTopicWithTally(input.topicId, now.toISOString()))!.tally };
  }

  private async votableTopic(id: number): Promise<{ ok: true; topic: Topic } | Fail> {
    const topic = await this.store.findTopic(id);
    if (!topic) return noTopic(id);
    if (topic.mergedIntoId !== null)
      return {
        ok: false,
        status: 409,
        field: 'id',
        message: `Topic ${id} was merged into topic ${topic.mergedIntoId}: vote there.`,
        problem: { code: 'problem.topics.merged' },
      };
    if (!acceptsVotes(topic))
      return {
        ok: false,
        status: 409,
        field: 'id',
        message: `Topic ${id} is ${STATUS_LABELS[topic.status].toLowerCase()}: voting on it has closed.`,
        problem: { code: 'problem.topics.closed' },
      };
    return { ok: true, topic };
  }

  /** An editor fixes a topic's title or description (same limits as a proposal). */
  async editTopic(id: number, input: unknown, ctx: Curation): Promise<{ ok: true } | Fail> {
    const topic = await this.store.findTopic(id);
    if (!topic) return noTopic(id);
    const text = parseTopicText(input);
    if (!text.ok) return { ok: false, status: 422, field: text.field, message: text.message };
    await this.store.updateTopicText(id, { ...text.value, now: ctx.now.toISOString() });
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'topic.edit', subject: `topic ${id}`, detail: text.value.title.slice(0, 80) });
    await this.invalidateTopics([id], []);
    return { ok: true };
  }

  /** An editor answers a topic: planned, in progress, covered, or declined with a reason. */
  async setStatus(id: number, input: { status: unknown; reason: unknown }, ctx: Curation): Promise<{ ok: true; topic: Topic } | Fail> {
    const status = z.enum(TOPIC_STATUSES).safeParse(input.status);
    if (!status.success) return { ok: false, status: 422, field: 'status', message: `status must be one of ${TOPIC_STATUSES.join(', ')}` };
    const reason = typeof input.reason === 'string' ? input.reason : '';
    const topic = await this.store.findTopic(id);
    if (!topic) return noTopic(id);
    const changed = changeStatus(topic, status.data, reason, ctx.now);
    if (!changed.ok)
      return {
        ok: false,
        status: changed.reason === 'reason-required' || changed.reason === 'reason-too-long' ? 422 : 409,
        field: changed.reason.startsWith('reason') ? 'reason' : 'status',
        message: changed.message,
      };
    await this.store.updateTopicStatus(id, { status: changed.topic.status, reason: changed.topic.statusReason, now: ctx.now.toISOString() });
    await this.audit.record({
      at: ctx.now,
      actor: ctx.actor,
      action: `topic.${status.data}`,
      subject: `topic ${id}`,
      detail: changed.topic.statusReason.slice(0, 80),
    });
    await this.invalidateTopics([id], []);
    return { ok: true, topic: changed.topic };
  }

  /** Merges a duplicate into another topic: votes (each patron once) and articles move; the duplicate's page redirects. */
  async merge(sourceId: number, targetId: number, ctx: Curation): Promise<{ ok: true; moved: number } | Fail> {
    const [source, target] = await Promise.all([this.store.findTopic(sourceId), this.store.findTopic(targetId)]);
    if (!source) return noTopic(sourceId);
    if (!target) return { ok: false, status: 422, field: 'into', message: `into: there is no topic ${targetId}.` };
    const check = checkMerge(source, target);
    if (!check.ok) return { ok: false, status: 422, field: 'into', message: check.message };
    const { moved } = await this.uow.transaction(({ topics }) => topics.mergeTopic(sourceId, targetId, ctx.now.toISOString()));
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'topic.merge', subject: `topic ${sourceId}`, detail: `into topic ${targetId}` });
    await this.invalidateTopics([sourceId, targetId], []);
    return { ok: true, moved };
  }

  /** Links an article (by slug, any status) to a topic: when the topic is covered, the article says patrons chose it. */
  async linkArticle(id: number, slug: string, ctx: Curation): Promise<{ ok: true; article: LinkedArticle } | Fail> {
    const topic = await this.store.findTopic(id);
    if (!topic) return noTopic(id);
    if (topic.mergedIntoId !== null)
      return { ok: false, status: 409, field: 'slug', message: `Topic ${id} was merged into topic ${topic.mergedIntoId}; link articles there.` };
    const wanted = slug.trim();
    const article = wanted ? await this.store.findArticleBySlug(wanted) : null;
    if (!article)
      return {
        ok: false,
        status: 422,
        field: 'slug',
        message: wanted ? `slug: there is no article "${wanted}".` : 'slug: give the slug of the article that covered this topic.',
      };
    await this.store.linkArticle(id, article.id);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'topic.link', subject: `topic ${id}`, detail: article.slug });
    await this.invalidateTopics([id], []);
    return { ok: true, article };
  }

  async unlinkArticle(id: number, articleId: number, ctx: Curation): Promise<{ ok: true } | Fail> {
    const linked = (await this.store.listLinkedArticles(id, { publishedBy: null })).find((a) => a.id === articleId);
    if (!linked) return { ok: false, status: 404, field: 'article', message: 'That article is not linked to this topic.' };
    await this.store.unlinkArticle(id, articleId);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'topic.unlink', subject: `topic ${id}`, detail: linked.slug });
    await this.invalidateTopics([id], [linked.slug]);
    return { ok: true };
  }

  /** Covered topics an article is linked to, for its "Chosen by our patrons" line. */
  listTopicsCoveredBy(articleId: number): Promise<{ id: number; title: string }[]> {
    return this.store.listCoveredTopicsFor(articleId);
  }

  /** The member's proposals and votes, for their data export. */
  async exportFor(memberId: number): Promise<TopicExport> {
    const [proposals, votes] = await Promise.all([this.store.listProposalsBy(memberId), this.store.listVotesBy(memberId)]);
    return {
      proposals: proposals.map((t) => ({
        id: t.id,
        title: t.title,
        description: t.description,
        status: t.status,
        mergedIntoId: t.mergedIntoId,
        createdAt: t.createdAt,
      })),
      votes,
    };
  }

  /**
   * The one invalidation for curation: the board, each topic's page, and every article linked to
   * them (their "Chosen by our patrons" line shows the topic's title and depends on its status).
   */
  private async invalidateTopics(ids: number[], alsoArticleSlugs: string[]): Promise<void> {
    const keys = new Set<SurrogateKey>([cacheKeys.topics]);
    for (const id of ids) {
      keys.add(cacheKeys.topic(id));
      for (const a of await this.store.listLinkedArticles(id, { publishedBy: null })) keys.add(cacheKeys.article(a.slug));
    }
    for (const slug of alsoArticleSlugs) keys.add(cacheKeys.article(slug));
    await this.invalidator.invalidate([...keys]);
  }
}
