import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import type { AdminHelpers, Moments } from '../admin/admin-routes.js';
import { utcToZonedLocal } from '../site/time-zone.js';
import { notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import { PartnersPage } from '../views/pages/admin/partner-admin-pages.js';
import { GrantKeyPage, NewGrantPage, type GrantFormView, type GrantRowView } from '../views/pages/admin/partner-grant-pages.js';
import { PartnerRequestPage, type RequestDetailView } from '../views/pages/admin/partner-request-pages.js';
import { renderDocument } from '../views/render.js';
import { grantState, SCOPE_KINDS, type GrantScope, type GrantSummary, type RepublishRequest } from './partner.js';
import type { GrantInput, PartnerService } from './partner-service.js';
import { idParams } from '../http/url-ids.js';
import type { MomentView } from '../views/format.js';

export interface PartnerAdminDeps {
  partners: PartnerService;
  /** The sections a grant may be limited to (ArticleService fits). */
  articles: { listAllSections(): Promise<{ slug: string; name: string }[]> };
  clock: () => Date;
}

const grantBody = z.object({
  partnerName: z.string().max(5000).default(''),
  scope: z.enum(SCOPE_KINDS, { error: () => adminText('admin.partners.scope.invalid', { kinds: SCOPE_KINDS.join(', ') }) }).default('all'),
  section: z.string().max(500).default(''),
  articles: z.string().max(100_000).default(''),
  fullText: z.string().max(10).optional(),
  expiresAt: z.string().max(100).default(''),
  notes: z.string().max(10_000).default(''),
});
type GrantBody = z.infer<typeof grantBody>;

/** A grant's last day where the outlet is (the stored instant is that day's last millisecond there). */
const expires = (iso: string | null, tz: string) =>
  iso ? adminText('admin.partners.grants.until', { day: utcToZonedLocal(iso, tz).slice(0, 10) }) : adminText('admin.partners.grants.noEnd');

/** What a grant covers, as the newsroom reads it ("2 articles: a, b"). */
function scopeText(scope: GrantScope): string {
  switch (scope.kind) {
    case 'all':
      return adminText('admin.partners.scope.all');
    case 'section':
      return adminText('admin.partners.scope.section', { section: scope.section });
    case 'articles':
      return adminText('admin.partners.scope.articles', { count: scope.slugs.length, slugs: scope.slugs.join(', ') });
  }
}

const scopeOf = (b: GrantBody): GrantScope =>
  b.scope === 'section'
    ? { kind: 'section', section: b.section }
    : b.scope === 'articles'
      ? { kind: 'articles', slugs: b.articles.split(/[\s,]+/).filter(Boolean) }
      : { kind: 'all' };

const toGrantRow = (g: GrantSummary, now: Date, moment: Moments): GrantRowView => {
  const state = grantState(g, now);
  return {
    id: g.id,
    partnerName: g.partnerName,
    scope: scopeText(g.scope),
    fullText: g.fullText,
    expires: expires(g.expiresAt, moment.timeZone),
    state,
    keyPrefixes: g.keyPrefixes,
    fetches: g.fullTextFetches,
    views: g.views,
    requestHref: g.requestId ? `/admin/partners/requests/${g.requestId}` : null,
    revokeAction: state === 'revoked' ? null : `/admin/partners/grants/${g.id}/revoke`,
    notes: g.notes,
    granted: moment(g.createdAt),
  };
};

const toRequestDetail = (r: RepublishRequest, moment: (iso: string) => MomentView): RequestDetailView => ({
  id: r.id,
  organisation: r.organisation,
  contactName: r.contactName,
  contactEmail: r.contactEmail,
  website: r.website,
  articles: r.articles,
  purpose: r.purpose,
  wantsFullText: r.wantsFullText,
  status: r.status,
  received: moment(r.createdAt),
  decided: r.decidedAt ? moment(r.decidedAt) : null,
  decidedBy: r.decidedBy,
  decisionNote: r.decisionNote,
});

/** Notices after a redirect, by name: the query string never carries text to show. */
const NOTICES: Record<string, () => string> = {
  refused: () => adminText('admin.partners.notice.refused'),
  revoked: () => adminText('admin.partners.notice.revoked'),
};

/** Reprint partners in /admin: requests, grants, keys shown once, revocation. Editors and above. */
export function registerPartnerAdminRoutes(deps: PartnerAdminDeps) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const formFor = async (action: string, values: Partial<Omit<GrantFormView, 'action' | 'sections'>>): Promise<GrantFormView> => ({
      action,
      partnerName: '',
      scopeKind: 'all',
      section: '',
      articles: '',
      fullText: false,
      expiresOn: '',
      notes: '',
      error: null,
      ...values,
      sections: (await deps.articles.listAllSections()).map((s) => ({ slug: s.slug, name: s.name })),
    });
    const formValues = (b: GrantBody) => ({
      partnerName: b.partnerName,
      scopeKind: b.scope,
      section: b.section,
      articles: b.articles,
      fullText: b.fullText === 'yes',
      expiresOn: b.expiresAt,
      notes: b.notes,
    });
    const grantInput = (b: GrantBody, requestId?: number): GrantInput => ({
      ...(requestId ? { requestId } : {}),
      partnerName: b.partnerName,
      scope: scopeOf(b),
      fullText: b.fullText === 'yes',
      expiresAt: b.expiresAt.trim() || null,
      notes: b.notes,
    });

    const showKey = async (req: FastifyRequest, reply: FastifyReply, grantId: number, key: string) => {
      const grant = await deps.partners.findGrant(grantId);
      if (!grant) throw notFound('grant');
      const view = {
        id: grant.id,
        partnerName: grant.partnerName,
        scope: scopeText(grant.scope),
        fullText: grant.fullText,
        expires: expires(grant.expiresAt, (await h.moments()).timeZone),
      };
      return h.sendPage(reply, renderDocument(GrantKeyPage({ chrome: await h.chrome(req, reply), grant: view, key })));
    };

    const requestPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: number,
      extra: { form?: GrantFormView; refuseNote?: string; refuseError?: string; error?: string; status?: number } = {},
    ) => {
      const request = await deps.partners.findRequest(id);
      if (!request) throw notFound('request');
      const form =
        extra.form ?? (await formFor(`/admin/partners/requests/${id}/grant`, { partnerName: request.organisation, fullText: request.wantsFullText }));
      const refuse = { action: `/admin/partners/requests/${id}/refuse`, note: extra.refuseNote ?? '', error: extra.refuseError ?? null };
      const chrome = await h.chrome(req, reply, { error: extra.error ?? null });
      return h.sendPage(
        reply,
        renderDocument(PartnerRequestPage({ chrome, request: toRequestDetail(request, await h.moments()), form, refuse })),
        extra.status ?? 200,
      );
    };

    admin.get('/partners', { config: { can: 'syndication.manage' } }, async function showPartnersPage(req, reply) {
      const { done } = z.object({ done: z.string().max(20).optional() }).parse(req.query);
      const now = deps.clock();
      const [requests, grants, views] = await Promise.all([deps.partners.listRequests(null), deps.partners.listGrants(), deps.partners.listRepublishViews()]);
      const chrome = await h.chrome(req, reply, { notice: (done && NOTICES[done]?.()) ?? null });
      const moment = await h.moments();
      return h.sendPage(
        reply,
        renderDocument(
          PartnersPage({
            chrome,
            requests: requests.map((r) => ({
              id: r.id,
              href: `/admin/partners/requests/${r.id}`,
              organisation: r.organisation,
              contact: `${r.contactName} <${r.contactEmail}>`,
              wantsFullText: r.wantsFullText,
              status: r.status,
              received: moment(r.createdAt),
            })),
            grants: grants.map((g) => toGrantRow(g, now, moment)),
            views: views.map((v) => ({
              articleHeadline: v.articleHeadline,
              articleHref: `/articles/${v.articleSlug}`,
              referrerHost: v.referrerHost,
              views: v.views,
              lastDay: v.lastDay,
            })),
          }),
        ),
      );
    });

    admin.get('/partners/requests/:id', { config: { can: 'syndication.manage' } }, async function showPartnerRequest(req, reply) {
      return requestPage(req, reply, idParams.parse(req.params).id);
    });

    admin.post('/partners/requests/:id/grant', { config: { can: 'syndication.manage' } }, async function submitRequestGrant(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = grantBody.parse(req.body ?? {});
      const result = await deps.partners.grant(grantInput(body, id), actor, deps.clock());
      // Decided meanwhile (or twice): the forms are gone, so the page says it at the top.
      if (!result.ok && result.field === 'requestId') return requestPage(req, reply, id, { error: result.message, status: 409 });
      if (!result.ok) {
        const form = await formFor(`/admin/partners/requests/${id}/grant`, { ...formValues(body), error: { field: result.field, message: result.message } });
        return requestPage(req, reply, id, { form, status: 422 });
      }
      return showKey(req, reply, result.grantId, result.key);
    });

    admin.post('/partners/requests/:id/refuse', { config: { can: 'syndication.manage' } }, async function submitRequestRefusal(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const { note } = z.object({ note: z.string().max(10_000).default('') }).parse(req.body ?? {});
      const result = await deps.partners.refuse(id, note, actor, deps.clock());
      if (!result.ok && result.field === 'requestId') return requestPage(req, reply, id, { error: result.message, status: 409 });
      if (!result.ok) return requestPage(req, reply, id, { refuseNote: note, refuseError: result.message, status: 422 });
      return redirect(reply, '/admin/partners?done=refused');
    });

    admin.get('/partners/grants/new', { config: { can: 'syndication.manage' } }, async function showNewGrant(req, reply) {
      return h.sendPage(reply, renderDocument(NewGrantPage({ chrome: await h.chrome(req, reply), form: await formFor('/admin/partners/grants', {}) })));
    });

    admin.post('/partners/grants', { config: { can: 'syndication.manage' } }, async function submitNewGrant(req, reply) {
      const actor = actorFrom(req);
      const body = grantBody.parse(req.body ?? {});
      const result = await deps.partners.grant(grantInput(body), actor, deps.clock());
      if (!result.ok) {
        const form = await formFor('/admin/partners/grants', { ...formValues(body), error: { field: result.field, message: result.message } });
        return h.sendPage(reply, renderDocument(NewGrantPage({ chrome: await h.chrome(req, reply), form })), 422);
      }
      return showKey(req, reply, result.grantId, result.key);
    });

    admin.post('/partners/grants/:id/revoke', { config: { can: 'syndication.manage' } }, async function submitGrantRevocation(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const result = await deps.partners.revoke(id, actor, deps.clock());
      if (!result.ok && result.reason === 'not-found') throw notFound('grant');
      // Revoking twice is what the editor wanted anyway: say it is revoked.
      return redirect(reply, '/admin/partners?done=revoked');
    });
  };
}
