import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const databases = await testDatabases();
const get = (url: string) => app!.http.inject({ method: 'GET', url });

function storyFile(slug: string, funding: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-funding-'));
  dirs.push(dir);
  const file = path.join(dir, `${slug}.md`);
  fs.writeFileSync(
    file,
    `---\ntitle: "Story ${slug}"\nslug: ${slug}\nauthor: Rosa Vance\nsection: Health\npublished_at: ` +
      `2026-11-26T09:00:00Z\n${funding}---\nThe first paragraph.\n`,
  );
  return file;
}
const importFile = (file: string) => app!.services.importer.importPaths([file], { publish: true, update: false, now: app!.clock(), defaultLanguage: 'en' });
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>;

describe.each(databases)('funding in import front matter, stored and shown (%s)', (database) => {
  it('underwritten: a quiet credit above the body and schema.org funder; sponsored: a label everywhere and schema.org sponsor', async () => {
    app = await buildApp({ database });
    const underwritten = await importFile(
      storyFile(
        'clinic-waits',
        'funding:\n  kind: underwritten\n  name: Millbrook Health Fund\n  url: https://example.org/millbrook\n  disclosure: The fund paid for the data work.\n',
      ),
    );
    expect(underwritten.ok).toBe(true);
    const sponsored = await importFile(
      storyFile('bank-savings-guide', 'funding: { kind: sponsored, name: Riverside Credit Union, url: "https://example.com/rcu" }\n'),
    );
    expect(sponsored.ok).toBe(true);
    await createArticle(app, { slug: 'plain-story', section: 'Health' });

    expect((await app.services.articles.findArticle('clinic-waits'))!.funding).toEqual({
      kind: 'underwritten',
      name: 'Millbrook Health Fund',
      url: 'https://example.org/millbrook',
      disclosure: 'The fund paid for the data work.',
    });

    const u = (await get('/articles/clinic-waits')).body;
    expect(u).toContain(
      '<aside class="funding funding-underwritten" aria-label="Funding"><p>This reporting was supported by <a href="https://example.org/millbrook" rel="noopener">Millbrook Health Fund</a>. The fund paid for the data work.</p></aside>',
    );
    expect(u.indexOf('funding-underwritten')).toBeLessThan(u.indexOf('class="story-body"'));
    // The story itself carries no sponsorship label (a related card for the sponsored story may, and must).
    const story = u.slice(u.indexOf('<article class="story"'), u.indexOf('</article>'));
    expect(story).not.toContain('Sponsored');
    expect(story).not.toContain('funding-sponsored');
    expect(jsonLd(u).funder).toEqual({ '@type': 'Organization', name: 'Millbrook Health Fund', url: 'https://example.org/millbrook' });
    expect(jsonLd(u).sponsor).toBeUndefined();

    const s = (await get('/articles/bank-savings-guide')).body;
    expect(s).toContain('<p class="funding-label">Sponsored content</p>');
    expect(s).toContain('<strong>Sponsored by <a href="https://example.com/rcu" rel="sponsored noopener">Riverside Credit Union</a>.</strong>');
    expect(s).not.toContain('This reporting was supported by');
    expect(jsonLd(s).sponsor).toEqual({ '@type': 'Organization', name: 'Riverside Credit Union', url: 'https://example.com/rcu' });
    expect(jsonLd(s).funder).toBeUndefined();
    expect(jsonLd((await get('/articles/plain-story')).body)).not.toHaveProperty('funder');

    // Lists: only the sponsored story carries the label.
    for (const url of ['/', '/sections/health']) {
      // Every card: plain, or the front page's lead, secondary and row variants.
      const cards = (await get(url)).body
        .split(/<article class="card(?: card-[a-z]+)?"/)
        .slice(1)
        .map((c) => c.slice(0, c.indexOf('</article>')));
      expect(cards.length, url).toBeGreaterThanOrEqual(3);
      for (const card of cards) expect(card.includes('<p class="card-sponsored">Sponsored</p>'), url).toBe(card.includes('/articles/bank-savings-guide'));
      expect(
        cards.some((c) => c.includes('card-sponsored')),
        url,
      ).toBe(true);
    }
    // Feeds: a title prefix every reader shows, and a category.
    const rss = (await get('/feed.xml')).body;
    expect(rss).toContain('<title>Sponsored: Story bank-savings-guide</title>');
    expect(rss).toContain('<category>Sponsored</category>');
    expect(rss).toContain('<title>Story clinic-waits</title>');
    const json = JSON.parse((await get('/feed.json')).body) as { items: { title: string; tags?: string[] }[] };
    expect(json.items.find((i) => i.title === 'Sponsored: Story bank-savings-guide')?.tags).toContain('Sponsored');
  });
});

describe('funding front matter refused with the field named', () => {
  it.each([
    ['funding: { kind: advertorial, name: X }\n', 'funding.kind', 'must be underwritten or sponsored'],
    ['funding: { kind: sponsored }\n', 'funding.name', 'is required (who paid for the story)'],
    ['funding: { kind: sponsored, name: X, url: "javascript:alert(1)" }\n', 'funding.url', 'must be an http(s) URL'],
    [`funding: { kind: sponsored, name: "${'x'.repeat(121)}" }\n`, 'funding.name', 'must be at most 120 characters'],
    ['funding: { kind: sponsored, name: X, amount: 5000 }\n', 'funding.amount', 'unknown field (funding has kind, name, url and disclosure)'],
    ['funding: Riverside Credit Union\n', 'funding', 'must be a set of fields: kind, name, url, disclosure'],
  ])('%s', async (yaml, field, message) => {
    app = await buildApp();
    const result = await importFile(storyFile('bad-funding', yaml));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ field, message })]);
    expect(await app.services.articles.findArticle('bad-funding')).toBeNull();
  });
});

/** Posts the article form as multipart, the way the browser sends it. */
async function submitArticle(client: AdminClient, url: string, fields: Record<string, string>) {
  const formPage = await client.get(url === '/admin/articles' ? '/admin/articles/new' : url);
  const form = new FormData();
  form.set('_csrf', csrfToken(formPage.body));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('hero_file', new Blob([]), '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return app!.http.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')!, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

const story = { headline: 'What the savings guide covers', body_html: '<p>Six ways to save.</p>', authors: 'Rosa Vance', section: 'Money', language: 'en' };

describe('funding in the editor', () => {
  it('saves a disclosure, keeps it across edits, and names the field that is wrong', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const bad = await submitArticle(client, '/admin/articles', {
      ...story,
      action: 'save',
      fundingKind: 'sponsored',
      fundingName: '',
      fundingUrl: 'ftp://example.org',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="f-fundingName"[^>]*aria-invalid="true"[^>]*\/><p class="field-error"[^>]*>is required \(who paid for the story\)<\/p>/);
    expect(bad.body).toMatch(/id="f-fundingUrl"[^>]*aria-invalid="true"[^>]*\/><p class="field-error"[^>]*>must be an http\(s\) URL<\/p>/);
    const noKind = await submitArticle(client, '/admin/articles', { ...story, action: 'save', fundingKind: '', fundingName: 'Riverside Credit Union' });
    expect(noKind.statusCode).toBe(422);
    expect(noKind.body).toContain('choose underwritten or sponsored, or clear the funder fields');
    const odd = await submitArticle(client, '/admin/articles', { ...story, action: 'save', fundingKind: 'paid', fundingName: 'X' });
    expect(odd.body).toContain('must be underwritten or sponsored');

    const created = await submitArticle(client, '/admin/articles', {
      ...story,
      action: 'publish',
      fundingKind: 'sponsored',
      fundingName: 'Riverside Credit Union',
      fundingUrl: 'https://example.com/rcu',
      fundingDisclosure: 'The credit union paid for this guide and reviewed it before publication.',
    });
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    const form = (await client.get(editUrl)).body;
    expect(form).toContain('<option value="sponsored" selected>');
    expect(form).toContain('value="Riverside Credit Union"');
    const slug = 'what-the-savings-guide-covers';
    expect((await get(`/articles/${slug}`)).body).toContain('The credit union paid for this guide and reviewed it before publication.');
    // Saving again without touching the funding fields keeps them (they are in the form).
    const revision = /name="revision" value="(\d+)"/.exec(form)![1]!;
    const fields = Object.fromEntries(
      ['fundingKind', 'fundingName', 'fundingUrl', 'fundingDisclosure'].map((k) => [
        k,
        k === 'fundingKind' ? 'sponsored' : (new RegExp(`name="${k}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? ''),
      ]),
    );
    fields.fundingDisclosure = 'The credit union paid for this guide and reviewed it before publication.';
    const resaved = await submitArticle(client, editUrl, {
      ...story,
      headline: 'What the savings guide covers, updated',
      revision,
      action: 'publish',
      ...fields,
    });
    expect(resaved.statusCode).toBe(303);
    expect((await app.services.articles.findArticle(slug))!.funding?.kind).toBe('sponsored');
    // Clearing the kind and the fields removes the disclosure.
    const rev2 = /name="revision" value="(\d+)"/.exec((await client.get(editUrl)).body)![1]!;
    const cleared = await submitArticle(client, editUrl, {
      ...story,
      revision: rev2,
      action: 'publish',
      fundingKind: '',
      fundingName: '',
      fundingUrl: '',
      fundingDisclosure: '',
    });
    expect(cleared.statusCode).toBe(303);
    expect((await app.services.articles.findArticle(slug))!.funding).toBeNull();
    expect((await get(`/articles/${slug}`)).body).not.toContain('class="funding');
  });
});
