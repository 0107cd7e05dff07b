import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID, parseId } from '../../src/http/url-ids.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();
const BAD_IDS = ['99999999999999999999', String(MAX_ID + 1), '1e3', '0x10', '-1', '0', '1.5'];

describe('parseId', () => {
  it('takes plain digits from 1 to the INTEGER maximum, and nothing else', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of [...BAD_IDS, '', ' 1', '01', '１']) expect(parseId(bad), bad).toBeNull();
  });
});

describe.each(databases)('ids in admin URLs (%s)', (database) => {
  let app: TestApp;
  let owner: AdminClient;
  beforeAll(async () => {
    app = await buildApp({ database });
    owner = (await loggedInClient(app, 'owner')).client;
  });
  afterAll(() => app.close());

  it('/admin/articles/99999999999999999999 answers 400 with a message, not a database error', async () => {
    const res = await owner.get('/admin/articles/99999999999999999999');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('must be a whole number from 1 to 2147483647');
  });

  it('every admin route with an id in its path answers 4xx for impossible ids', async () => {
    const routes = app.http.routeList.filter(
      (r) => r.url.startsWith('/admin/') && /:\w+/.test(r.url) && !r.url.includes(':token') && (r.method === 'GET' || r.method === 'POST'),
    );
    expect(routes.length).toBeGreaterThan(15);
    const csrf = csrfToken((await owner.get('/admin/articles/new')).body);
    for (const route of routes) {
      for (const bad of BAD_IDS) {
        const url = route.url.replace(/:\w+/g, bad);
        const res = route.method === 'GET' ? await owner.get(url) : await owner.post(url, {}, { csrf });
        expect(res.statusCode, `${route.method} ${url}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${route.method} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  }, 120_000);
});
