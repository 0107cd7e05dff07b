import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { concreteUrl, Identities, isDenied } from './identities.js';
import { IDENTITIES, ROUTE_PATTERNS, ROUTES, ruleFor } from './route-table.js';

/**
 * Every route the router holds × ten identities, against the one table in route-table.ts.
 * Permitted: any answer below 500 that is not a refusal (a 404 for an id that does not exist, a 422
 * for an empty form). Refused: 401, 403, or a redirect to a sign-in page.
 */
let app: TestApp;
let who: Identities;

beforeAll(async () => {
  app = await buildApp();
  who = await Identities.create(app);
}, 60_000);
afterAll(async () => app?.close());

const routes = () => app.http.routeList.filter((r) => r.method !== 'OPTIONS');

describe('the authorization matrix', () => {
  it('has a line for every route in the router, and no line for a route that is gone', () => {
    const missing = routes()
      .filter((r) => !ruleFor(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'add these routes to test/security/route-table.ts').toEqual([]);
    const registered = new Set(routes().map((r) => `${r.method} ${r.url}`));
    expect(
      Object.keys(ROUTES).filter((k) => !registered.has(k)),
      'lines for routes the router does not have',
    ).toEqual([]);
    for (const p of ROUTE_PATTERNS)
      expect(
        [...registered].some((k) => p.pattern.test(k)),
        String(p.pattern),
      ).toBe(true);
  });

  it('gives every identity on every route the outcome the table says', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes()) {
      const rule = ruleFor(route.method, route.url);
      if (!rule) continue; // reported by the test above
      const url = concreteUrl(route.url, who.topicId);
      for (const identity of IDENTITIES) {
        const res = await who.send(identity, route.method, url);
        checked += 1;
        const allowed = rule.allow.includes(identity);
        const where = `${route.method} ${route.url} as ${identity}: ${res.statusCode} ${String(res.headers.location ?? '')}`;
        if (res.statusCode >= 500 || res.statusCode === 429) wrong.push(`${where} (never a 5xx or a rate limit here)`);
        else if (allowed && !rule.anyAnswer && isDenied(res)) wrong.push(`${where} (should be let in)`);
        else if (!allowed && !isDenied(res)) wrong.push(`${where} (should be refused)`);
      }
    }
    expect(wrong).toEqual([]);
    // The closing note of issue 12 quotes this count.
    expect(checked).toBe(routes().length * IDENTITIES.length);
    console.log(`authorization matrix: ${routes().length} routes × ${IDENTITIES.length} identities = ${checked} requests`);
  }, 300_000);
});
