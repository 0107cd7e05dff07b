// The benchmark's ceiling: a bare node:http server replaying responses captured from Masthead, bytes and
// headers, from memory. Plain JavaScript run by plain node, so no loader or framework sits in its path.
// Usage: node bench/bare-server.mjs <responses.json>   (prints "listening <port>" once bound to 127.0.0.1)
import fs from 'node:fs';
import http from 'node:http';

/**
 * One captured response and the request it answers: the URL, plus header substrings the request must
 * carry (e.g. `cookie: mh_session=`, `accept-encoding: br`), so one URL can replay several variants.
 * @typedef {{ url: string, when?: Record<string, string>, status: number, headers: Record<string, string>, bodyBase64: string }} Captured
 */

// Node writes these itself (Date, keep-alive framing) for both servers; replaying them would duplicate or pin them.
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/bare-server.mjs <responses.json>');
  process.exit(2);
}

/** @type {Captured[]} */
const captured = JSON.parse(fs.readFileSync(file, 'utf8'));
// Decoded once at start. Per URL, the variants that demand the most headers are tried first, so the
// request path is a map lookup and a header check or two, about what Masthead's page cache does.
/** @type {Map<string, { when: [string, string][], status: number, headers: Record<string, string>, body: Buffer }[]>} */
const routes = new Map();
for (const r of captured) {
  const list = routes.get(r.url) ?? [];
  list.push({
    when: Object.entries(r.when ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    status: r.status,
    headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_BY_HOP.has(k))),
    body: Buffer.from(r.bodyBase64, 'base64'),
  });
  list.sort((a, b) => b.when.length - a.when.length);
  routes.set(r.url, list);
}

const server = http.createServer((req, res) => {
  const route = routes.get(req.url ?? '')?.find((v) => v.when.every(([k, want]) => String(req.headers[k] ?? '').includes(want)));
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not captured\n');
    return;
  }
  res.writeHead(route.status, route.headers).end(route.body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections(); // a load generator's keep-alive sockets would otherwise hold close() open
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
