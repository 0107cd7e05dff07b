import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';

/** Holes the fuzzing found, each fixed at its source. */
describe('bad input the fuzzing found', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('a multipart body without a boundary is a 400 with a message, not a 500', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const page = await client.get('/admin/settings');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const url of ['/admin/settings', '/admin/articles', '/admin/media', '/admin/funders']) {
      const res = await app.http.inject({
        method: 'POST',
        url,
        payload: 'junk',
        headers: { 'content-type': 'multipart/form-data', 'x-csrf-token': csrfToken(page.body), cookie },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('multipart boundary');
    }
  });

  it('the reprint policy refuses a TDM policy address that is not a web address, so no page header breaks', async () => {
    app = await buildApp();
    const { slug } = await createArticle(app);
    const owner = { id: 1, name: 'Owner' };
    for (const bad of ['https://example.org/a\nSet-Cookie: x=1', 'https://example.org/política→', 'javascript:alert(1)', 'not a url']) {
      const result = await app.services.policy.updatePolicy({ tdmPolicyUrl: bad }, { now: app.clock(), actor: owner });
      expect(result.ok, bad).toBe(false);
      // The article page sends the address as its tdm-policy header: a newline there was a 500 on every story.
      const story = await app.http.inject({ url: `/articles/${slug}` });
      expect(story.statusCode, bad).toBe(200);
    }
    const good = await app.services.policy.updatePolicy({ tdmPolicyUrl: 'https://example.org/tdm-policy.json' }, { now: app.clock(), actor: owner });
    expect(good.ok).toBe(true);
    const story = await app.http.inject({ url: `/articles/${slug}` });
    expect(story.headers['tdm-policy']).toBe('https://example.org/tdm-policy.json');
  });
});
