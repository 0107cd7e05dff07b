import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportInputSchema } from '../../src/corrections/correction-service.js';
import { CACHED_QUERY_PARAMS } from '../../src/main.js';
import { requestInputSchema } from '../../src/syndication/partner-service.js';
import { topicTextSchema } from '../../src/topics/topic.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import { concreteUrl, Identities } from './identities.js';
import { isStateChanging, ruleFor, type Identity, type RouteRule } from './route-table.js';

/**
 * Bad input for every endpoint the router holds, generated from what each one accepts: the fields of
 * the HTML forms that post to it (read from our own pages: the forms are the schema a browser sees),
 * the zod schemas of the JSON endpoints, and the query parameters GET pages read. Each case is sent
 * as someone the route lets in (owner, patron, with the real form token, so it gets past
 * authentication and CSRF to the validators) and as an anonymous caller. Every answer must be below
 * 500 and, when it is a 4xx, carry a message: our error page, or `{"error": …}` under /api/.
 * A body over the cap must get 413.
 */
let app: TestApp;
let who: Identities;
let slug: string;

const MB = 1024 * 1024;
const huge = 'x'.repeat(MB);
const JSON_FIELDS: Record<string, string[]> = {
  'POST /api/v1/corrections': Object.keys(reportInputSchema.shape),
  'POST /api/v1/topics': Object.keys(topicTextSchema.shape),
  'POST /republish': Object.keys(requestInputSchema.shape),
};

/** Field names of every form on our pages, by the route pattern its action posts to. */
async function formFieldsByRoute(pages: string[], routes: { method: string; url: string }[]): Promise<Map<string, Set<string>>> {
  const byRoute = new Map<string, Set<string>>();
  const matchers = routes.map((r) => ({
    key: `${r.method} ${r.url}`,
    re: new RegExp(`^${r.url.replace(/:\w+/g, '[^/]+').replace(/\./g, '\\.')}$`),
    method: r.method,
  }));
  for (const url of pages) {
    for (const identity of ['owner', 'patron'] as const) {
      const res = await app.http.inject({ method: 'GET', url, headers: await who.headersFor(identity, url) });
      for (const form of res.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
        const action = /action="([^"]*)"/.exec(form[1]!)?.[1]?.replace(/&amp;/g, '&').split('?')[0] ?? url;
        const method = (/method="(\w+)"/i.exec(form[1]!)?.[1] ?? 'GET').toUpperCase();
        const hit = matchers.find((m) => m.method === method && m.re.test(action));
        if (!hit) continue;
        const names = byRoute.get(hit.key) ?? new Set<string>();
        for (const n of form[2]!.matchAll(/\bname="([^"]+)"/g)) if (n[1] !== '_csrf') names.add(n[1]!);
        byRoute.set(hit.key, names);
      }
    }
  }
  return byRoute;
}

interface Case {
  name: string;
  query?: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** The status this case must get (the body cap); otherwise any 2xx-4xx. */
  expect?: number;
}

const form = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };

function deep(n: number): string {
  return '{"a":'.repeat(n) + '1' + '}'.repeat(n);
}

/** The generated bad bodies for one write route with these field names. */
function bodyCases(fields: string[], token: string | null): Case[] {
  const f = fields.length ? fields : ['name', 'title', 'body'];
  const t: [string, string][] = token ? [['_csrf', token]] : [];
  const cases: Case[] = [
    { name: 'empty urlencoded body', headers: urlencoded, payload: '' },
    { name: 'no content type', payload: 'a=1' },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
    {
      name: 'xml',
      headers: { 'content-type': 'application/xml' },
      payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    },
    { name: 'unknown content type', headers: { 'content-type': 'application/x-masthead' }, payload: '\u0000\u0001' },
    { name: 'multipart without boundary', headers: { 'content-type': 'multipart/form-data' }, payload: 'junk' },
    {
      name: 'multipart, broken',
      headers: { 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    },
    { name: 'invalid JSON', headers: json, payload: '{"a":' },
    { name: 'JSON null', headers: json, payload: 'null' },
    { name: 'JSON array', headers: json, payload: '[1,2,3]' },
    { name: 'JSON string', headers: json, payload: '"just a string"' },
    { name: 'JSON number', headers: json, payload: '1e309' },
    { name: 'JSON nested 5000 deep', headers: json, payload: deep(5000) },
    { name: 'JSON __proto__', headers: json, payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
    {
      name: 'JSON invalid UTF-8',
      headers: json,
      payload: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]),
    },
    { name: 'urlencoded invalid UTF-8', headers: urlencoded, payload: Buffer.concat([Buffer.from(`${form(t)}&${f[0]}=`), Buffer.from([0xc3, 0x28, 0xff])]) },
    { name: 'urlencoded bad percent escapes', headers: urlencoded, payload: `${form(t)}&${f[0]}=%E0%A4%A&%zz=%` },
    { name: 'body over the cap (3 MB)', headers: urlencoded, payload: `${form(t)}&${f[0]}=${'y'.repeat(3 * MB)}`, expect: 413 },
  ];
  const per = (value: string) => [...t, ...f.map((k) => [k, value] as [string, string])];
  cases.push(
    { name: 'every field empty', headers: urlencoded, payload: form(per('')) },
    { name: 'every field a null byte', headers: urlencoded, payload: form(per('\u0000')) },
    { name: 'every field whitespace and control characters', headers: urlencoded, payload: form(per(' \t\r\n\u0007\u202e ')) },
    { name: 'every field a number out of range', headers: urlencoded, payload: form(per('-99999999999999999999999')) },
    { name: 'every field NaN', headers: urlencoded, payload: form(per('NaN')) },
    { name: 'every field a lone surrogate', headers: urlencoded, payload: `${form(t)}&${f.map((k) => `${encodeURIComponent(k)}=%ED%A0%80`).join('&')}` },
    { name: 'every field twice (duplicate keys)', headers: urlencoded, payload: form([...per('one'), ...per('two')]) },
    { name: 'every field as an array', headers: urlencoded, payload: form([...t, ...f.map((k) => [`${k}[]`, 'a'] as [string, string])]) },
    { name: 'every field nested', headers: urlencoded, payload: form([...t, ...f.map((k) => [`${k}[a][b][c]`, '1'] as [string, string])]) },
    { name: 'every field 100 KB', headers: urlencoded, payload: form(per('z'.repeat(100 * 1024)).slice(0, 1 + Math.floor((1.8 * MB) / (100 * 1024)))) },
    { name: 'first field 1 MB', headers: urlencoded, payload: form([...t, [f[0]!, huge.slice(0, MB - 200)]]) },
    { name: 'JSON fields as arrays', headers: json, payload: JSON.stringify(Object.fromEntries(f.map((k) => [k, ['a', 'b']]))) },
    { name: 'JSON fields as objects', headers: json, payload: JSON.stringify(Object.fromEntries(f.map((k) => [k, { $gt: '' }]))) },
    { name: 'JSON fields as numbers', headers: json, payload: JSON.stringify(Object.fromEntries(f.map((k) => [k, -1.5e300]))) },
    { name: 'JSON fields as booleans and null', headers: json, payload: JSON.stringify(Object.fromEntries(f.map((k, i) => [k, i % 2 ? true : null]))) },
    { name: 'JSON duplicate keys', headers: json, payload: `{${f.map((k) => `"${k}":"a","${k}":{"b":1}`).join(',')}}` },
    { name: 'JSON null bytes', headers: json, payload: JSON.stringify(Object.fromEntries(f.map((k) => [k, 'a\u0000b']))) },
    { name: 'JSON 1 MB string', headers: json, payload: JSON.stringify({ [f[0]!]: huge.slice(0, MB - 100) }) },
  );
  return cases;
}

function queryCases(): Case[] {
  const names = [...new Set([...CACHED_QUERY_PARAMS, 'next', 'return_to', 'done', 'error', 'id', 'kind'])];
  const q = (value: string) => names.map((n) => `${n}=${value}`).join('&');
  return [
    { name: 'query: huge numbers', query: q('99999999999999999999999999') },
    { name: 'query: negative and fractional', query: q('-1.5') },
    { name: 'query: NaN and Infinity', query: q('Infinity') },
    { name: 'query: arrays (repeated keys)', query: `${q('1')}&${q('2')}` },
    { name: 'query: bracket arrays', query: names.map((n) => `${n}[]=1&${n}[a]=2`).join('&') },
    { name: 'query: null bytes', query: q('%00') },
    { name: 'query: invalid UTF-8', query: q('%C3%28%FF') },
    { name: 'query: bad percent escapes', query: q('%E0%A4%A') },
    {
      name: 'query: 6 KB values',
      query: names
        .slice(0, 2)
        .map((n) => `${n}=${'w'.repeat(6000)}`)
        .join('&'),
    },
    { name: 'query: markup and schemes', query: q(encodeURIComponent('javascript:"><x>')) },
  ];
}

/** A 4xx must say what went wrong: our HTML error page, or a JSON `error` under /api/. */
function lacksMessage(res: Response): boolean {
  if (res.statusCode < 400 || res.statusCode === 405) return false;
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    try {
      return typeof (JSON.parse(res.body) as { error?: unknown }).error !== 'string';
    } catch {
      return true;
    }
  }
  return !(type.startsWith('text/html') && res.body.includes('<main') && res.body.length > 200);
}

const identitiesFor = (rule: RouteRule): Identity[] => {
  const inside = (['owner', 'patron', 'partner key'] as const).find((i) => rule.allow.includes(i));
  return [...new Set<Identity>([...(inside ? [inside] : []), 'anonymous'])];
};

beforeAll(async () => {
  app = await buildApp();
  who = await Identities.create(app);
  slug = (await createArticle(app, { slug: 'fuzzed-story' })).slug;
}, 60_000);
afterAll(async () => app?.close());

describe('schema-driven fuzzing of every endpoint', () => {
  it('answers every generated bad input with a 4xx and a message, never a 5xx; every body over the cap gets 413', async () => {
    const routes = app.http.routeList.filter((r) => r.method !== 'OPTIONS' && r.method !== 'HEAD');
    const url = (pattern: string) => concreteUrl(pattern, who.topicId).replace('no-such-story', slug);
    const pages = routes.filter((r) => r.method === 'GET' && !r.url.includes('/assets/')).map((r) => url(r.url));
    const fields = await formFieldsByRoute([...new Set(pages)], routes);
    const wrong: string[] = [];
    const counts = { write: 0, query: 0, routes: 0 };
    for (const route of routes) {
      const rule = ruleFor(route.method, route.url);
      if (!rule) continue; // the authorization matrix reports routes missing from the table
      const key = `${route.method} ${route.url}`;
      const names = [...(fields.get(key) ?? []), ...(JSON_FIELDS[key] ?? [])];
      const address = url(route.url);
      counts.routes += 1;
      for (const identity of identitiesFor(rule)) {
        const base = await who.headersFor(identity, address);
        const token = base['x-csrf-token'] ?? null;
        const cases = isStateChanging(route.method) ? bodyCases(names, token) : queryCases();
        for (const c of cases) {
          const headers = { ...(await who.headersFor(identity, address)), ...c.headers };
          const res = await app.http.inject({
            method: route.method as 'POST',
            url: c.query ? `${address}?${c.query}` : address,
            headers,
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          if (isStateChanging(route.method)) counts.write += 1;
          else counts.query += 1;
          const where = `${key} as ${identity}, ${c.name}: ${res.statusCode}`;
          if (res.statusCode >= 500) wrong.push(`${where} ${res.body.slice(0, 160)}`);
          else if (
            c.expect &&
            res.statusCode !== c.expect &&
            !(identity === 'anonymous' && [401, 403].includes(res.statusCode)) &&
            !(res.statusCode === 303 && identity === 'anonymous')
          )
            wrong.push(`${where} (expected ${c.expect})`);
          else if (lacksMessage(res)) wrong.push(`${where} without a message: ${String(res.headers['content-type'])} ${res.body.slice(0, 80)}`);
        }
      }
    }
    console.log(
      `fuzzing: ${counts.routes} routes, ${counts.write} bad bodies to write routes + ${counts.query} bad query ` +
        `strings to GET routes = ${counts.write + counts.query} cases; ` +
        `form fields read from pages for ${fields.size} routes`,
    );
    expect(wrong).toEqual([]);
    expect(counts.write + counts.query).toBeGreaterThan(3000);
  }, 600_000);
});
