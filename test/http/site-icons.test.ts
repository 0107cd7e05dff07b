import http from 'node:http';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { imageBytes } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Through the real listener, where the page cache answers. */
function request(url: string) {
  const { port } = app.http.server.address() as { port: number };
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': 'identity' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const centrePixel = async (png: Buffer) => {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return [data[i], data[i + 1], data[i + 2]];
};

describe('favicon and app icons', () => {
  it('serves a real .ico, the touch icon, the manifest icons and the manifest, each tagged site', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const ico = await request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect([...ico.body.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(await sharp(ico.body.subarray(22)).metadata()).toMatchObject({ format: 'png', width: 32, height: 32 });
    expect(ico.headers['surrogate-key']).toBe('site');
    for (const [url, size] of [
      ['/apple-touch-icon.png', 180],
      ['/icon-192.png', 192],
      ['/icon-512.png', 512],
    ] as const) {
      const res = await request(url);
      expect(res.status, url).toBe(200);
      expect(await sharp(res.body).metadata(), url).toMatchObject({ format: 'png', width: size, height: size });
    }
    const manifest = await request('/site.webmanifest');
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(JSON.parse(manifest.body.toString())).toMatchObject({ start_url: '/', icons: [{ src: '/icon-192.png' }, { src: '/icon-512.png' }] });
    const home = (await app.http.inject({ method: 'GET', url: '/' })).body;
    expect(home).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    expect(home).toContain('<link rel="manifest" href="/site.webmanifest"/>');
  });

  it('is made from the logo once one is set, and the cached default icon is purged', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const before = await request('/apple-touch-icon.png');
    expect((await request('/apple-touch-icon.png')).headers['x-cache']).toBe('HIT');
    // The default mark is dark at its centre-left; a blue logo makes the centre blue.
    const stored = await app.services.media.storeImage(await imageBytes(600, 300), app.clock());
    if (!stored.ok) throw new Error('logo not stored');
    const saved = await app.services.site.updateSettings({ logoUrl: `/media/${stored.hash}/${stored.widths[0]}.jpg` });
    expect(saved.ok).toBe(true);
    const after = await request('/apple-touch-icon.png');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.equals(before.body)).toBe(false);
    const [r, g, b] = (await centrePixel(after.body)) as [number, number, number];
    expect(Math.abs(r - 30) + Math.abs(g - 110) + Math.abs(b - 160)).toBeLessThan(30);
  });
});
