// A minimal round-robin reverse proxy for the scale-out comparison (1 vs 2 app processes), standing in for
// nginx where it is not installed: each request goes to the next upstream in turn over kept-alive connections,
// with no sticky sessions. Plain node:http, so its own cost is small and the same for 1 or 2 upstreams.
// Usage: node bench/round-robin-proxy.mjs http://127.0.0.1:A [http://127.0.0.1:B ...]   (prints "listening <port>")
import http from 'node:http';

const upstreams = process.argv.slice(2).map((u) => new URL(u));
if (!upstreams.length) {
  console.error('usage: node bench/round-robin-proxy.mjs <upstream-url>...');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = http.createServer((req, res) => {
  const target = upstreams[next];
  next = (next + 1) % upstreams.length;
  const upstream = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('upstream failed\n');
  });
  req.pipe(upstream);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
