import type { FastifyReply } from 'fastify';

/** Cache policy for pages every logged-out reader shares. A CDN may keep them longer than browsers. */
export const PUBLIC_PAGE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';
/** Fingerprinted files (the URL changes when the content does). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function sendHtml(reply: FastifyReply, html: string, opts: { status?: number; cacheControl?: string } = {}) {
  return reply
    .code(opts.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', opts.cacheControl ?? PUBLIC_PAGE)
    .send(html);
}

export function sendText(reply: FastifyReply, body: string | Buffer, contentType: string, cacheControl = PUBLIC_PAGE) {
  return reply.code(200).header('content-type', contentType).header('cache-control', cacheControl).send(body);
}
