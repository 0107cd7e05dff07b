import type { IncomingMessage } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stripLanguagePrefix } from '../../src/http/language-prefix.js';
import type { App } from '../../src/main.js';
import { loggedInClient } from './admin.js';

/** Routes that answer something other than an HTML page (feeds, files, JSON, redirects with one-time tokens). */
const NOT_PAGES = [
  /\.(xml|json|gif|csv|txt|ico|png|webmanifest)$/,
  /^\/api\//,
  /^\/media\//,
  /^\/ads\//,
  /^\/oembed$/,
  /^\/republish\/pixel\//,
  /^\/account\/export$/,
  /^\/assets\//,
  /^\/admin\/assets\//,
  /^\/admin\/login\/link\/:token$/,
  /^\/account\/sign-in\/:token$/,
  /^\/admin\/logout$/,
  // A mail as mail clients get it: inline styles under its own locked-down CSP, not a page of the site.
  /^\/admin\/newsletters\/issues\/:id\/preview$/,
];

/** Fills a demo site with every kind of thing a page shows: stories with pictures, tiers, topics, funders, ads, a correction report. */
export async function loadEverything(app: App): Promise<void> {
  const now = app.clock();
  const { loadDemoContent } = await import('../../src/demo/demo-loader.js');
  const { loadDemoSupport } = await import('../../src/demo/demo-support.js');
  const { loadDemoAds } = await import('../../src/demo/demo-ads.js');
  const loaded = await loadDemoContent(app.services.importer, { now, language: 'en' });
  if (!loaded.ok) throw new Error(`demo content: ${JSON.stringify(loaded.problems)}`);
  await loadDemoSupport(app.services, now);
  await loadDemoAds(app.services.ads, now);
  const { loadDemoPages } = await import('../../src/demo/demo-pages.js');
  await loadDemoPages(app.services.pages, now);
  const list = {
    slug: 'morning',
    name: 'Morning briefing',
    description: 'The day’s stories before eight.',
    senderName: 'The desk',
    senderEmail: 'desk@news.example.test',
    audience: 'anyone',
  };
  const newsletter = await app.services.newsletters.saveNewsletter(null, list, now);
  if (!newsletter.ok) throw new Error(`newsletter: ${newsletter.message}`);
  const first = await app.database.db
    .selectFrom('articles')
    .select(['slug', 'body_text'])
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const report = await app.services.corrections.submitReport(
    { article: first.slug, quote: { exact: first.body_text.slice(0, 40) }, suggestion: 'The date in the first paragraph is wrong.' },
    now,
  );
  if (!report.ok) throw new Error(`correction report: ${report.message}`);
  // A job that failed for good, so /admin/jobs shows its dead-letter table with a long error and its buttons.
  app.jobs.register('demo.unreachable-mail-server', async () => {
    throw new Error(`450 mailbox unavailable: ${'the receiving server for readers-at-a-very-long-domain-name.example.org refused '.repeat(4)}`);
  });
  await app.jobs.enqueue('demo.unreachable-mail-server', { to: 'reader@example.org' }, { maxAttempts: 1 });
  await app.jobs.drain();
}

/** Every HTML page the router serves, public and admin, with the first real id or slug filled in; and what could not be filled. */
export async function everyPage(app: App): Promise<{ public: string[]; admin: string[]; unfilled: string[] }> {
  // Plugins (the admin scope among them) add their routes when the app becomes ready.
  await app.http.ready();
  const db = app.database.db;
  const firstId = async (
    table: 'articles' | 'ad_campaigns' | 'correction_reports' | 'topics' | 'funders' | 'members' | 'republish_requests' | 'static_pages' | 'newsletters',
  ) => (await db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? null;
  const firstSlug = async (table: 'articles' | 'sections' | 'tags' | 'authors') =>
    (await db.selectFrom(table).select('slug').orderBy('id').limit(1).executeTakeFirst())?.slug ?? null;
  const article = await db.selectFrom('articles').select(['id', 'slug']).where('status', '=', 'published').orderBy('id').limit(1).executeTakeFirst();
  const fills: Record<string, string | number | null> = {
    '/articles/:slug': article?.slug ?? null,
    '/articles/:slug/report': article?.slug ?? null,
    '/sections/:slug': await firstSlug('sections'),
    '/tags/:slug': await firstSlug('tags'),
    '/authors/:slug': await firstSlug('authors'),
    '/topics/:id': await firstId('topics'),
    '/admin/articles/:id': article?.id ?? null,
    '/admin/articles/:id/diff': article?.id ?? null,
    '/admin/articles/:id/preview': article?.id ?? null,
    '/admin/articles/:id/revisions': article?.id ?? null,
    '/admin/ads/:id': await firstId('ad_campaigns'),
    '/admin/corrections/:id': await firstId('correction_reports'),
    '/admin/topics/:id': await firstId('topics'),
    '/admin/members/:id': await firstId('members'),
    '/admin/funders/:id': await firstId('funders'),
    '/admin/partners/requests/:id': await firstId('republish_requests'),
    '/admin/pages/:id': await firstId('static_pages'),
    '/admin/newsletters/:id': await firstId('newsletters'),
  };
  const out = { public: [] as string[], admin: [] as string[], unfilled: [] as string[] };
  const seen = new Set<string>();
  for (const r of app.http.routeList) {
    if (r.method !== 'GET' || seen.has(r.url) || NOT_PAGES.some((p) => p.test(r.url))) continue;
    seen.add(r.url);
    let url = r.url;
    if (url.includes(':')) {
      const value = fills[url];
      if (value === undefined || value === null) {
        out.unfilled.push(url);
        continue;
      }
      url = url.replace(/:[a-zA-Z]+/, String(value));
    }
    (url.startsWith('/admin') ? out.admin : out.public).push(url);
  }
  return out;
}

/** `url` as a reader of `language` asks for it (`/uk/articles/x`), or null where the router serves no prefixed page (the prefix rule is the router's own). */
export function inLanguage(url: string, language: string): string | null {
  const prefixed = `/${language}${url === '/' ? '/' : url}`;
  const raw = { url: prefixed } as IncomingMessage;
  return stripLanguagePrefix(raw, [language]) === prefixed ? null : prefixed;
}

/** A browser context for walking the pages: a reader's, or (with `ownerOf`) signed in as a new owner of that app. */
export async function walkerContext(browser: Browser, origin: string, opts: { width: number; height: number; ownerOf?: App }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: opts.width, height: opts.height } });
  if (opts.ownerOf) {
    const { client } = await loggedInClient(opts.ownerOf, 'owner');
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: origin })));
  }
  return context;
}

/** Opens one page of the list: what went wrong (a 5xx, or an admin page that sent us to the login form, so was never checked), and whether it is HTML. */
export async function openListedPage(page: Page, origin: string, url: string): Promise<{ problem: string | null; html: boolean }> {
  const res = await page.goto(origin + url, { waitUntil: 'load' });
  let problem: string | null = null;
  if (!res || res.status() >= 500) problem = `${url}: ${res?.status()}`;
  else if (url.startsWith('/admin') && new URL(page.url()).pathname === '/admin/login') problem = `${url}: not signed in`;
  return { problem, html: String(res?.headers()['content-type']).startsWith('text/html') };
}
