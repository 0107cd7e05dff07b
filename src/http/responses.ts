import type { FastifyReply } from 'fastify';
import type { SurrogateKey } from '../cache/cache-keys.js';

/** Cache policy for pages every logged-out reader shares. A CDN may keep them longer than browsers. */
export const PUBLIC_PAGE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';
/** Fingerprinted files (the URL changes when the content does). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

interface SendOptions {
  status?: number;
  cacheControl?: string;
  /** What the response shows; the page cache and a CDN purge it by these keys. Required for shared caching. */
  keys?: SurrogateKey[];
}

function withKeys(reply: FastifyReply, keys: SurrogateKey[] | undefined): FastifyReply {
  if (!keys?.length) return reply;
  const unique = [...new Set(keys)];
  // Fastly and Varnish read Surrogate-Key (spaces); Cloudflare reads Cache-Tag (commas).
  return reply.header('surrogate-key', unique.join(' ')).header('cache-tag', unique.join(','));
}

/**
 * Sends a page as UTF-8 bytes, encoded once here: given a string, Fastify measures its UTF-8 length and
 * node:http encodes it again when writing, and the page cache (http/server.ts) would encode a third time.
 */
export function sendHtml(reply: FastifyReply, html: string, opts: SendOptions = {}) {
  return withKeys(reply, opts.keys)
    .code(opts.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', opts.cacheControl ?? PUBLIC_PAGE)
    .send(Buffer.from(html));
}

export function sendText(reply: FastifyReply, body: string | Buffer, contentType: string, opts: SendOptions = {}) {
  return withKeys(reply, opts.keys)
    .code(opts.status ?? 200)
    .header('content-type', contentType)
    .header('cache-control', opts.cacheControl ?? PUBLIC_PAGE)
    .send(body);
}

/** 303 See Other, never cached: where a form ends when it worked (and where sign-in detours go). */
export function seeOther(reply: FastifyReply, to: string) {
  return reply.code(303).header('location', to).header('cache-control', 'no-store').send();
}
