import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Asset } from './assets.js';
import { IMMUTABLE } from './responses.js';

interface Compressed {
  br: Buffer;
  gzip: Buffer;
}

// Assets are content-addressed: the same href is the same bytes, so compress each once per process, on
// its first request rather than at start (brotli at quality 9 over the editor's bundle costs more than
// the rest of startup's asset work together).
const compressed = new Map<string, Compressed>();

function compress(asset: Asset): Compressed {
  let c = compressed.get(asset.href);
  if (!c) {
    c = {
      br: zlib.brotliCompressSync(asset.body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length },
      }),
      gzip: zlib.gzipSync(asset.body, { level: 9 }),
    };
    compressed.set(asset.href, c);
  }
  return c;
}

/** Serves fingerprinted CSS and JS, immutable, in brotli or gzip when the browser takes them. */
export function serveAssets(app: FastifyInstance, assets: Asset[]): void {
  for (const asset of assets) {
    app.get(asset.href, async function showAsset(req, reply) {
      reply.header('content-type', asset.contentType).header('cache-control', IMMUTABLE).header('vary', 'Accept-Encoding');
      const accept = String(req.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(compress(asset).br);
      if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(compress(asset).gzip);
      return reply.send(asset.body);
    });
  }
}
