import { languagePrefix, readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import { idSchema } from '../http/url-ids.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { seeOther, sendHtml } from '../http/responses.js';
import { checkMemberCsrf } from '../membership/membership-routes.js';
import { AccountNewslettersPage, ArchivedIssuePage, NewsletterActionPage, NewsletterListPage } from '../views/pages/newsletters/newsletter-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { HeadMeta } from '../views/view-models.js';
import type { MessageKey, Translate } from '../i18n/translator.js';
import { normalizeEmail } from './newsletter.js';
import type { NewsletterService } from './newsletter-service.js';

export interface NewsletterRouteDeps {
  newsletters: NewsletterService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /** Signups per client address. */
  limiter: RateLimiter;
  /** Confirmation mails per address: a form cannot be used to flood someone's inbox. */
  addressLimiter: RateLimiter;
}

const NO_STORE = 'private, no-store';
/** A transparent 1×1 GIF: the open-counting pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
const head = (title: string, description: string, robots: string | null = 'noindex'): HeadMeta => ({
  title,
  description,
  canonical: null,
  ogType: 'website',
  image: null,
  jsonLd: [],
  ...(robots ? { robots } : {}),
});

type ActionWords = { title: string; message: string; form: { action: string; button: string } | null };

/** Readers' side of newsletters: the list and signup, confirmation, one-click unsubscribe, the archive, /account/newsletters. */
export function registerNewsletterRoutes(deps: NewsletterRouteDeps) {
  /** A one-message page (check your inbox, confirm, unsubscribe…), worded in the page's language. */
  const action = async (reply: FastifyReply, words: (t: Translate) => ActionWords, status = 200) => {
    const ctx = await deps.pageContext(deps.clock(), readerLanguage(reply.request));
    const v = words(ctx.locale.t);
    return sendHtml(reply, renderDocument(NewsletterActionPage({ v: { chrome: presentChrome(ctx), head: head(v.title, v.message), ...v } })), {
      status,
      cacheControl: NO_STORE,
    });
  };

  const listPage = async (reply: FastifyReply, opts: { error: MessageKey | null; email: string; status: number }) => {
    const now = deps.clock();
    const [ctx, all] = await Promise.all([deps.pageContext(now, readerLanguage(reply.request)), deps.newsletters.listNewsletters()]);
    const t = ctx.locale.t;
    const newsletters = await Promise.all(
      all.map(async (n) => ({
        slug: n.slug,
        name: n.name,
        description: n.description,
        audience: t(`newsletters.audience.${n.audience}`),
        open: n.audience === 'anyone',
        issues:
          n.audience === 'patrons'
            ? []
            : (await deps.newsletters.listIssues(n.id, { sentOnly: true, limit: 10 })).map((i) => ({
                href: ctx.urls.path(`/newsletters/${n.slug}/${i.number}`),
                text: i.subject,
                date: ctx.locale.translator.date(i.startedAt ?? i.sendAt, ctx.site.timeZone),
              })),
      })),
    );
    const html = renderDocument(
      NewsletterListPage({
        v: {
          chrome: presentChrome(ctx),
          head: head(t('newsletters.title'), t('newsletters.description', { outlet: ctx.site.name }), null),
          newsletters,
          error: opts.error ? t(opts.error) : null,
          email: opts.email,
        },
      }),
    );
    if (opts.status !== 200) return sendHtml(reply, html, { status: opts.status, cacheControl: NO_STORE });
    return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.newsletters] });
  };

  const overLimit = async (limiter: RateLimiter, key: string, reply: FastifyReply) => {
    const r = await limiter.hit(key, deps.clock().getTime());
    if (r.ok) return false;
    reply.header('retry-after', String(r.retryAfterSeconds));
    return true;
  };

  return (app: FastifyInstance) => {
    app.get('/newsletters', async function showNewsletters(_req, reply) {
      return listPage(reply, { error: null, email: '', status: 200 });
    });

    app.post('/newsletters/subscribe', { bodyLimit: 8 * 1024 }, async function submitSignup(req: FastifyRequest, reply) {
      const body = z
        .object({
          newsletter: z.string().max(100).default(''),
          email: z.string().max(400).default(''),
          name: z.string().max(400).default(''),
          website: z.string().max(500).default(''),
        })
        .safeParse(req.body ?? {});
      if (!body.success) return listPage(reply, { error: 'newsletters.action.unreadable', email: '', status: 400 });
      const checkInbox = () =>
        action(reply, (t) => ({ title: t('newsletters.action.checkInbox.title'), message: t('newsletters.action.checkInbox.message'), form: null }));
      // A filled trap field is a bot: it sees the same answer as a person and nothing is sent.
      if (body.data.website) return checkInbox();
      if (await overLimit(deps.limiter, `ip:${req.ip}`, reply))
        return listPage(reply, { error: 'newsletters.action.tooMany', email: body.data.email, status: 429 });
      const email = body.data.email.trim();
      if (email && (await overLimit(deps.addressLimiter, `to:${normalizeEmail(email).toLowerCase()}`, reply)))
        return listPage(reply, { error: 'newsletters.action.addressLimited', email, status: 429 });
      // The page's language is the subscriber's: the confirmation and every later mail link to pages in it.
      const result = await deps.newsletters.subscribe(
        { newsletter: body.data.newsletter, email, name: body.data.name, language: readerLanguage(req) ?? '' },
        deps.clock(),
      );
      if (!result.ok)
        return listPage(reply, {
          error: result.status === 404 ? 'newsletters.action.noSuch' : 'problem.email',
          email,
          status: result.status === 404 ? 404 : 422,
        });
      return checkInbox();
    });

    // Mail scanners open links: confirming and leaving are POSTs behind one button, never a side effect of GET.
    app.get('/newsletters/confirm/:token', async function showConfirm(req, reply) {
      const p = tokenParams.safeParse(req.params);
      const s = p.success ? await deps.newsletters.findSubscriberByToken(p.data.token) : null;
      if (!p.success || !s || (s.status !== 'pending' && s.status !== 'confirmed'))
        return action(reply, (t) => ({ title: t('newsletters.action.expired.title'), message: t('newsletters.action.expired.signUpAgain'), form: null }), 404);
      if (s.status === 'confirmed')
        return action(reply, (t) => ({ title: t('newsletters.action.subscribed.title'), message: t('newsletters.action.subscribed.already'), form: null }));
      const token = p.data.token;
      return action(reply, (t) => ({
        title: t('newsletters.action.confirm.title'),
        message: t('newsletters.action.confirm.message', { email: s.email }),
        form: { action: `${languagePrefix(req)}/newsletters/confirm/${token}`, button: t('newsletters.action.confirm.button') },
      }));
    });

    app.post('/newsletters/confirm/:token', { bodyLimit: 4 * 1024 }, async function submitConfirm(req, reply) {
      const p = tokenParams.safeParse(req.params);
      const result = p.success ? await deps.newsletters.confirm(p.data.token, deps.clock()) : null;
      if (!result?.ok)
        return action(reply, (t) => ({ title: t('newsletters.action.expired.title'), message: t('newsletters.action.expired.invalid'), form: null }), 404);
      return action(reply, (t) => ({
        title: t('newsletters.action.subscribed.title'),
        message: t('newsletters.action.subscribed.thanks', { newsletter: result.newsletter.name, email: result.subscriber.email }),
        form: null,
      }));
    });

    app.get('/newsletters/unsubscribe/:token', async function showUnsubscribe(req, reply) {
      const p = tokenParams.safeParse(req.params);
      const s = p.success ? await deps.newsletters.findSubscriberByToken(p.data.token) : null;
      if (!p.success || !s)
        return action(
          reply,
          (t) => ({ title: t('newsletters.action.unsubscribe.title'), message: t('newsletters.action.unsubscribe.invalid'), form: null }),
          404,
        );
      if (s.status === 'unsubscribed')
        return action(reply, (t) => ({
          title: t('newsletters.action.unsubscribed.title'),
          message: t('newsletters.action.unsubscribed.already', { email: s.email }),
          form: null,
        }));
      const token = p.data.token;
      return action(reply, (t) => ({
        title: t('newsletters.action.unsubscribe.title'),
        message: t('newsletters.action.unsubscribe.question', { email: s.email }),
        form: { action: `${languagePrefix(req)}/newsletters/unsubscribe/${token}`, button: t('newsletters.action.unsubscribe.button') },
      }));
    });

    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here with no cookies; the token is the authority.
    app.post('/newsletters/unsubscribe/:token', { bodyLimit: 4 * 1024 }, async function submitUnsubscribe(req, reply) {
      const p = tokenParams.safeParse(req.params);
      const result = p.success ? await deps.newsletters.unsubscribe(p.data.token, deps.clock()) : null;
      if (!result?.ok)
        return action(
          reply,
          (t) => ({ title: t('newsletters.action.unsubscribe.title'), message: t('newsletters.action.unsubscribe.invalid'), form: null }),
          404,
        );
      return action(reply, (t) => ({
        title: t('newsletters.action.unsubscribed.title'),
        message: t('newsletters.action.unsubscribed.done', { email: result.email, newsletter: result.newsletter.name }),
        form: null,
      }));
    });

    // Counting (opt-in, per issue): the URLs name an issue and a link position, never a recipient.
    // Neither answer may be cached: a cache in front would swallow the counts.
    const countParams = z.object({ issue: idSchema('issue'), link: idSchema('link').optional() });

    app.get('/newsletters/open/:issue/pixel.gif', async function showOpenPixel(req, reply) {
      const p = countParams.safeParse(req.params);
      if (!p.success || !(await deps.newsletters.countOpen(p.data.issue))) throw notFound('issue');
      return reply.header('cache-control', NO_STORE).type('image/gif').send(PIXEL);
    });

    app.get('/newsletters/click/:issue/:link', async function followIssueLink(req, reply) {
      const p = countParams.safeParse(req.params);
      // Only a link the issue carried: anything else is refused, so this is no open redirect.
      const url = p.success && p.data.link ? await deps.newsletters.followLink(p.data.issue, p.data.link) : null;
      if (!url) throw notFound('link');
      return reply.header('cache-control', NO_STORE).redirect(url, 302);
    });

    app.get('/newsletters/:slug/:number', async function showArchivedIssue(req, reply) {
      const p = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/), number: z.coerce.number().int().min(1).max(1_000_000) }).safeParse(req.params);
      if (!p.success) throw notFound('issue');
      const found = await deps.newsletters.archivedIssue(p.data.slug, p.data.number);
      if (!found) throw notFound('issue');
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const stories = await deps.newsletters.storiesOf(found.issue);
      const html = renderDocument(
        ArchivedIssuePage({
          v: {
            chrome: presentChrome(ctx),
            head: {
              ...head(found.issue.subject, `${found.newsletter.name}, ${ctx.site.name}`, null),
              canonical: ctx.urls.absolute(`/newsletters/${found.newsletter.slug}/${found.issue.number}`),
            },
            newsletter: { name: found.newsletter.name, href: ctx.urls.path('/newsletters') },
            subject: found.issue.subject,
            date: ctx.locale.translator.date(found.issue.startedAt ?? found.issue.sendAt, ctx.site.timeZone),
            intro: found.issue.intro ? found.issue.intro.split(/\n{2,}/) : [],
            stories: stories.map((s) => ({ href: ctx.urls.article(s.slug), headline: s.headline, standfirst: s.standfirst })),
          },
        }),
      );
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.newsletters, ...stories.map((s) => cacheKeys.article(s.slug))] });
    });

    app.get('/account/newsletters', async function showAccountNewsletters(req, reply) {
      const prefix = languagePrefix(req);
      if (!req.member) return seeOther(reply, `${prefix}/account/sign-in?next=${prefix}/account/newsletters`);
      const { saved } = z.object({ saved: z.string().max(5).optional() }).parse(req.query);
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(req));
      const t = ctx.locale.t;
      const subs = await deps.newsletters.subscriptionsOf(req.member.member.email);
      const html = renderDocument(
        AccountNewslettersPage({
          v: {
            chrome: presentChrome(ctx),
            head: head(t('newsletters.mine.title'), t('newsletters.mine.description')),
            email: req.member.member.email,
            csrf: req.member.csrf,
            saved: Boolean(saved),
            newsletters: subs.map((s) => ({
              slug: s.newsletter.slug,
              name: s.newsletter.name,
              description: s.newsletter.description,
              checked: s.status === 'confirmed' || s.status === 'pending',
              note:
                s.status === 'bouncing'
                  ? t('newsletters.mine.bouncing')
                  : s.newsletter.audience === 'patrons' && !req.member!.patron
                    ? t('newsletters.mine.patrons')
                    : '',
            })),
          },
        }),
      );
      return sendHtml(reply, html, { cacheControl: NO_STORE });
    });

    app.post('/account/newsletters', { bodyLimit: 8 * 1024 }, async function submitAccountNewsletters(req, reply) {
      if (!req.member) return seeOther(reply, '/account/sign-in?next=/account/newsletters');
      checkMemberCsrf(req, req.member);
      const body = z
        .object({ newsletters: z.union([z.string().max(100), z.array(z.string().max(100)).max(100)]).optional() })
        .passthrough()
        .safeParse(req.body ?? {});
      if (!body.success) return action(reply, (t) => ({ title: t('newsletters.mine.title'), message: t('newsletters.action.unreadable'), form: null }), 400);
      const slugs = body.data.newsletters === undefined ? [] : Array.isArray(body.data.newsletters) ? body.data.newsletters : [body.data.newsletters];
      const result = await deps.newsletters.setSubscriptions({ email: req.member.member.email, slugs, language: readerLanguage(req) ?? '' }, deps.clock());
      if (!result.ok) return action(reply, (t) => ({ title: t('newsletters.mine.title'), message: t('newsletters.action.noSuch'), form: null }), 422);
      return seeOther(reply, `${languagePrefix(req)}/account/newsletters?saved=1`);
    });
  };
}
