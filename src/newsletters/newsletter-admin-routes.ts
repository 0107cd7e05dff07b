import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers, Moments } from '../admin/admin-routes.js';
import { notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import { idParams } from '../http/url-ids.js';
import { zonedLocalToUtc } from '../site/time-zone.js';
import type { Urls } from '../site/urls.js';
import { NewsletterAdminPage, NewslettersAdminPage, type NewsletterFormView, type SendProgressView } from '../views/pages/admin/newsletter-admin-pages.js';
import { renderDocument } from '../views/render.js';
import type { Issue, IssueStatus, Newsletter, SubscriberStatus } from './newsletter.js';
import type { NewsletterSender } from './newsletter-sender.js';
import type { NewsletterService } from './newsletter-service.js';

export interface NewsletterAdminDeps {
  newsletters: NewsletterService;
  sender: NewsletterSender;
  urls: Urls;
  clock: () => Date;
}

const str = (max: number) => z.string().max(max).default('');
const newsletterBody = z.object({ slug: str(200), name: str(500), description: str(2000), senderName: str(500), senderEmail: str(400), audience: str(20) });
const sendBody = z.object({
  articles: str(3000),
  subject: str(500),
  intro: str(6000),
  sendAt: str(40),
  intent: z.enum(['send', 'test', 'preview']).default('send'),
});
const AUDIENCE_TEXT = {
  anyone: () => adminText('admin.newsletters.audience.anyone'),
  members: () => adminText('admin.newsletters.audience.members'),
  patrons: () => adminText('admin.newsletters.audience.patrons'),
} as const;
const ISSUE_STATUS_TEXT: Record<IssueStatus, () => string> = {
  scheduled: () => adminText('admin.newsletters.sends.state.scheduled'),
  sending: () => adminText('admin.newsletters.sends.state.sending'),
  sent: () => adminText('admin.newsletters.sends.state.sent'),
  cancelled: () => adminText('admin.newsletters.sends.state.cancelled'),
};
const SUBSCRIBER_STATUS_TEXT: Record<SubscriberStatus, () => string> = {
  pending: () => adminText('admin.newsletters.subscribers.state.pending'),
  confirmed: () => adminText('admin.newsletters.subscribers.state.confirmed'),
  unsubscribed: () => adminText('admin.newsletters.subscribers.state.unsubscribed'),
  bouncing: () => adminText('admin.newsletters.subscribers.state.bouncing'),
};
const blank: NewsletterFormView = {
  id: null,
  values: { slug: '', name: '', description: '', senderName: '', senderEmail: '', audience: 'anyone' },
  error: null,
};
const formOf = (n: Newsletter): NewsletterFormView => ({
  id: n.id,
  values: { slug: n.slug, name: n.name, description: n.description, senderName: n.senderName, senderEmail: n.senderEmail, audience: n.audience },
  error: null,
});

/**
 * The preview is the mail itself, whose styles are inline attributes (what mail clients need): it is
 * served sandboxed with its own policy, so it runs nothing and cannot reach the admin's session.
 */
const PREVIEW_CSP = "sandbox; default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'";

/** /admin/newsletters: lists, subscribers, sends with progress, preview and test sends. */
export function registerNewsletterAdminRoutes(deps: NewsletterAdminDeps) {
  const countedOf = async (i: Issue) => {
    const links = await deps.newsletters.listLinks(i.id);
    return { opens: i.opens, clicks: links.reduce((n, l) => n + l.clicks, 0), links: links.map((l) => ({ url: l.url, clicks: l.clicks })) };
  };
  const progressOf = async (issues: Issue[], names: Map<number, Newsletter>, moment: Moments): Promise<SendProgressView[]> =>
    Promise.all(
      issues.map(async (i) => {
        const n = names.get(i.newsletterId)!;
        return {
          id: i.id,
          newsletter: n.name,
          subject: i.subject,
          status: ISSUE_STATUS_TEXT[i.status](),
          scheduledFor: i.status === 'scheduled' ? moment(i.sendAt) : null,
          when: moment(i.startedAt ?? i.createdAt),
          counts: await deps.newsletters.countDeliveries(i.id),
          counted: i.counting ? await countedOf(i) : null,
          previewHref: `/admin/newsletters/issues/${i.id}/preview`,
          webHref: n.audience !== 'patrons' && i.status !== 'scheduled' && i.status !== 'cancelled' ? `/newsletters/${n.slug}/${i.number}` : null,
          cancelAction: i.status === 'scheduled' ? `/admin/newsletters/issues/${i.id}/cancel` : null,
        };
      }),
    );

  return (admin: FastifyInstance, h: AdminHelpers) => {
    const listPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      form: NewsletterFormView,
      extra: { notice?: string; error?: string; status?: number } = {},
    ) => {
      const all = await deps.newsletters.listNewsletters();
      const names = new Map(all.map((n) => [n.id, n]));
      const rows = await Promise.all(
        all.map(async (n) => ({
          id: n.id,
          name: n.name,
          slug: n.slug,
          audience: AUDIENCE_TEXT[n.audience](),
          ...(await deps.newsletters.countSubscribers(n.id)),
        })),
      );
      const issues = (await Promise.all(all.map((n) => deps.newsletters.listIssues(n.id, { sentOnly: false, limit: 10 }))))
        .flat()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 20);
      const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null, error: extra.error ?? null });
      return h.sendPage(
        reply,
        renderDocument(NewslettersAdminPage({ chrome, newsletters: rows, sends: await progressOf(issues, names, await h.moments()), form })),
        extra.status ?? 200,
      );
    };

    const detailPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      n: Newsletter,
      extra: { form?: NewsletterFormView; send?: z.infer<typeof sendBody>; sendError?: string; notice?: string; status?: number } = {},
    ) => {
      const q = z
        .object({
          q: z.string().max(200).default(''),
          status: z.enum(['', 'pending', 'confirmed', 'unsubscribed', 'bouncing']).default(''),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
        })
        .safeParse(req.query);
      const { q: query, status, page } = q.success ? q.data : { q: '', status: '' as const, page: 1 };
      const perPage = 50;
      const [subs, counts, issues] = await Promise.all([
        deps.newsletters.listSubscribers({ newsletterId: n.id, query, status: (status || null) as SubscriberStatus | null, page, perPage }),
        deps.newsletters.countSubscribers(n.id),
        deps.newsletters.listIssues(n.id, { sentOnly: false, limit: 30 }),
      ]);
      const link = (p: number) =>
        `/admin/newsletters/${n.id}?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(status ? { status } : {}), page: String(p) })}`;
      const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null, error: null });
      const moment = await h.moments();
      const s = extra.send;
      return h.sendPage(
        reply,
        renderDocument(
          NewsletterAdminPage({
            chrome,
            form: extra.form ?? formOf(n),
            counts,
            query,
            status,
            subscribers: subs
              .slice(0, perPage)
              .map((x) => ({ email: x.email, name: x.name, status: SUBSCRIBER_STATUS_TEXT[x.status](), since: moment(x.subscribedAt), bounces: x.bounces })),
            pages: { prev: page > 1 ? link(page - 1) : null, next: subs.length > perPage ? link(page + 1) : null },
            sends: await progressOf(issues, new Map([[n.id, n]]), moment),
            timeZone: moment.timeZone,
            send: { articles: s?.articles ?? '', subject: s?.subject ?? '', intro: s?.intro ?? '', sendAt: s?.sendAt ?? '', error: extra.sendError ?? null },
          }),
        ),
        extra.status ?? 200,
      );
    };

    const newsletterOf = async (params: unknown) => {
      const { id } = idParams.parse(params);
      const n = await deps.newsletters.findNewsletterById(id);
      if (!n) throw notFound('newsletter');
      return n;
    };

    void admin.register(async (scope) => {
      scope.get('/newsletters', { config: { can: 'newsletters.manage' } }, async function showNewslettersAdmin(req, reply) {
        const { done } = z.object({ done: z.enum(['added']).optional() }).parse(req.query);
        return listPage(req, reply, blank, done ? { notice: adminText('admin.newsletters.notice.added') } : {});
      });

      scope.post('/newsletters', { config: { can: 'newsletters.manage' } }, async function submitNewNewsletter(req, reply) {
        const body = newsletterBody.parse(req.body);
        const result = await deps.newsletters.saveNewsletter(null, body, deps.clock());
        if (!result.ok)
          return listPage(
            req,
            reply,
            { ...blank, values: body, error: { field: result.field, message: result.message } },
            { error: result.message, status: result.status === 409 ? 409 : 422 },
          );
        return redirect(reply, `/admin/newsletters/${result.newsletter.id}`);
      });

      scope.get('/newsletters/:id', { config: { can: 'newsletters.manage' } }, async function showNewsletterAdmin(req, reply) {
        const n = await newsletterOf(req.params);
        const { done } = z.object({ done: z.enum(['saved', 'sending', 'scheduled', 'tested', 'cancelled']).optional() }).safeParse(req.query).data ?? {};
        const notices = {
          saved: () => adminText('admin.newsletters.notice.saved'),
          sending: () => adminText('admin.newsletters.notice.sending'),
          scheduled: () => adminText('admin.newsletters.notice.scheduled'),
          tested: () => adminText('admin.newsletters.notice.tested'),
          cancelled: () => adminText('admin.newsletters.notice.cancelled'),
        };
        return detailPage(req, reply, n, done ? { notice: notices[done]() } : {});
      });

      scope.post('/newsletters/:id', { config: { can: 'newsletters.manage' } }, async function submitNewsletter(req, reply) {
        const n = await newsletterOf(req.params);
        const body = newsletterBody.parse(req.body);
        const result = await deps.newsletters.saveNewsletter(n.id, body, deps.clock());
        if (!result.ok)
          return detailPage(req, reply, n, {
            form: { id: n.id, values: body, error: { field: result.field, message: result.message } },
            status: result.status === 409 ? 409 : 422,
          });
        return redirect(reply, `/admin/newsletters/${n.id}?done=saved`);
      });

      scope.post('/newsletters/:id/issues', { config: { can: 'newsletters.manage' } }, async function submitIssue(req, reply) {
        const n = await newsletterOf(req.params);
        const body = sendBody.parse(req.body);
        const now = deps.clock();
        let sendAt: Date | null = null;
        if (body.sendAt.trim()) {
          // A datetime-local value is a clock on the wall in the outlet's zone; an explicit offset is taken as given.
          const given = body.sendAt.trim();
          const t = /[zZ]|[+-]\d\d:\d\d$/.test(given)
            ? new Date(given)
            : new Date(zonedLocalToUtc(given.replace(/^(\S{16}):00(\.0+)?$/, '$1'), (await h.moments()).timeZone) ?? Number.NaN);
          if (Number.isNaN(t.getTime())) return detailPage(req, reply, n, { send: body, sendError: adminText('admin.newsletters.error.sendAt'), status: 422 });
          sendAt = t;
        }
        const slugs = body.articles.split(/[\s,]+/).filter(Boolean);
        const staff = staffOf(req).user;
        if (body.intent !== 'send') {
          const draft = await deps.newsletters.draftIssue({ newsletterId: n.id, articleSlugs: slugs, subject: body.subject, intro: body.intro }, now);
          if (!draft.ok) return detailPage(req, reply, n, { send: body, sendError: draft.message, status: 422 });
          if (body.intent === 'preview') {
            const { rendered } = await deps.newsletters.render(draft.issue);
            return reply
              .code(200)
              .header('content-type', 'text/html; charset=utf-8')
              .header('cache-control', 'private, no-store')
              .header('content-security-policy', PREVIEW_CSP)
              .send(rendered.html);
          }
          const sent = await deps.sender.sendTest(draft.issue, staff.email);
          if (!sent.ok)
            return detailPage(req, reply, n, {
              send: body,
              sendError: adminText('admin.newsletters.error.testRefused', { problem: sent.message }),
              status: 422,
            });
          return detailPage(req, reply, n, { send: body, notice: adminText('admin.newsletters.notice.testSentTo', { email: staff.email }) });
        }
        const result = await deps.newsletters.createIssue(
          { newsletterId: n.id, articleSlugs: slugs, subject: body.subject, intro: body.intro, sendAt, createdBy: staff.email },
          now,
        );
        if (!result.ok) return detailPage(req, reply, n, { send: body, sendError: result.message, status: 422 });
        return redirect(reply, `/admin/newsletters/${n.id}?done=${sendAt && sendAt > now ? 'scheduled' : 'sending'}`);
      });

      scope.get('/newsletters/issues/:id/preview', { config: { can: 'newsletters.manage' } }, async function showIssuePreview(req, reply) {
        const { id } = idParams.parse(req.params);
        const issue = await deps.newsletters.findIssue(id);
        if (!issue) throw notFound('issue');
        const { rendered } = await deps.newsletters.render(issue);
        return reply
          .code(200)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', PREVIEW_CSP)
          .send(rendered.html);
      });

      scope.post('/newsletters/issues/:id/cancel', { config: { can: 'newsletters.manage' } }, async function submitCancelIssue(req, reply) {
        const { id } = idParams.parse(req.params);
        const issue = await deps.newsletters.findIssue(id);
        if (!issue) throw notFound('issue');
        const result = await deps.newsletters.cancelIssue(id);
        if (!result.ok) {
          const n = (await deps.newsletters.findNewsletterById(issue.newsletterId))!;
          return detailPage(req, reply, n, { sendError: result.message, status: 409 });
        }
        return redirect(reply, `/admin/newsletters/${issue.newsletterId}?done=cancelled`);
      });
    });
  };
}
