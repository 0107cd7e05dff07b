import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAdmin } from '../../src/admin/admin-routes.js';
import { loadStylesheet } from '../../src/http/assets.js';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { imageBytes } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

const MB = 1024 * 1024;
const BOUNDARY = 'masthead-test-boundary';

/** The files left in DATA_DIR/tmp (where uploads stream to) and DATA_DIR/media (stored images). */
const leftovers = (a: TestApp) => ['tmp', 'media'].map((d) => path.join(a.config.dataDir, d)).flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []));
const mediaRows = async (a: TestApp) =>
  (
    await a.database.db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

/**
 * Sends a multipart body of `total` bytes over a real socket, one chunk at a time and only as fast as
 * the server takes it, and stops sending once an answer arrives. Reports how much had been sent then.
 */
function sendLargeUpload(port: number, url: string, total: number, headers: Record<string, string> = {}) {
  const head = Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="hero_file"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0xff);
  return new Promise<{ status: number; body: string; sentWhenAnswered: number; connection: string | undefined }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: url,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(total) },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      const done = () => resolve({ status: res.statusCode!, body, sentWhenAnswered, connection: res.headers.connection });
      res.on('end', done);
      res.on('error', done);
    });
    // Once answered, the server closes the connection: writes after that fail, which is the point.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      if (sent === 0) {
        req.write(head);
        sent += head.length;
      }
      while (!answered && sent < total - tail.length) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - tail.length - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end(tail);
    };
    pump();
  });
}

/** Posts a multipart form the way the browser does, with the form's CSRF token. */
async function postForm(client: AdminClient, url: string, tokenFrom: string, fields: Record<string, string>, file?: Buffer) {
  const form = new FormData();
  form.set('_csrf', csrfToken((await client.get(tokenFrom)).body));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('hero_file', new Blob(file ? [new Uint8Array(file)] : []), file ? 'hero.jpg' : '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return app.http.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      'content-type': req.headers.get('content-type')!,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'user-agent': 'TestBrowser/1.0',
    },
  });
}

const story = {
  headline: 'Ferry timetable changes for winter',
  standfirst: 'Fewer sailings after 8 pm.',
  body_html: '<p>The operator cut two evening runs.</p>',
  authors: 'Rosa Vance',
  heroAlt: 'The ferry at the pier',
  action: 'save',
};

describe('uploads are authenticated before the body is read', () => {
  it('answers an anonymous 30 MB upload with 401 before it has been sent, and keeps nothing', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    for (const url of ['/admin/articles', '/admin/media']) {
      const res = await sendLargeUpload(port, url, 30 * MB);
      expect(res.status, url).toBe(401);
      expect(res.body).toContain('Log in again');
      // The answer came while most of the body was still unsent: the server did not wait for (or buffer) it.
      expect(res.sentWhenAnswered, url).toBeLessThan(20 * MB);
      // …and closes the connection instead of reading the rest to throw it away.
      expect(res.connection, url).toBe('close');
    }
    // The login forms need no session, so they take no files at all.
    const login = await sendLargeUpload(port, '/admin/login', 30 * MB);
    expect(login.status).toBe(415);
    expect(login.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(leftovers(app)).toEqual([]);
    expect(await mediaRows(app)).toBe(0);
  });

  it('answers an expired session the same way', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const { client } = await loggedInClient(app, 'owner');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    app.fixedClock.advance(400 * 86_400_000); // long past the session's end
    const res = await sendLargeUpload(port, '/admin/media', 30 * MB, { cookie });
    expect(res.status).toBe(401);
    expect(res.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(leftovers(app)).toEqual([]);
  });

  it('answers a signed-in writer’s upload to an editors-only route with 403 before it has been sent', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const { client } = await loggedInClient(app, 'writer');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await sendLargeUpload(port, '/admin/topics/1', 30 * MB, { cookie, accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('it is for owners, admins and editors') });
    expect(res.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(res.connection).toBe('close');
    expect(leftovers(app)).toEqual([]);
  });

  it('streams a signed-in upload to a temporary file, refuses one over 20 MB with 413, and deletes both', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'writer');
    const ok = await postForm(client, '/admin/articles', '/admin/articles/new', story, await imageBytes(1200, 800));
    expect(ok.statusCode).toBe(303);
    expect(await mediaRows(app)).toBe(1);
    const tooBig = await postForm(client, '/admin/articles', '/admin/articles/new', { ...story, headline: 'Too big' }, Buffer.alloc(21 * MB, 0xff));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('larger than 20 MB');
    expect(await mediaRows(app)).toBe(1);
    expect(fs.readdirSync(path.join(app.config.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('the hero image is stored only for someone who may save the article', () => {
  it('a writer posting a hero image to another writer’s article gets 403 and no media is stored', async () => {
    app = await buildApp();
    const { client: alice } = await loggedInClient(app, 'writer');
    const { client: bob } = await loggedInClient(app, 'writer');
    const created = await postForm(alice, '/admin/articles', '/admin/articles/new', story);
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    const revision = /name="revision" value="(\d+)"/.exec((await alice.get(editUrl)).body)![1]!;

    const attempt = await postForm(bob, editUrl, '/admin/articles/new', { ...story, revision, headline: 'Taken over' }, await imageBytes(900, 600));
    expect(attempt.statusCode).toBe(403);
    expect(attempt.body).toContain('You can only edit your own articles.');
    expect(await mediaRows(app)).toBe(0);
    expect(leftovers(app)).toEqual([]);
    // A contributor may save but not publish: asking to publish with an image stores nothing either.
    const { client: carol } = await loggedInClient(app, 'contributor');
    const publish = await postForm(carol, '/admin/articles', '/admin/articles/new', { ...story, action: 'publish' }, await imageBytes(900, 600));
    expect(publish.statusCode).toBe(403);
    expect(await mediaRows(app)).toBe(0);
  });
});

describe('every admin route declares who may use it', () => {
  it('refuses to start when an admin route declares neither a permission nor publicAdmin', async () => {
    app = await buildApp();
    const shell = Fastify();
    await shell.register(fastifyCookie, { secret: 'x'.repeat(32) });
    registerAdmin({
      accounts: app.services.accounts,
      site: app.services.site,
      clock: app.clock,
      secureCookies: false,
      stylesheet: loadStylesheet('admin'),
      assets: [],
      uploadDir: path.join(app.config.dataDir, 'tmp'),
      sections: [
        (admin) => {
          admin.get('/declared', { config: { can: 'signed-in' } }, async () => 'fine');
          admin.post('/forgotten', async () => 'open to anyone');
        },
      ],
    })(shell);
    await expect(shell.ready()).rejects.toThrow(/POST \/admin\/forgotten: declare who may use it/);
    await shell.close().catch(() => {});
  });
});
