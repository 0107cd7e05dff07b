import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInClient, type AdminClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { memberClient, type MemberClient } from '../support/members.js';
import { FOREIGN_NEXT } from '../support/redirect-corpus.js';

const ORIGIN = 'https://news.example.test';
let app: TestApp;
let reader: MemberClient;
let staff: AdminClient;

beforeAll(async () => {
  app = await buildApp();
  reader = await memberClient(app);
  staff = (await loggedInClient(app, 'editor')).client;
});
afterAll(() => app.close());

/** Fits the query-string limit of the sign-in routes (300 characters). */
const corpus = FOREIGN_NEXT.filter((v) => v.length <= 300);
const signedInReaderGoesTo = async (next: string) => {
  const res = await app.http.inject({ method: 'GET', url: `/account/sign-in?next=${encodeURIComponent(next)}`, headers: reader.headers });
  expect(res.statusCode).toBe(303);
  return res.headers.location as string;
};

describe('next after a reader signs in, over HTTP', () => {
  it('GET /account/sign-in?next=/%09/evil.example sends a signed-in reader to the account page', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/account/sign-in?next=/%09/evil.example', headers: reader.headers });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
  });

  it.each(corpus.map((v) => [JSON.stringify(v), v]))('stays on the site for next=%s', async (_label, next) => {
    const location = await signedInReaderGoesTo(next);
    expect(location).toBe('/account');
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
  });

  it('keeps a path on the site, and never sends a reader into the admin', async () => {
    expect(await signedInReaderGoesTo('/topics?sort=new#list')).toBe('/topics?sort=new#list');
    expect(await signedInReaderGoesTo('/admin/users')).toBe('/account');
  });

  it('writes only the checked path into the sign-in form', async () => {
    const res = await app.http.inject({ method: 'GET', url: `/account/sign-in?next=${encodeURIComponent('/\t/evil.example')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
  });
});

describe('next after a staff login, over HTTP', () => {
  it.each(corpus.map((v) => [JSON.stringify(v), v]))('the login form carries /admin for next=%s', async (_label, next) => {
    const res = await app.http.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent(next)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="next" value="/admin"');
  });

  it('keeps an admin path, and a signed-in editor posting the form lands there', async () => {
    const page = await app.http.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent('/admin/articles?status=draft')}` });
    expect(page.body).toContain('name="next" value="/admin/articles?status=draft"');
    const elsewhere = await app.http.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent('/topics')}` });
    expect(elsewhere.body).toContain('name="next" value="/admin"');
    expect((await staff.get('/admin/login')).headers.location).toBe('/admin');
  });
});
