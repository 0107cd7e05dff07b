import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { imageBytes } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Posts the article form as multipart, the way the browser sends it. */
async function submitArticle(client: AdminClient, url: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const formPage = await client.get(url === '/admin/articles' ? '/admin/articles/new' : url);
  const form = new FormData();
  form.set('_csrf', csrfToken(formPage.body));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('hero_file', new Blob(file ? [new Uint8Array(file.bytes)] : []), file?.name ?? '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const res = await app.http.inject({
    method: 'POST',
    url,
    payload: body,
    headers: {
      'content-type': req.headers.get('content-type')!,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'user-agent': 'TestBrowser/1.0',
    },
  });
  return res;
}

const story = {
  headline: 'Council approves the river path',
  standfirst: 'A 4 km path along the east bank, paid for by a state grant.',
  body_html: '<p>The council voted <strong>6–1</strong>.</p><script>alert(1)</script>',
  authors: 'Rosa Vance\nIfe Adeyemi (guest)',
  section: 'City Hall',
  tags: 'Transport, Parks',
  sources: 'The Valley Ledger | https://example.org/ledger/path',
  heroAlt: 'The east bank at dawn',
  heroCaption: 'Where the path will run.',
  heroCredit: 'Photo: Dispatch staff',
  language: 'en',
};

describe('writing and publishing in the admin', () => {
  it('an editor writes an article with a hero image, publishes it, and readers see it', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const created = await submitArticle(client, '/admin/articles', { ...story, action: 'save' }, { name: 'hero.jpg', bytes: await imageBytes(1200, 800) });
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    expect(editUrl).toMatch(/^\/admin\/articles\/\d+$/);
    expect((await app.http.inject({ url: '/articles/council-approves-the-river-path' })).statusCode).toBe(404);

    const edit = await client.get(editUrl);
    expect(edit.body).toContain('Council approves the river path');
    const revision = /name="revision" value="(\d+)"/.exec(edit.body)![1]!;
    const published = await submitArticle(client, editUrl, { ...story, revision, action: 'publish' });
    expect(published.statusCode).toBe(303);

    const page = await app.http.inject({ url: '/articles/council-approves-the-river-path' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>6–1</strong>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toMatch(/<figcaption><span class="caption">Where the path will run\.<\/span><span class="credit">Photo: Dispatch staff<\/span>/);
    expect(page.body).toContain('/authors/ife-adeyemi');
    expect((await app.http.inject({ url: '/feed.xml' })).body).toContain('Council approves the river path');
    const audit = await client.get('/admin/audit');
    expect(audit.body).toContain('article.publish');
  });

  it('refuses the later of two conflicting saves, keeping the earlier one', async () => {
    app = await buildApp();
    const { client: first } = await loggedInClient(app, 'editor');
    const { client: second } = await loggedInClient(app, 'editor');
    const created = await submitArticle(first, '/admin/articles', { ...story, action: 'save' });
    const editUrl = created.headers.location!.split('?')[0]!;
    const revision = /name="revision" value="(\d+)"/.exec((await first.get(editUrl)).body)![1]!;
    expect((await submitArticle(first, editUrl, { ...story, revision, headline: 'First editor wins' })).statusCode).toBe(303);
    const late = await submitArticle(second, editUrl, { ...story, revision, headline: 'Second editor overwrites' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toMatch(/someone else saved this article/);
    expect(late.body).toContain('Second editor overwrites'); // their text is still in the form
    const id = Number(editUrl.split('/').pop());
    expect((await app.services.articles.findArticle('council-approves-the-river-path'))!.headline).toBe('First editor wins');
    expect(id).toBeGreaterThan(0);
  });

  it('refuses a non-image renamed .jpg and an oversized image, with a message on the field', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'writer');
    const fake = await submitArticle(
      client,
      '/admin/articles',
      { ...story, action: 'save' },
      { name: 'photo.jpg', bytes: Buffer.from('this is a text file, not a JPEG') },
    );
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('file is not a JPEG, PNG, WebP, AVIF or GIF image');
    expect(await app.services.articles.countArticles()).toBe(0);
    const huge = await submitArticle(client, '/admin/articles', { ...story, action: 'save' }, { name: 'huge.png', bytes: await imageBytes(8000, 7000, 'png') });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toMatch(/the limit is 50000000 pixels/);
  });

  it('keeps revisions, shows a word diff, and restores an old one as a new revision', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const created = await submitArticle(client, '/admin/articles', { ...story, action: 'save' });
    const editUrl = created.headers.location!.split('?')[0]!;
    const rev1 = /name="revision" value="(\d+)"/.exec((await client.get(editUrl)).body)![1]!;
    await submitArticle(client, editUrl, { ...story, revision: rev1, body_html: '<p>The council voted 5–2 on Tuesday.</p>' });
    const revisions = await client.get(`${editUrl}/revisions`);
    expect(revisions.statusCode).toBe(200);
    const diff = await client.get(`${editUrl}/diff?from=1&to=2`);
    expect(diff.body).toContain('<del>6–1.</del>');
    expect(diff.body).toMatch(/<ins>5–2 on Tuesday\.<\/ins>/);
    const restore = await client.post(`${editUrl}/revisions/1/restore`, {}, { csrfFrom: `${editUrl}/revisions` });
    expect(restore.statusCode).toBe(303);
    const article = await app.services.articles.findArticle('council-approves-the-river-path');
    expect(article!.revision).toBe(3);
    expect(article!.bodyHtml).toContain('6–1');
  });

  it('schedules an article in the outlet’s time zone; the timer publishes it', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const created = await submitArticle(client, '/admin/articles', { ...story, action: 'schedule', publishAt: '2026-11-28T09:00' });
    expect(created.statusCode).toBe(303);
    const article = await app.services.articles.findArticle('council-approves-the-river-path');
    expect(article!.status).toBe('scheduled');
    expect(article!.publishedAt).toBe('2026-11-28T09:00:00.000Z');
    const past = await submitArticle(client, created.headers.location!.split('?')[0]!, {
      ...story,
      revision: '1',
      action: 'schedule',
      publishAt: '2026-11-01T09:00',
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('choose a time in the future');
    app.fixedClock.advance(22 * 3600_000);
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual(['council-approves-the-river-path']);
    expect((await app.http.inject({ url: '/articles/council-approves-the-river-path' })).statusCode).toBe(200);
  });
});

describe('what each role may do through the admin', () => {
  it('a contributor saves a draft but cannot publish it; an editor can', async () => {
    app = await buildApp();
    const { client: contributor } = await loggedInClient(app, 'contributor');
    const created = await submitArticle(contributor, '/admin/articles', { ...story, action: 'save' });
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    const page = await contributor.get(editUrl);
    expect(page.body).not.toContain('value="publish"');
    expect(page.body).toContain('An editor publishes your draft.');
    const attempt = await submitArticle(contributor, editUrl, { ...story, revision: '1', action: 'publish' });
    expect(attempt.statusCode).toBe(403);
    expect(attempt.body).toContain('Contributors cannot publish');
    const { client: editor } = await loggedInClient(app, 'editor');
    expect((await submitArticle(editor, editUrl, { ...story, revision: '1', action: 'publish' })).statusCode).toBe(303);
  });

  it('a writer cannot open or change another writer’s article', async () => {
    app = await buildApp();
    const { client: alice } = await loggedInClient(app, 'writer');
    const { client: bob } = await loggedInClient(app, 'writer');
    const created = await submitArticle(alice, '/admin/articles', { ...story, action: 'save' });
    const editUrl = created.headers.location!.split('?')[0]!;
    expect((await bob.get(editUrl)).statusCode).toBe(403);
    const post = await submitArticle(bob, editUrl, { ...story, revision: '1', headline: 'Hijacked' }).catch(() => null);
    expect(post === null || post.statusCode === 403).toBe(true);
    expect((await app.services.articles.findArticle('council-approves-the-river-path'))!.headline).toBe(story.headline);
  });

  it('settings and users are for owners and admins only', async () => {
    app = await buildApp();
    const { client: editor } = await loggedInClient(app, 'editor');
    expect((await editor.get('/admin/settings')).statusCode).toBe(403);
    expect((await editor.get('/admin/users')).statusCode).toBe(403);
    const { client: owner } = await loggedInClient(app, 'owner');
    const saved = await owner.post(
      '/admin/settings',
      {
        name: 'The Harbour Gazette',
        tagline: '',
        description: '',
        language: 'en',
        timeZone: 'Mars/Olympus',
        contactEmail: '',
        correctionsEmail: '',
        logoUrl: '',
      },
      { csrfFrom: '/admin/settings' },
    );
    expect(saved.statusCode).toBe(422);
    expect(saved.body).toContain('must be an IANA time zone');
    const ok = await owner.post(
      '/admin/settings',
      {
        name: 'The Harbour Gazette',
        tagline: 'News',
        description: '',
        language: 'en',
        timeZone: 'Europe/London',
        contactEmail: '',
        correctionsEmail: '',
        logoUrl: '',
      },
      { csrfFrom: '/admin/settings' },
    );
    expect(ok.statusCode).toBe(200);
    expect((await app.http.inject({ url: '/robots.txt' })).statusCode).toBe(200);
    expect((await app.http.inject({ url: '/' })).body).toContain('The Harbour Gazette');
    expect((await owner.get('/admin/audit')).body).toContain('settings.change');
  });
});
