import { afterEach, describe, expect, it } from 'vitest';
import { runFundersCli } from '../../src/funders/funder-cli.js';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { listenerGet } from '../support/listener.js';
import { testDatabases } from '../support/databases.js';
import { createArticle, imageBytes } from '../support/factories.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const databases = await testDatabases();
const get = (url: string) => listenerGet(app!, url);
const ctx = () => ({ now: app!.clock(), actor: null });

describe.each(databases)('the funders store on %s', (database) => {
  it('adds, lists in credit order, edits, keeps a logo through the media pipeline, and removes', async () => {
    app = await buildApp({ database });
    const f = app.services.funders;
    const second = await f.addFunder({ name: 'Lantern Press Fund', url: 'https://example.org/lantern', line: '', position: 2 }, {}, ctx());
    const first = await f.addFunder(
      { name: 'Oak Street Foundation', url: '', line: 'Our courts coverage is supported by {funder}.', position: 1 },
      { file: await imageBytes(600, 300, 'png') },
      ctx(),
    );
    if (!first.ok || !second.ok) throw new Error('add failed');
    expect(first.funder.logo).toMatchObject({ width: 600, height: 300, widths: [480, 600] });
    expect((await f.listFunders()).map((x) => x.name)).toEqual(['Oak Street Foundation', 'Lantern Press Fund']);
    const edited = await f.updateFunder(second.funder.id, { name: 'Lantern Press Fund', url: 'https://example.org/lantern', line: '', position: 0 }, {}, ctx());
    expect(edited.ok).toBe(true);
    expect((await f.listFunders()).map((x) => x.name)).toEqual(['Lantern Press Fund', 'Oak Street Foundation']);
    // Editing without a new file keeps the logo; "remove" drops it.
    const kept = await f.updateFunder(first.funder.id, { name: 'Oak Street Foundation', url: '', line: '', position: 1 }, {}, ctx());
    expect(kept.ok && kept.funder.logo?.hash).toBe(first.funder.logo!.hash);
    const dropped = await f.updateFunder(first.funder.id, { name: 'Oak Street Foundation', url: '', line: '', position: 1 }, { remove: true }, ctx());
    expect(dropped.ok && dropped.funder.logo).toBeNull();
    expect(await f.removeFunder(second.funder.id, ctx())).toEqual({ ok: true, name: 'Lantern Press Fund' });
    expect(await f.removeFunder(second.funder.id, ctx())).toMatchObject({ ok: false, status: 404 });
    expect((await f.listFunders()).map((x) => x.name)).toEqual(['Oak Street Foundation']);
  });
});

describe('funder credits on the site', () => {
  it('credit every page’s footer and /support; any change purges every cached page', async () => {
    app = await buildApp();
    await app.services.site.updateSettings({ name: 'The Harbour Bulletin' }, ctx());
    const a = await createArticle(app);
    const pages = ['/', `/articles/${a.slug}`, '/support', '/topics', '/privacy', '/cookies', '/corrections'];
    for (const url of pages) {
      expect((await get(url)).body, url).not.toContain('funder-credit');
      expect((await get(url)).headers['x-cache'], url).toBe('HIT');
    }
    const added = await app.services.funders.addFunder(
      { name: 'Oak Street Foundation', url: 'https://example.org/oak', line: '', position: 0 },
      { file: await imageBytes(400, 200, 'png') },
      ctx(),
    );
    expect(added.ok).toBe(true);
    for (const url of pages) {
      const res = await get(url);
      expect(res.headers['x-cache'], url).toBe('MISS');
      expect(res.body, url).toContain(
        'The work of The Harbour Bulletin is supported by <a href="https://example.org/oak" rel="noopener">Oak Street Foundation</a>.',
      );
      expect(res.body, url).toMatch(/<img class="funder-logo" src="\/media\/[0-9a-f]{32}\/400\.webp"/);
    }
    expect((await get('/support')).body).toContain('<h2 id="funders-heading">Our funders</h2>');
    await app.services.funders.removeFunder(added.ok ? added.funder.id : 0, ctx());
    expect((await get('/')).body).not.toContain('Oak Street Foundation');
  });
});

describe('/admin/funders', () => {
  it('lets an owner add, edit and remove funders, with errors that name the field', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const list = await client.get('/admin/funders');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No funders yet.');
    const bad = await client.post(
      '/admin/funders',
      { name: '', url: 'javascript:alert(1)', line: 'Thanks to our friends', position: 'x' },
      { csrfFrom: '/admin/funders' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<p class="field-error">is required</p>');
    expect(bad.body).toContain('must be an http(s) address such as https://example.org');
    expect(bad.body).toContain('must contain {funder} where the funder’s name goes');
    expect(bad.body).toContain('<p class="field-error">must be a number</p>');
    expect(await app.services.funders.listFunders()).toEqual([]);

    const added = await client.post(
      '/admin/funders',
      { name: 'Lantern Press Fund', url: 'https://example.org/lantern', line: '{funder} pays for our night desk.', position: '3' },
      { csrfFrom: '/admin/funders' },
    );
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/funders?done=added');
    const [funder] = await app.services.funders.listFunders();
    expect(funder).toMatchObject({ name: 'Lantern Press Fund', position: 3 });
    expect((await get('/')).body).toContain('<a href="https://example.org/lantern" rel="noopener">Lantern Press Fund</a> pays for our night desk.');

    const edited = await client.post(
      `/admin/funders/${funder!.id}`,
      { name: 'Lantern Fund', url: '', line: '', position: '0' },
      { csrfFrom: `/admin/funders/${funder!.id}` },
    );
    expect(edited.statusCode).toBe(303);
    expect((await get('/')).body).toContain('is supported by <strong>Lantern Fund</strong>.');
    expect((await client.get('/admin/funders/9999')).statusCode).toBe(404);
    expect((await client.get('/admin/funders/abc')).statusCode).toBe(400);

    const removed = await client.post(`/admin/funders/${funder!.id}/delete`, {}, { csrfFrom: '/admin/funders' });
    expect(removed.statusCode).toBe(303);
    expect(await app.services.funders.listFunders()).toEqual([]);
    expect((await app.services.audit.list(1)).slice(0, 3).map((e) => e.action)).toEqual(['funder.remove', 'funder.edit', 'funder.add']);
  });

  it('is for admins and owners only', async () => {
    app = await buildApp();
    for (const role of ['editor', 'writer', 'contributor'] as const) {
      const { client } = await loggedInClient(app, role);
      expect((await client.get('/admin/funders')).statusCode, role).toBe(403);
      const res = await client.post('/admin/funders', { name: 'Sneaky Fund', url: '', line: '', position: '0' }, { csrfFrom: '/admin' });
      expect(res.statusCode, role).toBe(403);
    }
    const { client: admin } = await loggedInClient(app, 'admin');
    expect((await admin.get('/admin/funders')).statusCode).toBe(200);
    expect(await app.services.funders.listFunders()).toEqual([]);
  });
});

describe('masthead funders', () => {
  async function cli(...args: string[]) {
    const log: string[] = [];
    const error: string[] = [];
    const code = await runFundersCli(args, app!.services, app!.clock(), { log: (s) => void log.push(s), error: (s) => void error.push(s) });
    return { code, log: log.join('\n'), error: error.join('\n') };
  }

  it('adds a funder and prints its id; lists them as text or JSON', async () => {
    app = await buildApp();
    const added = await cli(
      'add',
      '--name',
      'Oak Street Foundation',
      '--url',
      'https://example.org/oak',
      '--line',
      'Courts coverage is supported by {funder}.',
    );
    expect(added.code).toBe(0);
    expect(added.log).toMatch(/^\d+$/);
    const listed = await cli('list', '--json');
    expect(JSON.parse(listed.log)).toEqual([
      {
        id: Number(added.log),
        name: 'Oak Street Foundation',
        url: 'https://example.org/oak',
        line: 'Courts coverage is supported by {funder}.',
        position: 0,
        logo: false,
      },
    ]);
    expect((await cli('list')).log).toContain('1 funder(s)');
    expect((await get('/')).body).toContain('Courts coverage is supported by <a href="https://example.org/oak" rel="noopener">Oak Street Foundation</a>.');
  });

  it('refuses bad values (exit 1) and explains usage (exit 2)', async () => {
    app = await buildApp();
    expect(await cli('add', '--name', 'Oak', '--url', 'ftp://example.org')).toMatchObject({
      code: 1,
      error: expect.stringContaining('--url must be an http(s) address'),
    });
    expect(await cli('add', '--name', 'Oak', '--line', 'Thanks!')).toMatchObject({ code: 1, error: expect.stringContaining('--line must contain {funder}') });
    expect(await cli('add', '--url', 'https://example.org')).toMatchObject({ code: 2, error: expect.stringContaining('funders add needs --name') });
    expect(await cli('add', '--name', 'Oak', '--colour', 'red')).toMatchObject({ code: 2 });
    expect(await cli('remove')).toMatchObject({ code: 2 });
    expect(await app.services.funders.listFunders()).toEqual([]);
  });
});
