import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import { sendText } from '../http/responses.js';
import { TOPIC_STATUSES, type Tally, type TopicWithTally } from './topic.js';
import { gateMember } from './topic-policy.js';
import type { Fail, TopicService } from './topic-service.js';

const NO_STORE = 'private, no-store';

const listQuery = z.object({
  status: z.enum(TOPIC_STATUSES, { error: `status must be one of ${TOPIC_STATUSES.join(', ')}` }).optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be 1 or more')
    .max(200, 'limit must be at most 200')
    .default(100),
});
const idParams = z.object({
  id: z.coerce
    .number({ error: 'must be a topic number' })
    .int('must be a topic number')
    .positive('must be a topic number')
    .max(2_147_483_647, 'must be a topic number'),
});

const presentTally = (t: Tally) => ({ weight: t.weight, voters: t.voters, from_former_patrons: t.fromFormer });

/** The fields the API emits for a topic, and no others. */
const presentTopic = (t: TopicWithTally) => ({
  id: t.id,
  title: t.title,
  description: t.description,
  status: t.status,
  status_reason: t.statusReason,
  votes: presentTally(t.tally),
  url: `/topics/${t.id}`,
  created_at: t.createdAt,
});

/**
 * The topics API: the board as JSON, and proposals and votes for signed-in patrons. Members send
 * their session cookie and the form token in `x-csrf-token`. 401: not signed in; 403: bad token or
 * not a patron now; 4xx with `error` and `field` for bad input.
 */
export function registerTopicApiRoutes(deps: { topics: TopicService; clock: () => Date; limited: (req: FastifyRequest) => Promise<number | null> }) {
  const fail = (reply: FastifyReply, f: { status: Fail['status'] | 401; message: string; field?: string; retryAfterSeconds?: number | undefined }) => {
    if (f.retryAfterSeconds) reply.header('retry-after', String(f.retryAfterSeconds));
    return reply
      .code(f.status)
      .header('cache-control', NO_STORE)
      .send({ error: f.message, ...(f.field ? { field: f.field } : {}) });
  };

  /** rate limit -> authenticate -> token -> patron: the checklist before any member write. */
  const guard = async (req: FastifyRequest, reply: FastifyReply, action: string): Promise<number | null> => {
    const wait = await deps.limited(req);
    if (wait) {
      void fail(reply, { status: 429, message: `Too many requests. Please try again in ${Math.ceil(wait / 60)} minute(s).`, retryAfterSeconds: wait });
      return null;
    }
    const gate = gateMember(req.member ?? null, req.headers['x-csrf-token'], action);
    if (!gate.ok) {
      void fail(reply, { status: gate.status, message: gate.message });
      return null;
    }
    return gate.memberId;
  };

  return (app: FastifyInstance) => {
    app.get('/api/v1/topics', async function listTopicsApi(req, reply) {
      const q = listQuery.parse(req.query);
      const topics = await deps.topics.listTopics(deps.clock(), { status: q.status ?? null, limit: q.limit });
      return sendText(reply, JSON.stringify({ topics: topics.map(presentTopic) }), 'application/json; charset=utf-8', { keys: [cacheKeys.topics] });
    });

    app.post('/api/v1/topics', { bodyLimit: 32 * 1024 }, async function proposeTopicApi(req, reply) {
      const memberId = await guard(req, reply, 'propose topics');
      if (memberId === null) return reply;
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body))
        return fail(reply, { status: 400, field: 'body', message: 'send a JSON object: {"title": "...", "description": "..."}' });
      const result = await deps.topics.propose({ memberId, title: body.title, description: body.description }, deps.clock());
      if (!result.ok) return fail(reply, result);
      const created = await deps.topics.findTopic(result.topic.id, deps.clock());
      return reply
        .code(201)
        .header('location', `/topics/${result.topic.id}`)
        .header('cache-control', NO_STORE)
        .send({ topic: presentTopic(created!) });
    });

    const voteApi = (withdraw: boolean) =>
      async function changeVoteApi(req: FastifyRequest, reply: FastifyReply) {
        const memberId = await guard(req, reply, withdraw ? 'withdraw votes' : 'vote');
        if (memberId === null) return reply;
        const { id } = idParams.parse(req.params);
        const now = deps.clock();
        if (withdraw) {
          const result = await deps.topics.withdrawVote({ topicId: id, memberId }, now);
          if (!result.ok) return fail(reply, result);
          return reply.header('cache-control', NO_STORE).send({ voted: false, removed: result.removed, votes: presentTally(result.tally) });
        }
        const result = await deps.topics.vote({ topicId: id, memberId }, now);
        if (!result.ok) return fail(reply, result);
        return reply
          .code(result.counted ? 201 : 200)
          .header('cache-control', NO_STORE)
          .send({ voted: true, counted: result.counted, votes: presentTally(result.tally) });
      };
    app.post('/api/v1/topics/:id/votes', { bodyLimit: 8 * 1024 }, voteApi(false));
    app.delete('/api/v1/topics/:id/votes', voteApi(true));
  };
}
