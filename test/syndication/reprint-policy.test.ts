import { afterEach, describe, expect, it } from 'vitest';
import { isNotPublicOutput, NO_STORY_TEXT, PUBLIC_OUTPUTS } from '../../src/syndication/public-outputs.js';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

const MARKER = 'The harbour commission never published the 2019 dredging survey.';

/** A 3,000-character story whose standfirst is long too, with a unique marker sentence past character 500. */
function longStory() {
  const sentence = 'Residents of the east bank say the river has crept closer every spring since the levee was last raised. ';
  const lead = sentence.repeat(6); // ~620 characters before the marker
  const standfirst = `${sentence.repeat(5)}${MARKER}`.slice(0, 600);
  const body = `${lead}\n\n${MARKER}\n\n${sentence.repeat(20)}`;
  return { standfirst, body };
}

async function withLongStory() {
  app = await buildApp();
  const { standfirst, body } = longStory();
  expect(body.indexOf(MARKER)).toBeGreaterThan(500);
  await createArticle(app, {
    slug: 'levee-story',
    headline: 'The levee question',
    standfirst: standfirst.slice(0, 590),
    bodyMarkdown: body,
    section: 'Environment',
    tags: ['Flooding'],
    authors: [{ name: 'Tomas Reyes' }],
  });
  // A correction note gives the log and its feed something to show.
  const { client } = await loggedInClient(app, 'editor');
  void client;
  const article = await app.services.articles.findArticle('levee-story');
  await app.services.corrections.publishNote(
    { articleId: article!.id, kind: 'clarification', body: 'We added the date of the survey.', reportId: null },
    { id: 0, name: 'Desk', role: 'editor' },
    app.clock(),
  );
}

const story = {
  slug: 'levee-story',
  section: 'environment',
  tag: 'flooding',
  author: 'tomas-reyes',
  canonical: 'https://news.example.test/articles/levee-story',
};

/** The longest run of the story's text (body or standfirst) that appears in `output`, in characters. */
function longestRun(output: string, text: string): number {
  const plain = output
    .replace(/\\u003c/g, '<')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'");
  let best = 0;
  // Sliding check at word boundaries: grow a window while it is still contained.
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    let j = i + 1;
    let piece = words[i]!;
    if (!plain.includes(piece)) continue;
    while (j < words.length && plain.includes(`${piece} ${words[j]}`)) piece = `${piece} ${words[j++]}`;
    best = Math.max(best, Array.from(piece).length);
  }
  return best;
}

describe('the reprint policy on every public output', () => {
  it('every public GET route is either a registered output or listed as carrying no story text', async () => {
    app = await buildApp();
    const registered = new Set(PUBLIC_OUTPUTS.map((o) => o.route));
    const unlisted = app.http.routeList
      .filter((r) => r.method === 'GET' && !isNotPublicOutput(r.url))
      .map((r) => r.url.replace(/\/$/, '') || '/')
      .filter((url) => !registered.has(url) && !(url in NO_STORY_TEXT));
    expect(unlisted).toEqual([]);
  });

  it('no registered output carries more than 500 characters of a 3,000-character story, and each links to it', async () => {
    await withLongStory();
    const { standfirst, body } = longStory();
    for (const output of PUBLIC_OUTPUTS) {
      const res = await app.http.inject({ url: output.url(story) });
      expect(res.statusCode, output.name).toBe(200);
      const text = output.part === 'head' ? res.body.slice(0, res.body.indexOf('</head>')) : res.body;
      expect(text.includes(MARKER), `${output.name} carries the marker sentence`).toBe(false);
      expect(longestRun(text, body), `${output.name}: longest run of body text`).toBeLessThanOrEqual(500);
      expect(longestRun(text, standfirst), `${output.name}: longest run of the standfirst`).toBeLessThanOrEqual(500);
      expect(text.includes('/articles/levee-story'), `${output.name} links to the story`).toBe(true);
    }
  });

  it('follows a lower limit set by the editors, everywhere at once', async () => {
    await withLongStory();
    const { standfirst } = longStory();
    await app.services.policy.updatePolicy({ maxExcerptChars: 120 }, { now: app.clock(), actor: null });
    for (const output of PUBLIC_OUTPUTS) {
      const res = await app.http.inject({ url: output.url(story) });
      const text = output.part === 'head' ? res.body.slice(0, res.body.indexOf('</head>')) : res.body;
      expect(longestRun(text, standfirst), output.name).toBeLessThanOrEqual(120);
    }
    const page = await app.http.inject({ url: '/articles/levee-story' });
    expect(page.body).toContain('You may quote up to 120 characters of this story');
  });

  it('states the rights: JSON-LD license, TDMRep headers and file, the policy page', async () => {
    await withLongStory();
    const page = await app.http.inject({ url: '/articles/levee-story' });
    expect(page.headers['tdm-reservation']).toBe('1');
    expect(page.headers['tdm-policy']).toBe('https://news.example.test/reprint-policy');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.body)![1]!) as Record<string, unknown>;
    expect(ld).toMatchObject({ license: 'https://news.example.test/reprint-policy', copyrightHolder: { name: 'Masthead' }, copyrightYear: 2026 });
    const tdm = await app.http.inject({ url: '/.well-known/tdmrep.json' });
    expect(tdm.json()).toEqual([{ location: '/*', 'tdm-reservation': 1, 'tdm-policy': 'https://news.example.test/reprint-policy' }]);
    const policyPage = await app.http.inject({ url: '/reprint-policy' });
    expect(policyPage.body).toContain('You may quote up to 500 characters of any story');
  });
});

describe('the Content API and oEmbed', () => {
  it('lists and shows stories with excerpts, validates its query, and documents itself', async () => {
    await withLongStory();
    const list = await app.http.inject({ url: '/api/v1/articles?per_page=5' });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { slug: string; excerpt: string; url: string; content_html?: string }[]; next: string | null };
    expect(body.items[0]).toMatchObject({ slug: 'levee-story', url: 'https://news.example.test/articles/levee-story' });
    expect(body.items[0]!.content_html).toBeUndefined();
    expect(Array.from(body.items[0]!.excerpt).length).toBeLessThanOrEqual(500);
    const bad = await app.http.inject({ url: '/api/v1/articles?per_page=500' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'per_page: per_page must be 50 or less' });
    expect((await app.http.inject({ url: '/api/v1/articles?section=environment&tag=flooding' })).statusCode).toBe(400);
    expect((await app.http.inject({ url: '/api/v1/articles/nope' })).statusCode).toBe(404);
    const unknownKey = await app.http.inject({ url: '/api/v1/articles/levee-story', headers: { authorization: 'Bearer not-a-key' } });
    expect(unknownKey.statusCode).toBe(401);
    expect(unknownKey.json()).toHaveProperty('error');
    const openapi = (await app.http.inject({ url: '/api/v1/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(['/articles', '/articles/{slug}', '/search']);
    expect(openapi.components.schemas).toHaveProperty('Article');
  });

  it('oEmbed answers for our stories only', async () => {
    await withLongStory();
    const ok = await app.http.inject({ url: `/oembed?url=${encodeURIComponent(story.canonical)}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: '1.0', type: 'rich', title: 'The levee question', provider_name: 'Masthead' });
    expect((await app.http.inject({ url: `/oembed?url=${encodeURIComponent('https://elsewhere.example/articles/levee-story')}` })).statusCode).toBe(404);
    expect((await app.http.inject({ url: '/oembed?url=not%20a%20url' })).statusCode).toBe(400);
    expect((await app.http.inject({ url: `/oembed?url=${encodeURIComponent(story.canonical)}&format=xml` })).statusCode).toBe(501);
  });
});

describe('editors set the policy in the admin', () => {
  it('saves a new limit, refuses a bad one with the field named, and writers cannot', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const fields = {
      maxExcerptChars: '300',
      license: 'Quote with a link.',
      permissionsContact: 'rights@example.org',
      tdmReservation: '1',
      tdmPolicyUrl: '',
      aiCrawlers: 'GPTBot\nCCBot',
    };
    const ok = await client.post('/admin/policy', fields, { csrfFrom: '/admin/policy' });
    expect(ok.statusCode).toBe(200);
    expect((await app.services.policy.getPolicy()).maxExcerptChars).toBe(300);
    const bad = await client.post('/admin/policy', { ...fields, maxExcerptChars: 'ten' }, { csrfFrom: '/admin/policy' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must be a number');
    expect((await client.get('/admin/audit')).body).toContain('policy.change');
    const { client: writer } = await loggedInClient(app, 'writer');
    expect((await writer.get('/admin/policy')).statusCode).toBe(403);
  });
});

describe('partner keys on the Content API', () => {
  it('full text only inside the grant, excerpts outside it; revoked and expired keys are refused clearly', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'in-scope', section: 'Environment', bodyMarkdown: 'Body of the [covered](/articles/out-of-scope) story.' });
    await createArticle(app, { slug: 'out-of-scope', section: 'Schools' });
    const granted = await app.services.partners.grant(
      { partnerName: 'Valley Ledger', scope: { kind: 'section', section: 'environment' }, fullText: true, expiresAt: '2027-01-31', notes: '' },
      null,
      app.clock(),
    );
    if (!granted.ok) throw new Error(granted.message);
    const auth = { authorization: `Bearer ${granted.key}` };
    const inside = await app.http.inject({ url: '/api/v1/articles/in-scope', headers: auth });
    expect(inside.statusCode).toBe(200);
    expect(inside.headers['cache-control']).toBe('private, no-store');
    expect((inside.json() as { content_html: string }).content_html).toContain('href="https://news.example.test/articles/out-of-scope"');
    const bundle = (inside.json() as { republish_html: string }).republish_html;
    expect(bundle).toContain('https://news.example.test/articles/in-scope');
    expect(bundle).toMatch(/\/republish\/pixel\/\d+\.gif/);
    const outside = await app.http.inject({ url: '/api/v1/articles/out-of-scope', headers: auth });
    expect(outside.json()).not.toHaveProperty('content_html');
    // Anonymous readers of the same URL never get the partner's answer from the cache.
    expect((await app.http.inject({ url: '/api/v1/articles/in-scope' })).json()).not.toHaveProperty('content_html');
    const grants = await app.services.partners.listGrants();
    expect(grants[0]!.fullTextFetches).toBe(1);

    app.fixedClock.advance(70 * 86_400_000);
    const expired = await app.http.inject({ url: '/api/v1/articles/in-scope', headers: auth });
    expect(expired.statusCode).toBe(403);
    expect((expired.json() as { error: string }).error).toMatch(/expired/i);

    const second = await app.services.partners.grant(
      { partnerName: 'Harbour Post', scope: { kind: 'all' }, fullText: true, expiresAt: null, notes: '' },
      null,
      app.clock(),
    );
    if (!second.ok) throw new Error(second.message);
    await app.services.partners.revoke(second.grantId, null, app.clock());
    const revoked = await app.http.inject({ url: '/api/v1/articles', headers: { authorization: `Bearer ${second.key}` } });
    expect(revoked.statusCode).toBe(403);
    expect((revoked.json() as { error: string }).error).toMatch(/revoked/i);
  });
});
