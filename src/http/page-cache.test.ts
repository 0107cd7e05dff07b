import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { etagFor, matchesEtag, PageCache } from './page-cache.js';

function cache(maxBytes = 10_000, now = () => 0) {
  return new PageCache({ maxBytes, maxAgeMs: 60_000, personalCookies: ['mh_session'], now });
}

/** Runs `client` against a real node:http server that answers with `cache.serve`, or 599 when the cache declined. */
async function withServer<T>(c: PageCache, client: (port: number) => Promise<T>): Promise<T> {
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!c.serve(req, res)) {
      res.writeHead(599);
      res.end('miss');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await client((server.address() as AddressInfo).port);
  } finally {
    server.close();
  }
}

/** One request through `cache.serve`; status 599 when the cache declined. */
function serveOnce(c: PageCache, path: string, headers: Record<string, string> = {}) {
  return withServer(c, async (port) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });
    return { status: res.status, body: await res.text(), headers: res.headers };
  });
}

/** Sends one request's exact bytes (header names in any case, repeated headers) and returns the status and headers. */
function serveRaw(c: PageCache, path: string, headerLines: string[]) {
  return withServer(c, async (port) => {
    const head = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n${headerLines.map((l) => `${l}\r\n`).join('')}Connection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text.slice(0, text.indexOf('\r\n\r\n'))));
      socket.on('error', reject);
    });
    const [statusLine, ...lines] = head.split('\r\n');
    const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine!.split(' ')[1]), headers };
  });
}

const page = (url: string, body: string, keys = ['k'], generation = 0) => ({
  url,
  generation,
  headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=60' },
  body: Buffer.from(body),
  keys,
});

describe('PageCache', () => {
  it('keys pages without tracking parameters, so ?utm_ variants are one entry and do not evict others', async () => {
    const c = new PageCache({ maxBytes: 2000, maxAgeMs: 60_000, personalCookies: [], queryParams: ['page'], now: () => 0 });
    c.store(page('/hot', 'x'.repeat(400)));
    c.store(page('/story?utm_source=newsletter', 'story'));
    for (let i = 0; i < 50; i++) c.store(page(`/hot?utm_source=s${i}&fbclid=${i}`, 'x'.repeat(400)));
    expect(c.stats().entries).toBe(2);
    expect((await serveOnce(c, '/story')).body).toBe('story');
    expect((await serveOnce(c, '/story?utm_campaign=monday&gclid=abc')).body).toBe('story');
    expect((await serveOnce(c, '/hot')).status).toBe(200);
  });

  it('keeps parameters routes read in the key, and neither serves nor stores URLs with others', async () => {
    const c = new PageCache({ maxBytes: 10_000, maxAgeMs: 60_000, personalCookies: [], queryParams: ['page', 'tag'], now: () => 0 });
    c.store(page('/list?page=2&tag=a', 'two'));
    expect((await serveOnce(c, '/list?tag=a&page=2&utm_medium=email')).body).toBe('two');
    expect((await serveOnce(c, '/list?page=3&tag=a')).status).toBe(599);
    c.store(page('/list?page=2&tag=a&made_up=1', 'other'));
    expect((await serveOnce(c, '/list?page=2&tag=a')).body).toBe('two');
    expect((await serveOnce(c, '/list?page=2&tag=a&made_up=1')).status).toBe(599);
    expect(c.stats().entries).toBe(1);
  });

  it('stores a page and serves it with its headers', async () => {
    const c = cache();
    c.store(page('/a', 'hello'));
    const res = await serveOnce(c, '/a');
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(c.stats()).toMatchObject({ entries: 1, hits: 1 });
  });

  it('evicts the least recently used pages to stay within its memory bound', async () => {
    const c = cache(2000);
    c.store(page('/1', 'x'.repeat(400)));
    c.store(page('/2', 'x'.repeat(400)));
    c.store(page('/3', 'x'.repeat(400)));
    await serveOnce(c, '/1'); // /1 is now the most recently used
    c.store(page('/4', 'x'.repeat(400)));
    c.store(page('/5', 'x'.repeat(400)));
    c.store(page('/6', 'x'.repeat(400)));
    expect(c.stats().bytes).toBeLessThanOrEqual(2000);
    expect((await serveOnce(c, '/2')).status).toBe(599);
    expect((await serveOnce(c, '/1')).status).toBe(200);
    expect((await serveOnce(c, '/6')).status).toBe(200);
  });

  it('a page read again after others were stored moves to the newest place, however often it was read before', async () => {
    const c = cache(2000);
    c.store(page('/1', 'x'.repeat(400)));
    await serveOnce(c, '/1');
    await serveOnce(c, '/1'); // the newest already: nothing to move
    for (const n of [2, 3, 4, 5]) c.store(page(`/${n}`, 'x'.repeat(400)));
    await serveOnce(c, '/1');
    c.store(page('/6', 'x'.repeat(400)));
    expect((await serveOnce(c, '/2')).status).toBe(599);
    expect((await serveOnce(c, '/1')).status).toBe(200);
  });

  it('keeps pages with a query string within their share, so a flood of searches never evicts articles', async () => {
    const c = new PageCache({ maxBytes: 8000, maxAgeMs: 60_000, personalCookies: [], queryParams: ['q'], queryShare: 1 / 4, now: () => 0 });
    c.store(page('/articles/a', 'a'.repeat(400)));
    c.store(page('/', 'h'.repeat(400)));
    for (let i = 0; i < 100; i++) c.store(page(`/search?q=word${i}`, 's'.repeat(400)));
    expect((await serveOnce(c, '/articles/a')).status).toBe(200);
    expect((await serveOnce(c, '/')).status).toBe(200);
    // The newest searches are kept, within 8000 / 4 bytes; the oldest went first.
    expect((await serveOnce(c, '/search?q=word99')).status).toBe(200);
    expect((await serveOnce(c, '/search?q=word0')).status).toBe(599);
    expect(c.stats().entries).toBe(2 + 5);
  });

  it('refuses a page larger than a quarter of its budget', () => {
    const c = cache(1000);
    c.store(page('/big', 'x'.repeat(600)));
    expect(c.stats().entries).toBe(0);
  });

  it('purges by key, and only the pages carrying it', async () => {
    const c = cache();
    c.store(page('/a', 'a', ['site', 'article:a']));
    c.store(page('/b', 'b', ['site', 'article:b']));
    expect(c.purge(['article:a'])).toBe(1);
    expect((await serveOnce(c, '/a')).status).toBe(599);
    expect((await serveOnce(c, '/b')).status).toBe(200);
    expect(c.purge(['site'])).toBe(1);
    expect(c.stats().entries).toBe(0);
  });

  it('does not store a page rendered before a purge (the render/purge race)', () => {
    const c = cache();
    const generation = c.generation();
    c.purge(['article:a']); // a write lands while the page renders
    c.store(page('/a', 'stale', ['article:a'], generation));
    expect(c.stats().entries).toBe(0);
    c.store(page('/a', 'fresh', ['article:a'], c.generation()));
    expect(c.stats().entries).toBe(1);
  });

  it('expires entries after maxAge as a safety net', async () => {
    let t = 0;
    const c = cache(10_000, () => t);
    c.store(page('/a', 'a'));
    t = 61_000;
    expect((await serveOnce(c, '/a')).status).toBe(599);
  });

  it('keeps entries no longer than a limited lifetime (a bus outage), and an hour again once lifted', async () => {
    let t = 0;
    const c = cache(10_000, () => t);
    c.store(page('/a', 'a'));
    c.store(page('/b', 'b'));
    c.limitLifetime(10_000);
    t = 9_000;
    expect((await serveOnce(c, '/a')).status).toBe(200);
    t = 10_001;
    expect((await serveOnce(c, '/a')).status).toBe(599);
    c.limitLifetime(null);
    expect(c.lifetimeMs()).toBe(60_000);
    expect((await serveOnce(c, '/b')).status).toBe(200);
  });

  it('never answers personal, non-GET or authorized requests', async () => {
    const c = cache();
    c.store(page('/a', 'a'));
    expect((await serveOnce(c, '/a', { cookie: 'mh_session=1' })).status).toBe(599);
    expect((await serveOnce(c, '/a', { authorization: 'Bearer k' })).status).toBe(599);
    expect((await serveOnce(c, '/a', { cookie: 'other=1' })).status).toBe(200);
  });

  it('reads the headers a hit depends on in any letter case, and repeated ones as node:http joins them', async () => {
    const c = cache(100_000);
    c.store(page('/a', 'x'.repeat(2000)));
    const etag = (await serveRaw(c, '/a', [])).headers.get('etag')!;
    for (let i = 0; i < 100 && (await serveRaw(c, '/a', ['accept-encoding: br'])).headers.get('content-encoding') !== 'br'; i++) {
      await new Promise((r) => setTimeout(r, 20)); // the compressed variants are made off the request path
    }
    expect((await serveRaw(c, '/a', ['COOKIE: theme=dark'])).status).toBe(200);
    expect((await serveRaw(c, '/a', ['COOKIE: mh_session=1'])).status).toBe(599);
    expect((await serveRaw(c, '/a', ['Cookie: mh_session=1', 'cookie: theme=dark'])).status).toBe(599);
    expect((await serveRaw(c, '/a', ['AUTHORIZATION: Bearer k'])).status).toBe(599);
    expect((await serveRaw(c, '/a', ['Authorization:'])).status).toBe(599);
    expect((await serveRaw(c, '/a', ['ACCEPT-ENCODING: identity'])).headers.get('content-encoding')).toBeUndefined();
    expect((await serveRaw(c, '/a', ['Accept-Encoding: gzip', 'accept-encoding: identity'])).headers.get('content-encoding')).toBe('gzip');
    expect((await serveRaw(c, '/a', [`IF-NONE-MATCH: ${etag}`, 'If-None-Match: "other"'])).status).toBe(304);
    expect((await serveRaw(c, '/a', ['If-None-Match: "other"'])).status).toBe(200);
  });

  it('matches ETags of any encoding, weak or strong, and *', () => {
    const tag = etagFor(Buffer.from('body'));
    const base = tag.slice(1, -1);
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(`W/"${base}-br"`, tag)).toBe(true);
    expect(matchesEtag(`"x", "${base}-gz"`, tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag('"other"', tag)).toBe(false);
    expect(etagFor(Buffer.from('body2'))).not.toBe(tag);
  });
});
