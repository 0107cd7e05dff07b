import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_COOKIE } from '../../src/membership/member-context.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { PAYLOADS } from './xss/payloads.js';
import { seedCorpus, type Seeded } from './xss/seed.js';

/**
 * The XSS corpus (test/security/xss/payloads.ts), fed through every input a reader or editor has
 * (xss/seed.ts), then every page the router serves, public and admin, crawled in Chromium with real
 * ids and slugs filled in: logged out, and as the owner who is also a signed-in patron. Each page is
 * loaded twice: under the CSP it is sent with (any violation fails), and with the CSP bypassed, so
 * that the escaping and the sanitizers are tested on their own and the CSP is only a second wall.
 * Fails on any executed payload (a dialog, a hit on /xss-hit), any live-scheme link or frame, any
 * injected on* handler, inline script, srcdoc frame, object or embed.
 */

/** GET routes that answer no HTML page, or that a crawl cannot load as one. Everything else is crawled. */
const NOT_PAGES: Record<string, string> = {
  'GET /media/:hash/:file': 'image bytes',
  'GET /ads/creative/:hash/:file': 'image bytes',
  'GET /ads/click/:id': 'a redirect to the advertiser (off this machine)',
  'GET /republish/pixel/:articleId.gif': 'a 1×1 GIF',
  'GET /account/export': 'a JSON download',
  'GET /admin/ads/report.csv': 'a CSV download',
  'GET /admin/newsletters/issues/:id/preview': 'a mail as mail clients get it, under its own locked-down CSP (sandboxed: no scripts run)',
  'GET /newsletters/open/:issue/pixel.gif': 'a 1×1 GIF (only for an issue that counts opens)',
  'GET /newsletters/click/:issue/:link': 'a redirect to a link the issue carried (only for an issue that counts clicks)',
  'GET /newsletters/:slug/:number': 'no issue has been sent in the seeded site (the issue pages share the archive template with the preview)',
};

const sample = <T>(xs: T[], n: number) => xs.slice(0, n);

/** Concrete addresses for one route pattern, from the seeded records; null when the pattern is unknown here. */
function urlsFor(pattern: string, s: Seeded): string[] | null {
  const fill = (name: string, values: (string | number)[]) => values.map((v) => pattern.replace(`:${name}`, String(v)));
  const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (params.length === 0) return [pattern];
  const key = params.join(',');
  if (pattern.startsWith('/articles/:slug')) return fill('slug', pattern.endsWith('/report') ? sample(s.articleSlugs, 2) : s.articleSlugs);
  if (pattern.startsWith('/api/v1/articles/:slug')) return fill('slug', sample(s.articleSlugs, 1));
  if (pattern.startsWith('/authors/')) return fill('slug', sample(s.authorSlugs, 8));
  if (pattern.startsWith('/sections/')) return fill('slug', sample(s.sectionSlugs, 8));
  if (pattern.startsWith('/tags/')) return fill('slug', sample(s.tagSlugs, 8));
  if (/^\/(admin\/)?topics\/:id$/.test(pattern)) return fill('id', s.topicIds);
  if (pattern === '/admin/articles/:id') return fill('id', s.articleIds);
  if (pattern.startsWith('/admin/articles/:id/')) return fill('id', sample(s.articleIds, 3));
  if (pattern === '/admin/corrections/:id') return fill('id', s.reportIds);
  if (pattern === '/admin/partners/requests/:id') return fill('id', s.requestIds);
  if (pattern === '/admin/ads/:id') return fill('id', s.campaignIds);
  if (pattern === '/admin/funders/:id') return fill('id', s.funderIds);
  if (pattern === '/admin/members/:id') return fill('id', s.memberIds);
  if (pattern === '/admin/pages/:id') return fill('id', s.pageIds);
  if (pattern === '/admin/newsletters/:id') return fill('id', s.newsletterIds);
  if (key === 'token') return fill('token', ['no-such-token-0123456789']);
  if (pattern === '/sitemaps/:chunk') return fill('chunk', ['articles-1.xml']);
  return null;
}

/** Reflected query strings: the same page with a payload in each parameter a page might echo back. */
function reflected(pattern: string): string[] {
  if (pattern.includes(':')) return [];
  const q = {
    q: '"><img src=x onerror=alert(1001)>',
    next: 'javascript:alert(1002)',
    return_to: '/\tjavascript:alert(1003)',
    status: '</script><svg onload=alert(1004)>',
    done: "'><svg onload=alert(1005)>",
    error: '<iframe srcdoc="<script>parent.alert(1006)</script>">',
    page: '1',
  };
  return [`${pattern}?${new URLSearchParams(q)}`];
}

interface Finding {
  url: string;
  pass: string;
  what: string;
}

/** Runs in the page (and each same-origin frame): what reader text must never become. */
function scanDom(): string[] {
  const found: string[] = [];
  const live = (value: string | null) => {
    if (!value) return false;
    try {
      return ['javascript:', 'vbscript:', 'data:'].includes(new URL(value, document.baseURI).protocol);
    } catch {
      return /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, ''));
    }
  };
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}="${attr.value.slice(0, 60)}">`);
      if (['href', 'xlink:href', 'action', 'formaction', 'src', 'data', 'poster', 'srcset', 'background', 'to', 'values', 'from'].includes(name)) {
        if (live(attr.value) && !(tag === 'img' && name === 'src' && attr.value.startsWith('data:image/')))
          found.push(`<${tag} ${name}="${attr.value.slice(0, 60)}">`);
      }
    }
    if (tag === 'iframe' && el.hasAttribute('srcdoc')) found.push('<iframe srcdoc>');
    if (tag === 'object' || tag === 'embed' || tag === 'frame' || tag === 'frameset' || tag === 'applet') found.push(`<${tag}>`);
    if (tag === 'base') found.push(`<base href="${el.getAttribute('href')}">`);
    if (tag === 'meta' && (el.getAttribute('http-equiv') ?? '').toLowerCase() === 'refresh') found.push('<meta http-equiv=refresh>');
    if (tag === 'script') {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      const src = el.getAttribute('src');
      if (!src && type !== 'application/ld+json' && type !== 'application/json')
        found.push(`inline <script type="${type}">${(el.textContent ?? '').slice(0, 60)}`);
      if (src && new URL(src, document.baseURI).origin !== location.origin) found.push(`<script src="${src}">`);
    }
  }
  return found;
}

describe.skipIf(!browserAvailable)('XSS corpus through every input, and every page crawled in Chromium', { timeout: 240_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let seeded: Seeded;
  const findings: Finding[] = [];
  const visited = new Set<string>();
  let pages: { url: string; admin: boolean }[] = [];
  let staffCookie = '';
  let memberCookie = '';

  beforeAll(async () => {
    app = await buildApp();
    seeded = await seedCorpus(app);
    await app.jobs.drain();
    ({ origin, browser } = await openInBrowser(app));
    const now = app.clock();
    const meta = { now, ip: '127.0.0.1', userAgent: 'XssCrawler/1.0' };
    staffCookie = app.http.signCookie((await app.services.sessions.start('staff', seeded.ownerId, meta, 30)).token);
    memberCookie = app.http.signCookie((await app.services.sessions.start('member', seeded.patronId, meta, 30)).token);

    const gets = app.http.routeList.filter((r) => r.method === 'GET');
    const unknown: string[] = [];
    for (const r of gets) {
      if (NOT_PAGES[`GET ${r.url}`] || /^\/(admin\/)?assets\/|^\/ads\/ads\./.test(r.url)) continue;
      const urls = urlsFor(r.url, seeded);
      if (!urls) {
        unknown.push(r.url);
        continue;
      }
      for (const url of [...urls, ...reflected(r.url)]) pages.push({ url, admin: url.startsWith('/admin') || url.startsWith('/account') });
    }
    expect(unknown, 'routes the crawl cannot fill in: add them to urlsFor() or NOT_PAGES').toEqual([]);
    // Static pages answer at their own paths, outside the route table.
    for (const url of seeded.pagePaths) pages.push({ url, admin: false });
    // Feeds and sitemaps are XML (Chromium shows them in its own viewer): their escaping is the feed tests' part.
    const html: typeof pages = [];
    for (const p of pages) {
      const res = await app.http.inject({ method: 'GET', url: p.url, headers: p.admin ? { cookie: cookieHeader() } : {} });
      if (String(res.headers['content-type'] ?? '').startsWith('text/html')) html.push(p);
      else if (res.statusCode >= 500) throw new Error(`${p.url}: ${res.statusCode}`);
    }
    pages = html;
  }, 180_000);

  const cookieHeader = () => `mh_session=${staffCookie}; ${MEMBER_COOKIE}=${memberCookie}`;

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function contextFor(signedIn: boolean, bypassCSP: boolean): Promise<BrowserContext> {
    const context = await browser.newContext({ bypassCSP, javaScriptEnabled: true });
    if (signedIn) {
      await context.addCookies([
        { name: 'mh_session', value: staffCookie, url: origin },
        { name: MEMBER_COOKIE, value: memberCookie, url: origin },
      ]);
    }
    await context.route('**/xss-hit**', (route) => {
      findings.push({ url: route.request().frame().url(), pass: 'fetch', what: `hit ${route.request().url()}` });
      return route.fulfill({ status: 204, body: '' });
    });
    // Violations are kept in the page and read with the DOM scan, so none is lost to a page closing early.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
    return context;
  }

  async function crawl(page: Page, url: string, pass: string) {
    const dialogs: string[] = [];
    const onDialog = (d: Dialog) => {
      dialogs.push(`${d.type()}(${d.message()})`);
      void d.dismiss().catch(() => {});
    };
    page.on('dialog', onDialog);
    try {
      const res = await page.goto(`${origin}${url}`, { waitUntil: 'load' });
      const type = res?.headers()['content-type'] ?? '';
      if (!type.startsWith('text/html')) return;
      visited.add(url);
      // Let autofocus, animations and deferred scripts run before looking.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const frame of page.frames()) {
        const found = await frame.evaluate(scanDom).catch(() => [] as string[]);
        const violations = await frame.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => [] as string[]);
        found.push(...violations.map((v) => `CSP violation: ${v}`));
        for (const what of found) findings.push({ url, pass, what: frame === page.mainFrame() ? what : `in frame ${frame.url()}: ${what}` });
      }
    } finally {
      page.off('dialog', onDialog);
      for (const d of dialogs) findings.push({ url, pass, what: `dialog ${d}` });
    }
  }

  it(`feeds ${PAYLOADS.length} payloads through every input`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    const fields = Object.entries(seeded.coverage);
    console.log(`XSS corpus: ${PAYLOADS.length} payloads through ${fields.length} input fields:\n${fields.map(([f, n]) => `  ${f}: ${n}`).join('\n')}`);
    expect(fields.length).toBeGreaterThan(50);
  });

  it('every HTML page answers a strict Content-Security-Policy', async () => {
    const weak: string[] = [];
    let checked = 0;
    for (const { url, admin } of pages) {
      const res = await app.http.inject({ method: 'GET', url, headers: admin ? { cookie: cookieHeader() } : {} });
      checked += 1;
      const csp = String(res.headers['content-security-policy'] ?? '');
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `)) ??
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith('default-src ')) ??
        '';
      const problems = [];
      if (!csp) problems.push('no CSP');
      for (const name of ['script-src', 'style-src']) {
        const d = directive(name);
        if (!d) problems.push(`no ${name}`);
        if (/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|data:|https?:(?!\/\/)/.test(d.replace(/^\S+/, ''))) problems.push(`weak ${d}`);
      }
      if (!/object-src 'none'/.test(csp)) problems.push("no object-src 'none'");
      if (!/base-uri 'self'|base-uri 'none'/.test(csp)) problems.push('no base-uri');
      if (problems.length) weak.push(`${url} (${res.statusCode}): ${problems.join(', ')}`);
    }
    expect(weak).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    console.log(`CSP: ${checked} HTML pages answer a strict policy`);
  });

  it('the detectors see a payload that does get through (a planted page, under our CSP and without it)', async () => {
    const planted =
      '<!doctype html><html lang="en"><head><title>planted</title></head><body><main><img src=x onerror=alert(7001)><a href="java&#x09;script:alert(7002)">x</a><iframe srcdoc="<p>x</p>"></iframe><p onclick="alert(7003)">x</p></main></body></html>';
    const csp = String((await app.http.inject({ url: '/' })).headers['content-security-policy']);
    for (const bypassCSP of [false, true]) {
      const context = await contextFor(false, bypassCSP);
      await context.route('**/__planted', (route) =>
        route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }, body: planted }),
      );
      const page = await context.newPage();
      await crawl(page, '/__planted', bypassCSP ? 'planted, CSP off' : 'planted, CSP on');
      await context.close();
    }
    const seen = findings.splice(0).map((f) => `${f.pass}: ${f.what}`);
    expect(seen.some((f) => f.startsWith('planted, CSP off: dialog alert(7001)'))).toBe(true);
    expect(seen.some((f) => f.startsWith('planted, CSP on: CSP violation'))).toBe(true);
    for (const what of ['onerror=', 'href="java', '<iframe srcdoc>', 'onclick='])
      expect(
        seen.some((f) => f.includes(what)),
        what,
      ).toBe(true);
    visited.delete('/__planted');
  });

  it('no payload runs, no live link, handler, inline script or frame appears, and the CSP reports no violation', async () => {
    // CSP on: every page as the reader or the owner sees it, listening for violations. CSP off: every
    // page again as the owner + patron (who sees the most reader text), so escaping is tested on its own.
    const passes = [
      { name: 'logged out, CSP on', signedIn: false, bypassCSP: false, which: (p: { admin: boolean }) => !p.admin },
      { name: 'owner + patron, CSP on', signedIn: true, bypassCSP: false, which: (p: { admin: boolean }) => p.admin },
      { name: 'owner + patron, CSP off', signedIn: true, bypassCSP: true, which: () => true },
    ];
    let loads = 0;
    for (const pass of passes) {
      const context = await contextFor(pass.signedIn, pass.bypassCSP);
      const page = await context.newPage();
      for (const p of pages.filter(pass.which)) {
        await crawl(page, p.url, pass.name);
        loads += 1;
      }
      await context.close();
    }
    const report = findings.map((f) => `${f.pass} ${f.url}: ${f.what}`);
    expect(report).toEqual([]);
    expect(visited.size).toBeGreaterThan(60);
    console.log(`XSS crawl: ${visited.size} distinct HTML pages, ${loads} page loads in 3 passes, no finding`);
  });
});
