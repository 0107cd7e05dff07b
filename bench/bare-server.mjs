// The benchmark's ceiling: a bare node:http server replaying responses captured from Masthead, bytes and
// headers, from memory. Plain JavaScript run by plain node, so no loader or framework sits in its path.
// Usage: node bench/bare-server.mjs <responses.json>   (prints "listening <port>" once bound to 127.0.0.1)
import fs from 'node:fs';
import http from 'node:http';

/** @typedef {{ status: number, headers: Record<string, string>, bodyBase64: string }} Captured */

// Node writes these itself (Date, keep-alive framing) for both servers; replaying them would duplicate or pin them.
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/bare-server.mjs <responses.json>');
  process.exit(2);
}

/** @type {Record<string, Captured>} */
const captured = JSON.parse(fs.readFileSync(file, 'utf8'));
// Decoded once at start: the request path does a map lookup and two writes, nothing else.
const routes = new Map(
  Object.entries(captured).map(([path, r]) => [
    path,
    {
      status: r.status,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_BY_HOP.has(k))),
      body: Buffer.from(r.bodyBase64, 'base64'),
    },
  ]),
);

const server = http.createServer((req, res) => {
  const route = routes.get(req.url ?? '');
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
