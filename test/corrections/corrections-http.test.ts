import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';
import { eventually } from '../support/redis.js';
import { startSmtpServer } from '../support/smtp.js';
import { testDatabases } from '../support/databases.js';

let app: TestApp;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  while (cleanups.length) await cleanups.pop()!();
});

const BODY = 'The bridge opened in 1931 after four years of work.\n\nIt carries 12,000 cars a day, the city says.\n\nRepairs will cost $4 million.';

async function withStory() {
  app = await buildApp();
  await createArticle(app, { slug: 'bridge-story', headline: 'The old bridge', bodyMarkdown: BODY });
}

const report = (body: Record<string, unknown>, ip = '203.0.113.7') =>
  app.http.inject({ method: 'POST', url: '/api/v1/corrections', payload: body, headers: { 'x-forwarded-for': ip } });

const valid = { article: 'bridge-story', quote: { exact: 'It carries 12,000 cars a day' }, suggestion: 'The city says 21,000, not 12,000.' };

describe('POST /api/v1/corrections', () => {
  it('accepts a report, anchored to the passage in the revision the reader saw', async () => {
    await withStory();
    const res = await report({ ...valid, revision: 1, position: { start: 53, end: 81 }, email: 'reader@example.org' });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    const found = await app.services.corrections.findReport(id);
    expect(found!.report.quote.exact).toBe('It carries 12,000 cars a day');
    expect(found!.report.quote.prefix).toMatch(/four years of work\.\n\n$/);
    expect(found!.report.position).toEqual({ start: 53, end: 81 });
    expect(found!.placement.status).toBe('exact');
    expect(found!.report.contacts).toBe(1);
  });

  it('names the field when the input is wrong', async () => {
    await withStory();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ ...valid, article: 'no-such-story' }, 404, /article "no-such-story" is not a published article/],
      [{ ...valid, quote: { exact: 'a sentence that was never written' } }, 422, /quote\.exact was not found in this article/],
      [{ ...valid, suggestion: '   ' }, 400, /suggestion is required/],
      [{ ...valid, suggestion: 'x'.repeat(2001) }, 400, /suggestion must be at most 2000 characters/],
      [{ ...valid, email: 'not-an-email' }, 400, /email must be an email address/],
      [{ article: 'bridge-story', suggestion: 'x' }, 400, /quote is required/],
      [{ ...valid, quote: { exact: 'y'.repeat(3000) } }, 400, /quote\.exact must be at most 1000 characters/],
    ];
    for (const [body, status, message] of cases) {
      const res = await report(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((res.json() as { error: string }).error).toMatch(message);
    }
    const notJson = await app.http.inject({
      method: 'POST',
      url: '/api/v1/corrections',
      payload: '{"article":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toHaveProperty('error');
  });

  it('folds identical reports into one with a count, and drops honeypot submissions', async () => {
    await withStory();
    const [a, b] = await Promise.all([report(valid, '198.51.100.1'), report(valid, '198.51.100.2')]);
    expect(a.json()).toEqual(b.json());
    const queue = await app.services.corrections.listQueue('new', 1);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]!.report.count).toBe(2);
    const bot = await report({ ...valid, suggestion: 'Buy cheap watches', website: 'http://spam.example' });
    expect(bot.statusCode).toBe(201);
    expect((await app.services.corrections.listQueue('new', 1)).items).toHaveLength(1);
  });

  it('limits each IP, with a clear 429', async () => {
    await withStory();
    for (let i = 0; i < 10; i++) expect((await report({ ...valid, suggestion: `attempt ${i}` })).statusCode).toBe(201);
    const over = await report({ ...valid, suggestion: 'one too many' });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((over.json() as { error: string }).error).toMatch(/try again in \d+ minute/);
    expect((await report({ ...valid, suggestion: 'from elsewhere' }, '192.0.2.99')).statusCode).toBe(201);
  });
});

describe('client addresses', () => {
  it('without TRUST_PROXY, a forged X-Forwarded-For does not escape the rate limit', async () => {
    app = await buildApp({ config: { trustProxy: false } });
    await createArticle(app, { slug: 'bridge-story', headline: 'The old bridge', bodyMarkdown: BODY });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await report({ ...valid, suggestion: `attempt ${i}` }, `198.51.100.${i + 1}`)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe('the corrections desk', () => {
  it('shows a hostile suggestion escaped in the admin queue', async () => {
    await withStory();
    await report({ ...valid, suggestion: '<script>alert("x")</script><img src=x onerror=alert(1)>' });
    const { client } = await loggedInClient(app, 'editor');
    const page = await client.get('/admin/corrections');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>');
    expect(page.body).toContain('<mark>It carries 12,000 cars a day</mark>');
    const { client: writer } = await loggedInClient(app, 'writer');
    expect((await writer.get('/admin/corrections')).statusCode).toBe(403);
  });

  it('emails the reader through SMTP when their report is resolved, then forgets the address', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    await createArticle(app, { slug: 'bridge-story', headline: 'The old bridge', bodyMarkdown: BODY });
    const { id } = (await report({ ...valid, email: 'Reader@Example.org' })).json() as { id: number };
    const { client } = await loggedInClient(app, 'editor');
    const res = await client.post(`/admin/corrections/${id}/status`, { status: 'accepted' }, { csrfFrom: `/admin/corrections/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('1 reader was told');
    expect(await eventually(() => smtp.messages.length === 1)).toBe(true);
    const mail = smtp.messages[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('reader@example.org');
    expect(mail.from?.text).toContain('desk@news.example.test');
    expect(mail.subject).toBe('Your report to Masthead');
    expect(mail.text).toContain('Our editors agreed and have fixed it');
    expect(mail.text).toContain('https://news.example.test/articles/bridge-story');
    expect((await app.services.corrections.findReport(id))!.report.contacts).toBe(0);
  });

  it('publishes a correction: on the article near the top, in JSON-LD, in dateModified, in the log and its feed', async () => {
    await withStory();
    const { id } = (await report(valid)).json() as { id: number };
    const { client } = await loggedInClient(app, 'editor');
    app.fixedClock.advance(3600_000);
    const res = await client.post(
      `/admin/corrections/${id}/note`,
      { kind: 'correction', body: 'An earlier version gave the wrong traffic count.' },
      { csrfFrom: `/admin/corrections/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = (await app.http.inject({ url: '/articles/bridge-story' })).body;
    expect(page.indexOf('note-correction')).toBeGreaterThan(0);
    expect(page.indexOf('note-correction')).toBeLessThan(page.indexOf('class="story-body"'));
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page)![1]!) as {
      dateModified: string;
      correction: { '@type': string; text: string }[];
    };
    expect(ld.correction[0]).toMatchObject({ '@type': 'CorrectionComment', text: 'Correction: An earlier version gave the wrong traffic count.' });
    expect(ld.dateModified).toBe('2026-11-27T13:00:00.000Z');
    const log = (await app.http.inject({ url: '/corrections' })).body;
    expect(log).toContain('An earlier version gave the wrong traffic count.');
    expect(log).toContain('href="/articles/bridge-story"');
    const feed = await app.http.inject({ url: '/corrections/feed.xml' });
    expect(feed.headers['content-type']).toMatch(/rss\+xml/);
    expect(feed.body).toContain('<title>Correction: The old bridge</title>');
    const empty = await client.post(`/admin/corrections/${id}/note`, { kind: 'correction', body: '  ' }, { csrfFrom: `/admin/corrections/${id}` });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('write the note readers will see');
  });

  it('lists reports from the CLI', async () => {
    await withStory();
    await report(valid);
    const file = (app.config.database as { file: string }).file;
    const lines: string[] = [];
    const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
    expect(
      await main(
        ['corrections', 'list', '--status', 'new', '--json'],
        { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', SECRET_KEY: 'k'.repeat(40) },
        out,
      ),
    ).toBe(0);
    expect(JSON.parse(lines[0]!)).toEqual([
      expect.objectContaining({ status: 'new', count: 1, article: 'bridge-story', quote: 'It carries 12,000 cars a day' }),
    ]);
    expect(
      await main(['corrections', 'list', '--status', 'weird'], { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', SECRET_KEY: 'k'.repeat(40) }, out),
    ).toBe(2);
  });
});

describe('the no-JavaScript report form', () => {
  it('takes a pasted passage and a suggestion, and says what to fix when the passage is not in the story', async () => {
    await withStory();
    const form = await app.http.inject({ url: '/articles/bridge-story/report' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('private, no-store');
    const post = (fields: Record<string, string>) =>
      app.http.inject({
        method: 'POST',
        url: '/articles/bridge-story/report',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const wrong = await post({ quote: 'The tunnel opened in 1990', suggestion: 'Wrong year' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('We could not find that passage in this story');
    expect(wrong.body).toContain('The tunnel opened in 1990'); // kept in the form
    const ok = await post({ quote: 'Repairs will cost\n $4 million.', suggestion: 'It is $4.5 million.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Thank you. An editor will look at your report.');
    const queued = await app.services.corrections.listQueue('new', 1);
    expect(queued.items[0]!.report.quote.exact).toBe('Repairs will cost $4 million.');
    expect(csrfToken).toBeTypeOf('function');
  });
});

const databases = await testDatabases();
describe.each(databases)('reports on %s', (database) => {
  it('fold two identical reports sent at once into one row with a count of two', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'bridge-story', headline: 'The old bridge', bodyMarkdown: BODY });
    const now = app.clock();
    const [a, b] = await Promise.all([app.services.corrections.submitReport(valid, now), app.services.corrections.submitReport(valid, now)]);
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    const queue = await app.services.corrections.listQueue('new', 1);
    expect(queue.items.map((x) => x.report.count)).toEqual([2]);
    // Once resolved, the same report again opens a new one.
    const { id } = queue.items[0]!.report;
    await app.services.corrections.setStatus(id, 'rejected', { id: 0, name: 'Desk', role: 'editor' }, now);
    const again = await app.services.corrections.submitReport(valid, now);
    expect(again.ok && again.id).not.toBe(id);
  });
});
