// What the load runs measure: each target is one URL plus the request headers that pick a variant
// (cached identity, cached brotli, personal cache-miss). The bare server replays each variant's bytes.
import fs from 'node:fs';
import { httpGet, type RawResponse } from './processes.js';

export interface Target {
  name: string;
  path: string;
  /** Headers the load generator sends. */
  headers: Record<string, string>;
  /** Header substrings the bare server keys this variant on (the same headers, as it sees them). */
  when: Record<string, string>;
  /** HIT: answered by the page cache; render: a personal request, rendered every time. */
  expect: 'HIT' | 'render';
  encoding: 'identity' | 'br';
}

/** The session cookie that makes a request personal: it bypasses the page cache and renders. */
export const PERSONAL_COOKIE = 'mh_session=bench';

/** The five load targets: cached article (identity and brotli), cached home and feed, and the article rendered on a miss. */
export function buildTargets(paths: { article: string; home: string; feed: string }): Target[] {
  const cached = (name: string, path: string): Target => ({ name, path, headers: {}, when: {}, expect: 'HIT', encoding: 'identity' });
  return [
    cached('article (cached)', paths.article),
    {
      name: 'article (cached, br)',
      path: paths.article,
      headers: { 'Accept-Encoding': 'br' },
      when: { 'accept-encoding': 'br' },
      expect: 'HIT',
      encoding: 'br',
    },
    cached('home (cached)', paths.home),
    cached('feed.xml (cached)', paths.feed),
    {
      name: 'article (cache miss)',
      path: paths.article,
      headers: { Cookie: PERSONAL_COOKIE },
      when: { cookie: 'mh_session=' },
      expect: 'render',
      encoding: 'identity',
    },
  ];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fetches each target as steady load will see it. Cached variants are fetched until the cache answers
 * (compressed variants are made off the request path, so brotli appears a moment after the first hit).
 */
export async function captureTargets(base: string, targets: Target[]): Promise<Map<Target, RawResponse>> {
  const captured = new Map<Target, RawResponse>();
  for (const t of targets) {
    let res = await httpGet(base + t.path, 10_000, t.headers);
    for (let i = 0; i < 100 && t.expect === 'HIT' && !isSettled(t, res); i++) {
      await sleep(50);
      res = await httpGet(base + t.path, 10_000, t.headers);
    }
    if (res.status !== 200) throw new Error(`${t.name}: ${t.path} answered ${res.status}, expected 200`);
    if (t.expect === 'HIT' && !isSettled(t, res)) {
      throw new Error(`${t.name}: never answered from the page cache (x-cache ${res.headers['x-cache']}, content-encoding ${res.headers['content-encoding']})`);
    }
    if (t.expect === 'render' && res.headers['x-cache'] === 'HIT') throw new Error(`${t.name}: a personal request was answered from the shared cache`);
    captured.set(t, res);
  }
  return captured;
}

function isSettled(t: Target, res: RawResponse): boolean {
  if (res.headers['x-cache'] !== 'HIT') return false;
  return t.encoding === 'br' ? res.headers['content-encoding'] === 'br' : res.headers['content-encoding'] === undefined;
}

/** One line per target: size, type and how the server answered. */
export function describeCapture(t: Target, res: RawResponse): string {
  const how = [`x-cache: ${res.headers['x-cache'] ?? '-'}`, `cache-control: ${res.headers['cache-control'] ?? '-'}`];
  if (res.headers['content-encoding']) how.push(`content-encoding: ${res.headers['content-encoding']}`);
  return `${t.name.padEnd(22)} ${t.path}  ${(res.body.length / 1024).toFixed(1)} KB  ${res.headers['content-type'] ?? ''}  ${how.join('  ')}`;
}

/** The file bare-server.mjs replays. */
export function writeResponsesFile(file: string, captured: Map<Target, RawResponse>): void {
  const entries = [...captured].map(([t, r]) => ({ url: t.path, when: t.when, status: r.status, headers: r.headers, bodyBase64: r.body.toString('base64') }));
  fs.writeFileSync(file, JSON.stringify(entries));
}

const headerLines = (r: RawResponse) =>
  Object.entries(r.headers)
    .filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k))
    .map(([k, v]) => `${k}: ${v}`)
    .sort()
    .join('\n');

/** Same bytes and headers from both servers for every target, or the comparison means nothing. */
export async function checkReplay(bareBase: string, captured: Map<Target, RawResponse>): Promise<void> {
  for (const [t, ours] of captured) {
    const replay = await httpGet(bareBase + t.path, 5000, t.headers);
    if (!replay.body.equals(ours.body)) throw new Error(`bare server does not replay ${t.name} byte for byte`);
    if (headerLines(replay) !== headerLines(ours))
      throw new Error(`bare server's headers for ${t.name} differ:\n${headerLines(replay)}\n---\n${headerLines(ours)}`);
  }
}
