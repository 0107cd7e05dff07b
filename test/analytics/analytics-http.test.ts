import { afterEach, describe, expect, it } from 'vitest';
import { runAnalyticsCli } from '../../src/analytics/analytics-cli.js';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function listening(config: Parameters<typeof buildApp>[0] = {}) {
  app = await buildApp(config);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.http.server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

const beacon = (origin: string, body: string, headers: Record<string, string> = {}, method = 'POST') =>
  fetch(`${origin}/api/v1/view`, {
    method,
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'user-agent': BROWSER, ...headers },
    ...(method === 'POST' ? { body } : {}),
  });

async function story(a: TestApp) {
  const input = await createArticle(a);
  return (await a.services.articles.getPublicArticle(input.slug, a.clock()))!;
}

describe('the view beacon', () => {
  it('answers 204 with no body, sets no cookie, and counts the view at the next flush', async () => {
    const origin = await listening();
    const a = await story(app!);
    const body = `a=${a.id}&s=${a.section!.id}&r=${encodeURIComponent('https://search.example/?q=canal')}`;
    const res = await beacon(origin, body, { 'x-forwarded-for': '203.0.113.40' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(app!.services.analytics.stats().pending).toBe(1);
    const r = await app!.services.analytics.report({ days: 1 }, app!.clock());
    expect(r.articles).toEqual([expect.objectContaining({ slug: a.slug, views: 1, visitors: 1 })]);
    expect(r.referrers).toEqual([{ host: 'search.example', views: 1 }]);
  });

  it('counts a second beacon from the same reader as a view but not a visitor; a different address is a new visitor', async () => {
    const origin = await listening();
    const a = await story(app!);
    for (const ip of ['203.0.113.40', '203.0.113.40', '203.0.113.41']) expect((await beacon(origin, `a=${a.id}`, { 'x-forwarded-for': ip })).status).toBe(204);
    expect((await app!.services.analytics.report({ days: 1 }, app!.clock())).totals).toEqual({ views: 3, visitors: 2 });
  });

  it('does not count bots or logged-in staff, and answers them the same 204', async () => {
    const origin = await listening();
    expect((await beacon(origin, '', { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' })).status).toBe(204);
    expect((await beacon(origin, '', { cookie: 'mh_session=abc.def' })).status).toBe(204);
    expect(app!.services.analytics.stats().pending).toBe(0);
    expect((await beacon(origin, '', { cookie: 'mh_member=abc.def' })).status).toBe(204); // a signed-in reader is a reader
    expect(app!.services.analytics.stats().pending).toBe(1);
  });

  it('refuses bad input with a 4xx naming the problem, never a 5xx', async () => {
    const origin = await listening();
    const cases: [() => Promise<Response>, number, RegExp][] = [
      [() => beacon(origin, 'a=abc'), 400, /a: must be a positive whole number/],
      [() => beacon(origin, 'a=-4'), 400, /a: must be a positive whole number/],
      [() => beacon(origin, 'a=99999999999'), 400, /a: must be a positive whole number/],
      [() => beacon(origin, 's=0'), 400, /s: must be a positive whole number/],
      [() => beacon(origin, 'a=1&a=2'), 400, /a: given more than once/],
      [() => beacon(origin, 'x=1'), 400, /Unrecognized key/i],
      [() => beacon(origin, `r=${'x'.repeat(1500)}`), 400, /r: must be at most 1024 characters/],
      [() => beacon(origin, `r=${'x'.repeat(5000)}`), 413, /at most 2048 bytes/],
      [() => beacon(origin, '{"a":1}', { 'content-type': 'application/json' }), 415, /form body/],
      [() => beacon(origin, '', {}, 'GET'), 405, /POST only/],
      [() => beacon(origin, '', {}, 'PUT'), 405, /POST only/],
    ];
    for (const [send, status, message] of cases) {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(app!.services.analytics.stats().pending).toBe(0);
    // A body streamed without a length, past the limit, is cut off too.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(`r=${'y'.repeat(3000)}`));
        c.close();
      },
    });
    const streamed = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: stream, duplex: 'half' };
    const chunked = await fetch(`${origin}/api/v1/view`, streamed as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('puts the beacon script in story, home and section pages, which stay cached and shared', async () => {
    const origin = await listening();
    const a = await story(app!);
    const first = await fetch(`${origin}/articles/${a.slug}`);
    const html = await first.text();
    const tag = new RegExp(
      '<script type="module" src="(/assets/view\\.[0-9a-f]{12}\\.js)" data-view-beacon="/api/v1/view" data-article="(\\d+)" data-section="(\\d+)"></script>',
    ).exec(html);
    expect(tag?.slice(2)).toEqual([String(a.id), String(a.section!.id)]);
    expect(first.headers.get('set-cookie')).toBeNull();
    const second = await fetch(`${origin}/articles/${a.slug}`);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(html);
    const script = await fetch(origin + tag![1]!);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('sendBeacon');
    expect(await (await fetch(`${origin}/`)).text()).toMatch(/data-view-beacon="\/api\/v1\/view"><\/script>/);
    expect(await (await fetch(`${origin}/sections/${a.section!.slug}`)).text()).toContain(`data-view-beacon="/api/v1/view" data-section="${a.section!.id}"`);
    // Error pages are not views.
    expect(await (await fetch(`${origin}/articles/no-such-story`)).text()).not.toContain('data-view-beacon');
  });

  it('is off with ANALYTICS=false: no script in pages and no beacon endpoint', async () => {
    const origin = await listening({ config: { analytics: false } });
    const a = await story(app!);
    expect(await (await fetch(`${origin}/articles/${a.slug}`)).text()).not.toContain('view-beacon');
    const res = await beacon(origin, `a=${a.id}`);
    expect(res.status).toBe(404);
  });
});

describe('/admin/analytics', () => {
  async function withViews() {
    app = await buildApp();
    const a = await story(app);
    const b = await createArticle(app, { headline: 'Bridge repairs start on Monday', section: 'Transport' });
    const bb = (await app.services.articles.getPublicArticle(b.slug, app.clock()))!;
    const rec = (articleId: number, sectionId: number, ip: string, referrer: string | null = null) =>
      app!.services.analytics.record({ articleId, sectionId, referrer, ip, userAgent: BROWSER }, app!.clock());
    // Two days ago, yesterday and today.
    app.fixedClock.advance(-2 * 24 * 3600_000);
    rec(a.id, a.section!.id, '10.0.0.1');
    await app.services.analytics.flush(app.clock());
    app.fixedClock.advance(24 * 3600_000);
    rec(bb.id, bb.section!.id, '10.0.0.2', 'https://social.example/post/1');
    await app.services.analytics.flush(app.clock());
    app.fixedClock.advance(24 * 3600_000);
    for (const ip of ['10.0.0.3', '10.0.0.4', '10.0.0.4']) rec(bb.id, bb.section!.id, ip, 'https://search.example/?q=bridge');
    return { a, b: bb };
  }

  it('shows editors today, 7 and 30 days: totals, top stories, referrers, sections, and an accessible SVG chart with a table', async () => {
    const { a, b } = await withViews();
    const { client } = await loggedInClient(app!, 'editor');
    const week = await client.get('/admin/analytics?range=7');
    expect(week.statusCode).toBe(200);
    const html = week.body;
    expect(html).toMatch(/Views, last 7 days<\/dt><dd>5<\/dd>/);
    expect(html).toMatch(/Visitors, last 7 days<\/dt><dd>4<\/dd>/);
    // Top stories, most read first, linked.
    expect(html.indexOf(b.headline)).toBeLessThan(html.indexOf(a.headline));
    expect(html).toContain(`<a href="/articles/${b.slug}">${b.headline}</a>`);
    expect(html).toMatch(/<th scope="row">search\.example<\/th><td class="num">3<\/td>/);
    expect(html).toMatch(/<th scope="row">social\.example<\/th><td class="num">1<\/td>/);
    expect(html).toContain('<a href="/sections/transport">Transport</a>');
    // The chart: SVG with a title and a description, drawn on the server, no script.
    expect(html).toMatch(/<svg viewBox="0 0 720 240" role="img" aria-labelledby="chart-title chart-desc"/);
    expect(html).toMatch(/<title id="chart-title">Views and visitors per day, last 7 days<\/title>/);
    expect(html).toMatch(/<desc id="chart-desc">5 views over 7 days; the busiest day was 27 Nov with 3 views and 2 visitors\./);
    expect(html.match(/<rect class="chart-views"/g)).toHaveLength(7);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/style=/);
    expect(html).toContain('The same figures as a table');
    expect(html).toMatch(/<th scope="row">25 Nov<\/th><td class="num">1<\/td><td class="num">1<\/td>/);
    expect(html).toContain('no local GeoIP database is configured');

    const today = await client.get('/admin/analytics?range=today');
    expect(today.body).toMatch(/Views, today<\/dt><dd>3<\/dd>/);
    expect(today.body).not.toContain(a.headline);
    const month = await client.get('/admin/analytics?range=30');
    expect(month.body).toMatch(/Views, last 30 days<\/dt><dd>5<\/dd>/);
    expect(month.body.match(/<rect class="chart-views"/g)).toHaveLength(30);
    expect((await client.get('/admin/analytics')).body).toContain('<strong aria-current="page">7 days</strong>');
    expect((await client.get('/admin')).body).toContain('<a href="/admin/analytics">Analytics</a>');
  });

  it('refuses writers and contributors, asks for a login without a session, and names a bad range', async () => {
    app = await buildApp();
    for (const role of ['writer', 'contributor'] as const) {
      const { client } = await loggedInClient(app, role);
      const res = await client.get('/admin/analytics');
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('it is for owners, admins and editors');
    }
    const anonymous = await app.http.inject({ method: 'GET', url: '/admin/analytics' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/admin\/login/);
    const { client } = await loggedInClient(app, 'admin');
    const bad = await client.get('/admin/analytics?range=90');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('range must be today, 7 or 30');
  });
});

describe('masthead analytics', () => {
  async function cli(...args: string[]) {
    const log: string[] = [];
    const error: string[] = [];
    const code = await runAnalyticsCli(args, app!.services, app!.clock(), { log: (s) => void log.push(s), error: (s) => void error.push(s) });
    return { code, log: log.join('\n'), error: error.join('\n') };
  }

  it('prints views and visitors per story by slug, and the top referrers, as text or JSON', async () => {
    app = await buildApp();
    const a = await story(app);
    for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.2']) {
      app.services.analytics.record({ articleId: a.id, sectionId: null, referrer: 'https://search.example/x', ip, userAgent: BROWSER }, app.clock());
    }
    const text = await cli('--days', '7');
    expect(text.code).toBe(0);
    expect(text.log).toContain('2026-11-21 to 2026-11-27: 3 views, 2 visitors');
    expect(text.log).toContain(`3\t2\t${a.slug}`);
    expect(text.log).toContain('3\tsearch.example');
    const json = await cli('--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.log);
    expect(parsed).toMatchObject({ from: '2026-10-29', to: '2026-11-27', views: 3, visitors: 2 });
    expect(parsed).toMatchObject({ articles: [{ slug: a.slug, views: 3, visitors: 2 }], referrers: [{ host: 'search.example', views: 3 }] });
    expect(parsed.days).toHaveLength(30);
  });

  it('explains a bad --days or an unknown option and exits 1', async () => {
    app = await buildApp();
    for (const days of ['0', '367', 'week', '1.5', '=-3']) {
      const r = days.startsWith('=') ? await cli(`--days${days}`) : await cli('--days', days);
      expect(r.code).toBe(1);
      expect(r.error).toContain('--days must be a whole number from 1 to 366');
    }
    const unknown = await cli('--weeks', '2');
    expect(unknown).toMatchObject({ code: 1, error: expect.stringContaining("Unknown option '--weeks'") });
  });
});
