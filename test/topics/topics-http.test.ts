import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';
import { memberClient, type MemberClient } from '../support/members.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const HOSTILE = `<script>alert(1)</script> "quoted" & 'single'`;

async function propose(p: MemberClient, title: string, description = '') {
  const r = await app.services.topics.propose({ memberId: p.member.id, title, description }, app.clock());
  if (!r.ok) throw new Error(r.message);
  return r.topic.id;
}

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, opts: { as?: MemberClient; csrf?: string | null; body?: unknown } = {}) =>
  app.http.inject({
    method,
    url,
    headers: {
      ...(opts.as ? opts.as.headers : {}),
      ...(opts.as && opts.csrf !== null ? { 'x-csrf-token': opts.csrf ?? opts.as.csrf } : {}),
    },
    ...(opts.body !== undefined ? { payload: opts.body as Record<string, unknown> } : {}),
  });

describe('the topic board', () => {
  it('shows every reader the topics, and a way in for those who cannot vote', async () => {
    app = await buildApp();
    const proposer = await memberClient(app, { patron: true });
    const p = await memberClient(app, { patron: true });
    const id = await propose(proposer, 'Why do the Eastbank buses run late?', 'Three buses in a row, then nothing for forty minutes.');
    const anon = await app.http.inject({ url: '/topics' });
    expect(anon.statusCode).toBe(200);
    expect(anon.headers['cache-control']).toMatch(/^public/);
    expect(String(anon.headers['surrogate-key']).split(' ')).toEqual(expect.arrayContaining(['site', 'topics']));
    expect(anon.body).toContain(`href="/topics/${id}"`);
    expect(anon.body).toContain('Three buses in a row');
    expect(anon.body).toContain('href="/support"');
    expect(anon.body).toContain('href="/account/sign-in?next=/topics"');
    expect(anon.body).not.toContain('Vote for this topic');

    const member = await memberClient(app);
    const plain = await app.http.inject({ url: '/topics', headers: member.headers });
    expect(plain.body).toContain('not a patron right now');
    expect(plain.body).not.toContain('/account/sign-in');
    expect(plain.body).not.toContain('Vote for this topic');
    expect(plain.headers['cache-control']).toBe('private, no-store');

    const mine = await app.http.inject({ url: '/topics', headers: p.headers });
    expect(mine.body).toContain('Vote for this topic');
    expect(mine.body).toContain('Propose a topic');
    expect(mine.body).toContain(`value="${p.csrf}"`);

    const page = await app.http.inject({ url: `/topics/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Why do the Eastbank buses run late?</h1>');
    expect(page.body).toContain(`href="/account/sign-in?next=/topics/${id}"`);
    expect(String(page.headers['surrogate-key'])).toContain(`topic:${id}`);
    expect((await app.http.inject({ url: '/topics/999' })).statusCode).toBe(404);
    expect((await app.http.inject({ url: '/topics/nope' })).statusCode).toBe(404);
    expect((await app.http.inject({ url: '/topics/99999999999999' })).statusCode).toBe(404);
  });

  it('lets a patron propose, vote and withdraw with plain forms', async () => {
    app = await buildApp();
    const p = await memberClient(app, { patron: true });
    const proposed = await p.post('/topics', { title: 'Who is buying up Mill Road?', description: 'Half the street has sold in a year.' });
    expect(proposed.statusCode).toBe(303);
    const id = Number(/^\/topics\/(\d+)$/.exec(proposed.headers.location as string)![1]);
    // Proposing is the first vote for it.
    let board = await app.http.inject({ url: '/topics', headers: p.headers });
    expect(board.body).toContain('1 vote');
    expect(board.body).toContain('You voted for this.');
    expect(board.body).toContain(`action="/topics/${id}/votes/withdraw"`);

    const fromPage = await p.post(`/topics/${id}/votes/withdraw`, { back: `/topics/${id}` });
    expect(fromPage.statusCode).toBe(303);
    expect(fromPage.headers.location).toBe(`/topics/${id}`);
    board = await app.http.inject({ url: '/topics', headers: p.headers });
    expect(board.body).toContain('No votes yet');
    expect(board.body).not.toContain('You voted for this.');
    expect(board.body).toContain(`action="/topics/${id}/votes"`);

    const voted = await p.post(`/topics/${id}/votes`, { back: '/topics' });
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe(`/topics#topic-${id}`);
    board = await app.http.inject({ url: '/topics', headers: p.headers });
    expect(board.body).toContain('1 vote');
    expect(board.body).toContain('You voted for this.');
    // Somewhere else is not a place to go back to.
    expect((await p.post(`/topics/${id}/votes`, { back: 'https://evil.example/' })).headers.location).toBe(`/topics#topic-${id}`);
  });

  it('re-renders the form with the problem named: lengths, and three proposals a day', async () => {
    app = await buildApp();
    const p = await memberClient(app, { patron: true });
    const short = await p.post('/topics', { title: 'Short', description: 'kept' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('The title must be 8 to 120 characters long.');
    expect(short.body).toContain('value="Short"');
    expect(short.body).toContain('kept</textarea>');
    const long = await p.post('/topics', { title: 'A perfectly good title', description: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('The description can be at most 1,000 characters long.');
    for (let i = 0; i < 3; i++) expect((await p.post('/topics', { title: `Allowed proposal ${i}` })).statusCode).toBe(303);
    const fourth = await p.post('/topics', { title: 'One proposal too many' });
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fourth.body).toContain('You can propose 3 topics in 24 hours');
    const api4 = await api('POST', '/api/v1/topics', { as: p, body: { title: 'Still one too many' } });
    expect(api4.statusCode).toBe(429);
    expect(api4.json()).toMatchObject({ error: expect.stringContaining('3 topics in 24 hours') });
  });

  it('shows hostile text as text on the board, the topic page and in the newsroom', async () => {
    app = await buildApp();
    const p = await memberClient(app, { patron: true });
    const id = await propose(p, HOSTILE, `${HOSTILE}\n<img src=x onerror=alert(2)>`);
    const { client } = await loggedInClient(app, 'editor');
    for (const res of [
      await app.http.inject({ url: '/topics' }),
      await app.http.inject({ url: `/topics/${id}` }),
      await client.get('/admin/topics'),
      await client.get(`/admin/topics/${id}`),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
    }
    const json = (await api('GET', '/api/v1/topics')).json() as { topics: { title: string }[] };
    expect(json.topics[0]!.title).toBe(HOSTILE);
  });
});

describe('who may take part', () => {
  it('answers 401, 403 or OK on every form and API call, by who is asking', async () => {
    app = await buildApp();
    const patron = await memberClient(app, { patron: true });
    const lapsing = await memberClient(app, { patron: { tierId: null, until: '2026-11-27' } });
    const member = await memberClient(app);
    const id = await propose(patron, 'Waiting lists at the Northside clinic');
    app.fixedClock.advance(13 * 3600_000); // past midnight: the lapsing grant has ended
    const form = (who: MemberClient | null, url: string, fields: Record<string, string> = {}) =>
      who
        ? who.post(url, fields)
        : app.http.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams(fields).toString(),
          });

    for (const [url, fields] of [
      ['/topics', { title: 'A topic nobody may propose' }],
      [`/topics/${id}/votes`, {}],
      [`/topics/${id}/votes/withdraw`, {}],
    ] as const) {
      const anon = await form(null, url, fields);
      expect(anon.statusCode, url).toBe(401);
      expect(anon.body).toContain('Sign in first');
      expect((await form(member, url, fields)).statusCode, url).toBe(403);
      expect((await form(lapsing, url, fields)).body).toContain('Only current patrons can');
      expect((await form(lapsing, url, fields)).statusCode, url).toBe(403);
      const forged = await app.http.inject({
        method: 'POST',
        url,
        headers: { ...patron.headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...fields, _csrf: 'forged' }).toString(),
      });
      expect(forged.statusCode, url).toBe(403);
      expect(forged.body).toContain('did not come from this site');
    }
    expect((await form(patron, `/topics/${id}/votes`)).statusCode).toBe(303);

    for (const [method, url, body] of [
      ['POST', '/api/v1/topics', { title: 'An API topic from someone' }],
      ['POST', `/api/v1/topics/${id}/votes`, undefined],
      ['DELETE', `/api/v1/topics/${id}/votes`, undefined],
    ] as const) {
      const anon = await api(method, url, { body });
      expect(anon.statusCode, `${method} ${url}`).toBe(401);
      expect(anon.json()).toMatchObject({ error: expect.stringContaining('Sign in') });
      expect((await api(method, url, { as: member, body })).statusCode).toBe(403);
      expect((await api(method, url, { as: lapsing, body })).statusCode).toBe(403);
      expect((await api(method, url, { as: patron, csrf: null, body })).statusCode).toBe(403);
      expect((await api(method, url, { as: patron, csrf: 'x'.repeat(patron.csrf.length), body })).statusCode).toBe(403);
    }
  });
});

describe('the topics API', () => {
  it('lists topics with weighted tallies, takes proposals and votes, and names bad input', async () => {
    app = await buildApp();
    const p = await memberClient(app, { patron: true });
    const created = await api('POST', '/api/v1/topics', {
      as: p,
      body: { title: 'Closing times at the Canal Street library', description: 'It closes at 5 on weekdays.' },
    });
    expect(created.statusCode).toBe(201);
    const { topic } = created.json() as { topic: { id: number; url: string; votes: { weight: number } } };
    expect(created.headers.location).toBe(`/topics/${topic.id}`);
    // Proposing is the proposer's vote: voting again is the same vote.
    expect(topic).toMatchObject({ status: 'open', votes: { weight: 1, voters: 1, from_former_patrons: 0 } });
    const own = await api('POST', `/api/v1/topics/${topic.id}/votes`, { as: p });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ voted: true, counted: false, votes: { weight: 1, voters: 1, from_former_patrons: 0 } });

    const q = await memberClient(app, { patron: true });
    const vote = await api('POST', `/api/v1/topics/${topic.id}/votes`, { as: q });
    expect(vote.statusCode).toBe(201);
    expect(vote.json()).toEqual({ voted: true, counted: true, votes: { weight: 2, voters: 2, from_former_patrons: 0 } });
    expect((await api('POST', `/api/v1/topics/${topic.id}/votes`, { as: q })).statusCode).toBe(200);
    const list = await api('GET', '/api/v1/topics');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toMatch(/application\/json/);
    expect(String(list.headers['surrogate-key'])).toBe('topics');
    expect((list.json() as { topics: unknown[] }).topics).toEqual([
      {
        id: topic.id,
        title: 'Closing times at the Canal Street library',
        description: 'It closes at 5 on weekdays.',
        status: 'open',
        status_reason: '',
        votes: { weight: 2, voters: 2, from_former_patrons: 0 },
        url: `/topics/${topic.id}`,
        created_at: app.clock().toISOString(),
      },
    ]);
    const withdrawn = await api('DELETE', `/api/v1/topics/${topic.id}/votes`, { as: q });
    expect(withdrawn.json()).toEqual({ voted: false, removed: true, votes: { weight: 1, voters: 1, from_former_patrons: 0 } });

    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/api/v1/topics', { title: 'Too short'.slice(0, 5) }, 422, /title must be at least 8 characters/],
      ['POST', '/api/v1/topics', { title: 'x'.repeat(121) }, 422, /title must be at most 120 characters/],
      ['POST', '/api/v1/topics', { title: 'A fine title', description: 'y'.repeat(1001) }, 422, /description must be at most 1000 characters/],
      ['POST', '/api/v1/topics', { description: 'no title' }, 422, /title is required/],
      ['POST', '/api/v1/topics', ['not', 'an', 'object'], 400, /JSON object/],
      ['POST', '/api/v1/topics/999/votes', undefined, 404, /no topic 999/],
      ['POST', '/api/v1/topics/abc/votes', undefined, 400, /must be a topic number/],
      ['DELETE', '/api/v1/topics/99999999999/votes', undefined, 400, /must be a topic number/],
      ['GET', '/api/v1/topics?status=maybe', undefined, 400, /status must be one of/],
      ['GET', '/api/v1/topics?limit=5000', undefined, 400, /limit must be at most 200/],
    ];
    for (const [method, url, body, status, message] of cases) {
      const res = await api(method as 'POST', url, { as: p, body });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
      expect((res.json() as { error: string }).error).toMatch(message);
    }
    const notJson = await app.http.inject({
      method: 'POST',
      url: '/api/v1/topics',
      headers: { ...p.headers, 'x-csrf-token': p.csrf, 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('closes voting on covered and declined topics', async () => {
    app = await buildApp();
    const proposer = await memberClient(app, { patron: true });
    const p = await memberClient(app, { patron: true });
    const id = await propose(proposer, 'Stray cats behind the market hall');
    await app.services.topics.setStatus(id, { status: 'declined', reason: 'The shelter is already on it.' }, { now: app.clock(), actor: null });
    const res = await api('POST', `/api/v1/topics/${id}/votes`, { as: p });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: expect.stringContaining('declined') });
    const page = await app.http.inject({ url: `/topics/${id}`, headers: p.headers });
    expect(page.body).toContain('The shelter is already on it.');
    expect(page.body).not.toContain('Vote for this topic');
  });
});
