import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

async function setup() {
  app = await buildApp();
  const p = await memberClient(app, { patron: true });
  const propose = async (title: string) => {
    const r = await app.services.topics.propose({ memberId: p.member.id, title, description: 'From a patron.' }, app.clock());
    if (!r.ok) throw new Error(r.message);
    return r.topic.id;
  };
  const { client } = await loggedInClient(app, 'editor');
  const published: string[][] = [];
  app.invalidation.subscribe((keys) => void published.push(keys));
  return { p, propose, client, published };
}

describe('curating topics in /admin', () => {
  it('edits a topic, answers it, and links the article that covered it', async () => {
    const { propose, client, published } = await setup();
    const id = await propose('Bus shelters on Harbour Road');
    const list = await client.get('/admin/topics');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/topics/${id}"`);
    expect(list.body).toContain('href="/admin/topics"'); // the nav link

    const page = `/admin/topics/${id}`;
    const edited = await client.post(page, { title: 'Bus shelters on Harbour Road and Quay Street', description: 'Tidied by the desk.' }, { csrfFrom: page });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toBe(`${page}?done=saved`);
    expect((await client.get(`${page}?done=saved`)).body).toContain('Saved.');
    const tooShort = await client.post(page, { title: 'Bus', description: '' }, { csrfFrom: page });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain('title must be at least 8 characters');

    const unknown = await client.post(`${page}/articles`, { slug: 'no-such-story' }, { csrfFrom: page });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('slug: there is no article &quot;no-such-story&quot;.');
    expect(unknown.body).toContain('value="no-such-story"');
    await createArticle(app, { slug: 'harbour-shelters', headline: 'Harbour Road gets its shelters back' });
    expect((await client.post(`${page}/articles`, { slug: 'harbour-shelters' }, { csrfFrom: page })).statusCode).toBe(303);

    published.length = 0;
    expect((await client.post(`${page}/status`, { status: 'covered', reason: '' }, { csrfFrom: page })).statusCode).toBe(303);
    // The article page now says "Chosen by our patrons": its cached copy must go, with the board and the topic.
    expect(published.flat()).toEqual(expect.arrayContaining(['topics', `topic:${id}`, 'article:harbour-shelters']));
    const article = await app.services.articles.findArticle('harbour-shelters');
    expect(await app.services.topics.listTopicsCoveredBy(article!.id)).toEqual([{ id, title: 'Bus shelters on Harbour Road and Quay Street' }]);
    const pub = await app.http.inject({ url: `/topics/${id}` });
    expect(pub.body).toContain('href="/articles/harbour-shelters"');
    expect(pub.body).toContain('Harbour Road gets its shelters back');
    expect(String(pub.headers['surrogate-key'])).toContain('article:harbour-shelters');

    const refused = await client.post(`${page}/status`, { status: 'declined', reason: 'Changed our minds.' }, { csrfFrom: page });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('A covered topic can only become in progress.');

    const articleId = article!.id;
    published.length = 0;
    expect((await client.post(`${page}/articles/${articleId}/remove`, {}, { csrfFrom: page })).statusCode).toBe(303);
    expect(published.flat()).toContain('article:harbour-shelters');
    expect(await app.services.topics.listTopicsCoveredBy(articleId)).toEqual([]);
  });

  it('declines with a reason readers see, and merges a duplicate', async () => {
    const { propose, client } = await setup();
    const id = await propose('Noise from the night ferry');
    const dup = await propose('Why is the night ferry so loud?');
    const page = `/admin/topics/${id}`;
    const noReason = await client.post(`${page}/status`, { status: 'declined', reason: '' }, { csrfFrom: page });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('reason is required');
    expect(
      (await client.post(`${page}/status`, { status: 'declined', reason: 'The port authority answers this weekly.' }, { csrfFrom: page })).statusCode,
    ).toBe(303);
    const board = await app.http.inject({ url: '/topics' });
    expect(board.body).toContain('The port authority answers this weekly.');

    const dupPage = `/admin/topics/${dup}`;
    const self = await client.post(`${dupPage}/merge`, { into: String(dup) }, { csrfFrom: dupPage });
    expect(self.statusCode).toBe(422);
    expect(self.body).toContain('cannot be merged into itself');
    expect((await client.post(`${dupPage}/merge`, { into: '9999' }, { csrfFrom: dupPage })).body).toContain('there is no topic 9999');
    expect((await client.post(`${dupPage}/merge`, { into: 'abc' }, { csrfFrom: dupPage })).statusCode).toBe(422);
    const merged = await client.post(`${dupPage}/merge`, { into: String(id) }, { csrfFrom: dupPage });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe(`${page}?done=merged`);
    const target = await client.get(`${page}?done=merged`);
    expect(target.body).toContain('Why is the night ferry so loud?'); // listed as merged into it
    expect((await client.get(dupPage)).body).toContain('This topic was merged into');
    expect((await app.http.inject({ url: '/topics' })).body).not.toContain('Why is the night ferry so loud?');
  });

  it('is for editors and above: writers get 403, forms need the admin token', async () => {
    const { propose, client } = await setup();
    const id = await propose('Street lights out in Northside');
    const { client: writer } = await loggedInClient(app, 'writer');
    expect((await writer.get('/admin/topics')).statusCode).toBe(403);
    expect((await writer.get(`/admin/topics/${id}`)).statusCode).toBe(403);
    expect((await writer.post(`/admin/topics/${id}/status`, { status: 'planned', reason: '' }, { csrfFrom: '/admin' })).statusCode).toBe(403);
    expect((await client.post(`/admin/topics/${id}/status`, { status: 'planned', reason: '' }, { csrf: 'forged' })).statusCode).toBe(403);
    expect((await app.services.topics.findTopic(id, app.clock()))!.status).toBe('open');
    expect((await client.get('/admin/topics/424242')).statusCode).toBe(404);
    const anon = await app.http.inject({ url: '/admin/topics' });
    expect(anon.statusCode).toBe(303);
  });
});
