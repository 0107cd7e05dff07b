import { minutesToWait, type ReaderProblem } from '../i18n/reader-problem.js';
import { languagePrefix, readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { excerptText } from '../articles/excerpt.js';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { seeOther, sendHtml } from '../http/responses.js';
import { TopicBoardPage, TopicPage, type FormError, type TopicCardView, type TopicViewer } from '../views/pages/topics/topic-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { HeadMeta } from '../views/view-models.js';
import { acceptsVotes, LIMITS, type TopicStatus, type TopicWithTally } from './topic.js';
import type { Locale } from '../i18n/locale.js';
import type { Translate } from '../i18n/translator.js';
import { registerTopicApiRoutes } from './topic-api-routes.js';
import { gateMember } from './topic-policy.js';
import type { TopicService } from './topic-service.js';

export interface TopicRouteDeps {
  topics: TopicService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /** Per client address, for every vote and proposal (the proposal limit per member is in the service). */
  limiter: RateLimiter;
}

const NO_STORE = 'private, no-store';
const BOARD_EXCERPT = 280;

/** The board's groups; each heading and intro is the catalog's `topics.group.<id>` and `….intro`. */
const GROUPS: { id: 'open' | 'planned' | 'covered' | 'declined'; statuses: TopicStatus[] }[] = [
  { id: 'open', statuses: ['open'] },
  { id: 'planned', statuses: ['in_progress', 'planned'] },
  { id: 'covered', statuses: ['covered'] },
  { id: 'declined', statuses: ['declined'] },
];

export const topicHref = (id: number) => `/topics/${id}`;

/** "12 votes from 9 patrons, 2 of them former patrons", in the page's language with its plural rules. */
function tallyText(tally: TopicWithTally['tally'], t: Translate): string {
  if (tally.voters === 0) return t('topics.tally.none');
  const weighted = tally.weight !== tally.voters;
  const base = weighted ? t('topics.tally.weighted', { votes: tally.weight, patrons: tally.voters }) : t('topics.tally.votes', { votes: tally.voters });
  if (tally.fromFormer === 0) return base;
  return t(weighted ? 'topics.tally.formerWeighted' : 'topics.tally.former', { base, former: tally.fromFormer });
}

/** The card for a topic; `voted` is null when the reader is not a patron (no vote button). Links stay under the page's prefix. */
export function presentTopic(t: TopicWithTally, opts: { voted: Set<number> | null; excerpt: boolean; locale: Locale }): TopicCardView {
  const href = (opts.locale.languages.prefixFor(opts.locale.language) ?? '') + topicHref(t.id);
  return {
    id: t.id,
    href,
    title: t.title,
    description: opts.excerpt ? excerptText(t.description, BOARD_EXCERPT) : t.description,
    status: t.status,
    statusLabel: opts.locale.t(`topics.status.${t.status}`),
    statusReason: t.statusReason,
    tally: { weight: t.tally.weight, text: tallyText(t.tally, opts.locale.t) },
    vote: opts.voted && acceptsVotes(t) ? { voted: opts.voted.has(t.id), action: `${href}/votes`, withdrawAction: `${href}/votes/withdraw` } : null,
  };
}

const formBody = z.object({
  _csrf: z.string().max(200).optional(),
  title: z.string().max(5000, 'title must be at most 120 characters').default(''),
  description: z.string().max(20_000, 'description must be at most 1000 characters').default(''),
  back: z.string().max(200).optional(),
});
const topicId = z.object({ id: z.string().regex(/^[1-9][0-9]{0,8}$/) });

/** The topic board, each topic's page, and the plain HTML forms that work without JavaScript. */
/** What a form was refused for: a catalog problem (worded in the page's language) or a service's English message. */
type Refusal = ReaderProblem | string;

/** The refusal as the page shows it: `lang` set only on English left on a page in another language. */
function shownRefusal(r: Refusal | null | undefined, t: Translate): { text: string; english: boolean } | null {
  if (!r) return null;
  return typeof r === 'string' ? { text: r, english: true } : { text: t(r.code, r.values), english: false };
}

/** A proposal form's refusal, worded for the page, with the field it is about. */
function formError(e: { field: string; refusal: Refusal } | undefined, t: Translate): FormError | null {
  const shown = shownRefusal(e?.refusal, t);
  return e && shown ? { field: e.field, message: shown.text, english: shown.english } : null;
}

export function registerTopicRoutes(deps: TopicRouteDeps) {
  const limited = async (req: FastifyRequest) => {
    const r = await deps.limiter.hit(`topics:${req.ip}`, deps.clock().getTime());
    return r.ok ? null : r.retryAfterSeconds;
  };

  /** `next` is always /topics or /topics/<id>: safe in a query string as it is. */
  const viewerOf = async (req: FastifyRequest, next: string, now: Date): Promise<{ viewer: TopicViewer; voted: Set<number> | null }> => {
    const m = req.member ?? null;
    const p = languagePrefix(req);
    if (!m) return { viewer: { kind: 'anonymous', joinHref: `${p}/support`, signInHref: `${p}/account/sign-in?next=${p}${next}` }, voted: null };
    if (!m.patron) return { viewer: { kind: 'member', joinHref: `${p}/support` }, voted: null };
    const [voted, proposalsLeft] = await Promise.all([deps.topics.votedTopicIds(m.member.id), deps.topics.proposalsLeft(m.member.id, now)]);
    return { viewer: { kind: 'patron', csrf: m.csrf, proposalsLeft }, voted };
  };

  const head = (ctx: PresenterContext, h: { title: string; description: string; path: string }): HeadMeta => ({
    title: h.title,
    description: h.description,
    canonical: ctx.urls.absolute(h.path),
    ogType: 'website',
    image: null,
    jsonLd: [],
  });

  /** The board, for GET (cacheable for anonymous readers) and to answer a form with its error. */
  const sendBoard = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      status?: number;
      error?: Refusal | null;
      proposal?: { values: { title: string; description: string }; error: { field: string; refusal: Refusal } };
    } = {},
  ) => {
    const now = deps.clock();
    const [ctx, board, who] = await Promise.all([deps.pageContext(now, readerLanguage(req)), deps.topics.listBoard(now), viewerOf(req, '/topics', now)]);
    const t = ctx.locale.t;
    const html = renderDocument(
      TopicBoardPage({
        chrome: presentChrome(ctx),
        head: head(ctx, {
          title: t('topics.title'),
          description: t('topics.description', { outlet: ctx.site.name }),
          path: '/topics',
        }),
        viewer: who.viewer,
        groups: GROUPS.map((g) => ({
          id: g.id,
          heading: t(`topics.group.${g.id}`),
          intro: t(`topics.group.${g.id}.intro`),
          topics: g.statuses.flatMap((s) => board[s]).map((topic) => presentTopic(topic, { voted: who.voted, excerpt: true, locale: ctx.locale })),
        })),
        proposal: { values: extra.proposal?.values ?? { title: '', description: '' }, error: formError(extra.proposal?.error, t) },
        error: shownRefusal(extra.error, ctx.locale.t),
        limits: { titleMin: LIMITS.titleMin, titleMax: LIMITS.titleMax, description: LIMITS.description, proposalsPerDay: LIMITS.proposalsPerDay },
      }),
    );
    if (extra.status) return sendHtml(reply, html, { status: extra.status, cacheControl: NO_STORE });
    return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.topics] });
  };

  const sendTopic = async (req: FastifyRequest, reply: FastifyReply, id: number, extra: { status?: number; error?: Refusal } = {}) => {
    const now = deps.clock();
    const found = await deps.topics.showTopic(id, now);
    if (!found) throw notFound('topic');
    // Merges are permanent: the duplicate's address now means the topic it joined.
    if (found.kind === 'merged')
      return reply
        .code(extra.status ? 303 : 301)
        .header('location', languagePrefix(req) + topicHref(found.intoId))
        .header('cache-control', extra.status ? 'no-store' : 'public, max-age=300')
        .send();
    const [ctx, who] = await Promise.all([deps.pageContext(now, readerLanguage(req)), viewerOf(req, topicHref(id), now)]);
    const { topic } = found;
    const html = renderDocument(
      TopicPage({
        chrome: presentChrome(ctx),
        head: head(ctx, {
          title: topic.title,
          description: excerptText(topic.description, 200) || ctx.locale.t('topics.topicDescription', { outlet: ctx.site.name }),
          path: topicHref(id),
        }),
        viewer: who.viewer,
        topic: presentTopic(topic, { voted: who.voted, excerpt: false, locale: ctx.locale }),
        articles: found.articles.map((a) => ({ href: ctx.urls.article(a.slug), text: a.headline })),
        error: shownRefusal(extra.error, ctx.locale.t),
      }),
    );
    if (extra.status) return sendHtml(reply, html, { status: extra.status, cacheControl: NO_STORE });
    return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.topics, cacheKeys.topic(id), ...found.articles.map((a) => cacheKeys.article(a.slug))] });
  };

  /** Where a vote form goes back to: the topic's page if it came from there, else its place on the board. */
  const backTo = (req: FastifyRequest, id: number, back: string | undefined) => {
    const p = languagePrefix(req);
    return back === p + topicHref(id) ? back : `${p}/topics#topic-${id}`;
  };
  const tooMany = (seconds: number): ReaderProblem => ({ code: 'problem.rateLimited', values: { minutes: minutesToWait(seconds) } });

  return (app: FastifyInstance) => {
    app.get('/topics', async function showTopicBoard(req, reply) {
      return sendBoard(req, reply);
    });

    app.get('/topics/:id', async function showTopicPage(req, reply) {
      const params = topicId.safeParse(req.params);
      if (!params.success) throw notFound('topic');
      return sendTopic(req, reply, Number(params.data.id));
    });

    app.post('/topics', { bodyLimit: 32 * 1024 }, async function submitTopicProposal(req, reply) {
      const wait = await limited(req);
      if (wait) return sendBoard(req, reply.header('retry-after', String(wait)), { status: 429, error: tooMany(wait) });
      const body = formBody.parse(req.body ?? {});
      const values = { title: body.title, description: body.description };
      const gate = gateMember(req.member ?? null, body._csrf, 'propose topics');
      if (!gate.ok) return sendBoard(req, reply, { status: gate.status, error: gate.problem });
      const result = await deps.topics.propose({ memberId: gate.memberId, title: body.title, description: body.description }, deps.clock());
      if (!result.ok) {
        if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
        const refusal = result.problem ?? result.message.replace(/^(\w)/, (c) => c.toUpperCase());
        return sendBoard(req, reply, {
          status: result.status === 429 || result.status === 403 ? result.status : 422,
          proposal: { values, error: { field: result.field, refusal } },
        });
      }
      return seeOther(reply, languagePrefix(req) + topicHref(result.topic.id));
    });

    const voteForm = (withdraw: boolean) =>
      async function submitVoteForm(req: FastifyRequest, reply: FastifyReply) {
        const params = topicId.safeParse(req.params);
        if (!params.success) throw notFound('topic');
        const id = Number(params.data.id);
        const wait = await limited(req);
        if (wait) return sendTopic(req, reply.header('retry-after', String(wait)), id, { status: 429, error: tooMany(wait) });
        const body = formBody.parse(req.body ?? {});
        const gate = gateMember(req.member ?? null, body._csrf, withdraw ? 'withdraw votes' : 'vote');
        if (!gate.ok) return sendTopic(req, reply, id, { status: gate.status, error: gate.problem });
        const input = { topicId: id, memberId: gate.memberId };
        const result = withdraw ? await deps.topics.withdrawVote(input, deps.clock()) : await deps.topics.vote(input, deps.clock());
        if (!result.ok) {
          if (result.status === 404) throw notFound('topic');
          return sendTopic(req, reply, id, { status: result.status, error: result.problem ?? result.message });
        }
        return seeOther(reply, backTo(req, id, body.back));
      };
    app.post('/topics/:id/votes', { bodyLimit: 8 * 1024 }, voteForm(false));
    app.post('/topics/:id/votes/withdraw', { bodyLimit: 8 * 1024 }, voteForm(true));

    registerTopicApiRoutes({ topics: deps.topics, clock: deps.clock, limited })(app);
  };
}
