import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { imageBytes } from '../support/factories.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildApp();
});
afterAll(async () => app?.close());

/** The logo form as a browser sends it: multipart, with the page's CSRF token. */
async function postLogo(client: AdminClient, file: { bytes: Buffer; name: string } | null, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set('_csrf', csrfToken((await client.get('/admin/settings')).body));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set('logo', new Blob([file ? new Uint8Array(file.bytes) : new Uint8Array()]), file?.name ?? '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return app.http.inject({
    method: 'POST',
    url: '/admin/settings/logo',
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      'content-type': req.headers.get('content-type')!,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'user-agent': 'TestBrowser/1.0',
    },
  });
}

describe('the logo in the settings', () => {
  it('is uploaded like any image, shown in the masthead, and removed again', async () => {
    const { client } = await loggedInClient(app, 'owner');
    const res = await postLogo(client, { bytes: await imageBytes(900, 300, 'png'), name: 'logo.png' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Logo saved');
    const { logoUrl } = await app.services.site.getSettings();
    expect(logoUrl).toMatch(/^\/media\/[a-f0-9]{32}\/\d+\.webp$/);
    expect((await app.http.inject({ method: 'GET', url: logoUrl })).statusCode).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/' })).body).toContain(`src="${logoUrl}"`);

    const removed = await postLogo(client, null, { removeLogo: '1' });
    expect(removed.body).toContain('Logo removed');
    expect((await app.services.site.getSettings()).logoUrl).toBe('');
  });

  it('refuses a file that is not an image, and no file at all, keeping the logo as it was', async () => {
    const { client } = await loggedInClient(app, 'owner');
    const bad = await postLogo(client, { bytes: Buffer.from('not an image at all'), name: 'logo.png' });
    expect(bad.statusCode).toBe(422);
    const none = await postLogo(client, null);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose an image file for the logo.');
    expect((await app.services.site.getSettings()).logoUrl).toBe('');
  });
});
