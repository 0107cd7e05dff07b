import http from 'node:http';
import type { RawCampaign } from '../../src/ads/ad.js';
import type { App } from '../../src/main.js';
import { imageBytes } from '../support/factories.js';

/** GET through the real listener, where the page cache answers before Fastify. */
export function request(app: App, url: string, headers: Record<string, string> = {}) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: address.port, path: url, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** A campaign through the real service, with a real image through the media pipeline. */
export async function createCampaign(app: App, raw: Partial<RawCampaign> = {}, opts: { image?: boolean } = {}) {
  const image = opts.image === false ? null : await imageBytes(1200, 400);
  const result = await app.services.ads.createCampaign(
    {
      name: 'Riverside book fair',
      advertiser: 'Lantern Books',
      alt: 'Shelves of second-hand books',
      link: 'https://lantern-books.example/fair',
      slots: ['article-end'],
      ...raw,
    },
    image,
    { now: app.clock(), actor: null },
  );
  if (!result.ok) throw new Error(`factory could not create campaign: ${result.message}`);
  return result.campaign;
}

/** The slot asides in a page, by slot name. */
export const slotsIn = (html: string) => [...html.matchAll(/<aside class="ad-slot[^"]*" data-ad-slot="([a-z-]+)"/g)].map((m) => m[1]);
/** The campaign ids a page carries as templates. */
export const templateIds = (html: string) => [...html.matchAll(/<template data-ad-id="(\d+)"/g)].map((m) => Number(m[1]));

/** A multipart/form-data body, as a browser sends the campaign form. */
export function multipart(fields: Record<string, string | string[]>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = `----masthead${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const one of [v].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
