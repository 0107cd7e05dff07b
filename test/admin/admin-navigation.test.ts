import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildApp();
});
afterAll(async () => app?.close());

/** The links in the admin sidebar of a page, in order; the phone menu must hold the same ones. */
const navOf = (html: string) => {
  const links = (label: string) => {
    const nav = new RegExp(`<nav class="admin-nav" aria-label="${label}">([\\s\\S]*?)</nav>`).exec(html)?.[1] ?? '';
    return [...nav.matchAll(/<a href="(\/admin[^"]*)"/g)].map((m) => m[1]!);
  };
  expect(links('Admin menu')).toEqual(links('Admin'));
  return links('Admin');
};

describe('the admin navigation', () => {
  it("shows each staff member only the pages their role may open, from the routes' own declarations", async () => {
    const links: Record<string, string[]> = {};
    for (const role of ['contributor', 'writer', 'editor', 'admin'] as const) {
      const { client } = await loggedInClient(app, role);
      const res = await client.get('/admin/sessions');
      expect(res.statusCode).toBe(200);
      links[role] = navOf(res.body);
      // Every link shown opens for this role.
      for (const href of links[role]) expect((await client.get(href)).statusCode, `${role} ${href}`).toBe(200);
    }
    expect(links.writer).toEqual(expect.arrayContaining(['/admin', '/admin/articles/new', '/admin/sessions']));
    for (const hidden of ['/admin/ads', '/admin/analytics', '/admin/topics', '/admin/corrections', '/admin/users', '/admin/funders']) {
      expect(links.writer, hidden).not.toContain(hidden);
      expect(links.contributor, hidden).not.toContain(hidden);
    }
    expect(links.editor).toEqual(expect.arrayContaining(['/admin/ads', '/admin/analytics', '/admin/topics', '/admin/corrections']));
    expect(links.editor).not.toContain('/admin/users');
    expect(links.admin).toEqual(
      expect.arrayContaining(['/admin/users', '/admin/settings', '/admin/members', '/admin/funders', '/admin/privacy', '/admin/ads']),
    );
  });
});
