import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import { HttpError } from '../http/errors.js';
import { idParams, idSchema } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';
import type { ArticleDrafting } from './article-drafting.js';

const lookup = z.object({ q: z.string().trim().max(200, 'q must be at most 200 characters').default('') });
const relatedLookup = lookup.extend({ exclude: z.union([idSchema('exclude'), z.literal('')]).default('') });

const autosaveBody = z.object({
  revision: z.coerce.number({ error: 'revision must be a number' }).int().min(0).max(1e9),
  headline: z.string().max(1000, 'headline is too long').default(''),
  standfirst: z.string().max(5000, 'standfirst is too long').default(''),
  body_html: z.string().max(400_000, 'body is too long').default(''),
  body_json: z.string().max(1_000_000, 'body is too long').default(''),
});

const json = { 'cache-control': 'private, no-store' };

/**
 * The writing page's helpers under /admin: JSON lookups for its pickers (tags, bylines, related
 * stories) and autosave. Each lookup answers at most a handful of names; none of them writes.
 */
export function registerArticleEditorRoutes(admin: FastifyInstance, deps: { drafting: ArticleDrafting; clock: () => Date }) {
  admin.get('/editor/tags', { config: { can: 'article.create' } }, async function listTagSuggestions(req, reply) {
    const { q } = lookup.parse(req.query);
    const tags = q ? await deps.drafting.searchTagNames(q) : [];
    return reply.headers(json).send({ tags });
  });

  admin.get('/editor/authors', { config: { can: 'article.create' } }, async function listBylineSuggestions(req, reply) {
    const { q } = lookup.parse(req.query);
    return reply.headers(json).send({ authors: await deps.drafting.searchAuthorProfiles(q) });
  });

  admin.get('/editor/related', { config: { can: 'article.create' } }, async function listRelatedSuggestions(req, reply) {
    const { q, exclude } = relatedLookup.parse(req.query);
    const stories = q ? await deps.drafting.searchHeadlines(q, exclude === '' ? null : exclude) : [];
    return reply.headers(json).send({ stories: stories.map((s) => ({ slug: s.slug, headline: s.headline, section: s.section, publishedAt: s.publishedAt })) });
  });

  admin.post('/articles/:id/autosave', { config: { can: 'article.edit' } }, async function submitAutosave(req, reply) {
    const { id } = idParams.parse(req.params);
    const parsed = autosaveBody.safeParse(req.body);
    if (!parsed.success)
      return reply
        .code(400)
        .headers(json)
        .send({ error: parsed.error.issues[0]?.message ?? adminText('admin.editor.problem.autosave') });
    const b = parsed.data;
    const result = await deps.drafting.autosave(
      actorFrom(req),
      id,
      { basedOn: b.revision, headline: b.headline, standfirst: b.standfirst, bodyHtml: b.body_html, bodyJson: b.body_json },
      deps.clock(),
    );
    if (!result.ok) throw new HttpError(result.status, result.message);
    return reply
      .headers(json)
      .send({ autosave: result.autosave.id, savedAt: result.autosave.createdAt, stale: result.stale, revision: result.currentRevision });
  });

  admin.post('/articles/:id/autosaves/:autosave/restore', { config: { can: 'article.edit' } }, async function submitRestoreAutosave(req, reply) {
    const { id, autosave } = z.object({ id: idSchema(), autosave: idSchema('autosave') }).parse(req.params);
    const result = await deps.drafting.restoreAutosave(actorFrom(req), id, autosave, deps.clock());
    if (!result.ok) throw new HttpError(result.status, result.message);
    return redirect(reply, `/admin/articles/${id}?saved=restored`);
  });
}
