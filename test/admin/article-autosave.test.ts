import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, submitArticleForm, type AdminClient } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

const story = {
  headline: 'Harbour bridge reopens to cyclists',
  standfirst: 'The east lane is open again after six weeks of repairs.',
  body_html: '<p>The bridge reopened on Monday.</p>',
  authors: 'Rosa Vance',
  section: 'Transport',
  tags: 'Bridges',
  language: 'en',
};

const cookie = (client: AdminClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const getJson = async (client: AdminClient, url: string) => {
  const res = await app.http.inject({ method: 'GET', url, headers: { cookie: cookie(client), accept: 'application/json', 'user-agent': 'TestBrowser/1.0' } });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
};
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1]!;

/** Publishes the story through the form; returns its edit URL and current revision. */
async function publish(client: AdminClient) {
  const created = await submitArticleForm(app, client, '/admin/articles', { ...story, action: 'publish' });
  expect(created.statusCode).toBe(303);
  const editUrl = created.headers.location!.split('?')[0]!;
  const page = await client.get(editUrl);
  return { editUrl, revision: revisionOf(page.body), csrf: csrfToken(page.body) };
}

describe.each(await testDatabases())('autosave on %s', (database) => {
  it('keeps the text without touching the live story or the stale-revision check, and folds into the revision list', async () => {
    app = await buildApp({ database });
    const { client } = await loggedInClient(app, 'editor');
    const { editUrl, revision, csrf } = await publish(client);

    const saved = await client.post(
      `${editUrl}/autosave`,
      { revision, headline: 'Harbour bridge reopens — draft of a new top', standfirst: story.standfirst, body_html: '<p>Half-written.</p>', body_json: '' },
      { csrf },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ stale: false, revision: Number(revision) });

    // Readers still see the published text; the article's revision did not move.
    const live = await app.http.inject({ url: '/articles/harbour-bridge-reopens-to-cyclists' });
    expect(live.body).toContain('Harbour bridge reopens to cyclists');
    expect(live.body).not.toContain('Half-written');
    const page = await client.get(editUrl);
    expect(revisionOf(page.body)).toBe(revision);
    expect(page.body).toContain('Restore the autosave');

    // The revision list folds it under the revision it was based on.
    const revisions = await client.get(`${editUrl}/revisions`);
    expect(revisions.body).toMatch(/1 autosave after this revision/);

    // A real save naming the current revision still works; one naming an old one is still refused.
    expect((await submitArticleForm(app, client, editUrl, { ...story, revision, action: 'publish', standfirst: 'Updated.' })).statusCode).toBe(303);
    const late = await submitArticleForm(app, client, editUrl, { ...story, revision, action: 'publish' });
    expect(late.statusCode).toBe(409);

    // An autosave from the page that is now behind is kept, and says so.
    const behind = await client.post(
      `${editUrl}/autosave`,
      { revision, headline: 'From an old tab', standfirst: '', body_html: '<p>Old tab.</p>', body_json: '' },
      { csrf },
    );
    expect(behind.json()).toMatchObject({ stale: true, revision: Number(revision) + 1 });

    // Restoring an autosave makes it a new revision, through the normal save.
    const listed = await client.get(`${editUrl}/revisions`);
    const autosaveId = /autosaves\/(\d+)\/restore/.exec(listed.body)![1]!;
    const restored = await client.post(`${editUrl}/autosaves/${autosaveId}/restore`, {}, { csrf });
    expect(restored.statusCode).toBe(303);
    const after = await client.get(editUrl);
    expect(revisionOf(after.body)).toBe(String(Number(revision) + 2));
    expect((await app.http.inject({ url: '/articles/harbour-bridge-reopens-to-cyclists' })).body).toContain('Harbour bridge reopens — draft of a new top');
  });
});

describe('autosave refusals', () => {
  it('answers 400 naming the problem, 404 for a missing story, 403 for someone else’s', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const { editUrl, csrf } = await publish(client);
    const bad = await client.post(`${editUrl}/autosave`, { revision: 'abc', headline: 'x' }, { csrf });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/revision must be a number/);
    const missing = await client.post('/admin/articles/999999/autosave', { revision: '1' }, { csrf });
    expect(missing.statusCode).toBe(404);
    const { client: writer } = await loggedInClient(app, 'writer');
    const writerCsrf = csrfToken((await writer.get('/admin/articles/new')).body);
    const foreign = await writer.post(`${editUrl}/autosave`, { revision: '1', headline: 'Not mine' }, { csrf: writerCsrf });
    expect(foreign.statusCode).toBe(403);
  });

  it('a new story asked for as JSON answers its id, or the fields to fix', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'writer');
    const page = await client.get('/admin/articles/new');
    const send = async (fields: Record<string, string>) => {
      const form = new FormData();
      form.set('_csrf', csrfToken(page.body));
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      const req = new Request('http://x/', { method: 'POST', body: form });
      return app.http.inject({
        method: 'POST',
        url: '/admin/articles',
        payload: Buffer.from(await req.arrayBuffer()),
        headers: { 'content-type': req.headers.get('content-type')!, accept: 'application/json', cookie: cookie(client), 'user-agent': 'TestBrowser/1.0' },
      });
    };
    const empty = await send({ ...story, headline: '', action: 'save' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().fields).toHaveProperty('headline');
    const ok = await send({ ...story, action: 'save' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ slug: 'harbour-bridge-reopens-to-cyclists', status: 'draft', revision: 1 });
  });
});

describe.each(await testDatabases())('the pickers’ lookups on %s', (database) => {
  it('find tags, bylines and related stories by any part of their name, in any case', async () => {
    app = await buildApp({ database });
    await createArticle(app, {
      slug: 'ferry-fares-rise',
      headline: 'Ferry fares rise in March',
      tags: ['Ferries', 'Budget'],
      authors: [{ name: 'Ana Ruiz' }, { name: 'Lee Park', guest: true }],
    });
    const { client } = await loggedInClient(app, 'contributor');
    expect((await getJson(client, '/admin/editor/tags?q=ERR')).body).toEqual({ tags: ['Ferries'] });
    expect((await getJson(client, '/admin/editor/tags?q=100%25')).body).toEqual({ tags: [] });
    expect((await getJson(client, '/admin/editor/authors?q=park')).body).toEqual({ authors: [{ name: 'Lee Park', guest: true }] });
    const related = await getJson(client, '/admin/editor/related?q=FARES');
    expect(related.body.stories).toEqual([
      { slug: 'ferry-fares-rise', headline: 'Ferry fares rise in March', section: 'City Hall', publishedAt: '2026-11-26T09:00:00.000Z' },
    ]);
    const tooLong = await getJson(client, `/admin/editor/related?q=${'x'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(String(tooLong.body.error)).toMatch(/q must be at most 200 characters/);
    expect((await getJson(client, '/admin/editor/related?q=fares&exclude=abc')).status).toBe(400);
  });
});
