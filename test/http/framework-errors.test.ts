import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildApp();
});
afterAll(async () => app?.close());

type Req = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string };
const send = (r: Req) => app.http.inject(r);

/** Our own error page: the site's frame, a title, the message, no Fastify error code, no stack. */
function expectOurPage(res: Awaited<ReturnType<typeof send>>, status: number, says: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toMatch(/^<!doctype html>/);
  expect(res.body).toContain('That request did not work');
  expect(res.body).toContain(says);
  expect(res.body).not.toMatch(/FST_|statusCode|at [\w.]+ \(/);
  // The frame's security headers are there even though no route ran.
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['cache-control']).toBe('no-store');
}

describe("Fastify's own errors, answered as ours", () => {
  it.each(['/%', '/asdf/%zz', '/articles/%E0%A4%A'])('a URL that cannot be decoded (%s) gets our 400 page', async (url) => {
    expectOurPage(await send({ method: 'GET', url }), 400, 'This address is not valid');
  });

  it('a bad URL under /api/ gets JSON naming the problem', async () => {
    const res = await send({ method: 'GET', url: '/api/v1/articles/%zz' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: expect.stringContaining('This address is not valid') });
  });

  it('a form posted as an unsupported media type gets 415', async () => {
    const res = await send({ method: 'POST', url: '/account/sign-in', headers: { 'content-type': 'text/x-weird' }, payload: 'email=a@example.org' });
    expectOurPage(res, 415, 'does not accept that kind of content');
  });

  it('an API call with an unsupported media type gets 415 as JSON', async () => {
    const res = await send({ method: 'POST', url: '/api/v1/corrections', headers: { 'content-type': 'application/x-weird' }, payload: 'x' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: expect.stringContaining('does not accept that kind of content') });
  });

  it('a body larger than the limit gets 413', async () => {
    const res = await send({
      method: 'POST',
      url: '/account/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'x'.repeat(3 * 1024 * 1024)}`,
    });
    expectOurPage(res, 413, 'too large');
  });

  it('bad and empty JSON get 400 as JSON under /api/', async () => {
    for (const payload of ['{"quote": ', '']) {
      const res = await send({ method: 'POST', url: '/api/v1/corrections', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatch(/not valid JSON|body is empty/);
    }
  });
});
