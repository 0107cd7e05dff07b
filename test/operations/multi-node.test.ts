import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.js';
import { postgresAvailable, postgresDatabase, PG_URL, type TestDatabase } from '../support/databases.js';
import { createArticle, imageBytes } from '../support/factories.js';
import { formFields, HttpClient } from '../support/http-client.js';
import { eventually } from '../support/redis.js';
import { OwnRedis } from '../support/redis-server.js';
import { startS3, type TestS3 } from '../support/s3.js';
import { appFor, freePort, serverEnv, startServer, type ServerProcess } from '../support/server-process.js';

// Three real `masthead serve` processes over one PostgreSQL schema, one Redis (a private one, so the
// test can stop it) and one S3 server, each with a data folder of its own: nothing is shared but those.
// Bounds are generous polling limits for a loaded machine, never timing assertions.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const available = (await postgresAvailable()) && hasRedisServer;
if (!hasRedisServer) console.warn('[tests] redis-server is not installed: the multi-node test is skipped.');

const BOOT_MS = 120_000;

/** A purge webhook that records every call, and can hold calls unanswered (a slow job). */
class PurgeWebhook {
  readonly calls: { jobId: string; answered: boolean }[] = [];
  private held: http.ServerResponse[] = [];
  stall = false;
  private readonly server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const call = { jobId: String(req.headers['idempotency-key']), answered: false };
      this.calls.push(call);
      if (this.stall) this.held.push(res);
      else {
        call.answered = true;
        res.end('ok');
      }
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/purge`;
  }
  release() {
    this.stall = false;
    for (const res of this.held.splice(0)) res.end('ok');
  }
  close() {
    this.release();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }
}

let db: TestDatabase;
let redis: OwnRedis;
let s3: TestS3;
let hook: PurgeWebhook;
let seeding: App;
let env: Record<string, string>;
const nodes: ServerProcess[] = [];
const ports: number[] = [];
const dataDirs: string[] = [];
let editorCookie = '';
let editorId = 0;
let scheduledSlug = '';
const stories: { id: number; slug: string }[] = [];

const pgQuery = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`SET search_path TO ${db.pgSchema}`);
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
};

const envFor = (i: number) => ({ ...env, PORT: String(ports[i]), DATA_DIR: dataDirs[i]! });
const url = (i: number) => `http://127.0.0.1:${ports[i]}`;
const editor = (i: number) => {
  const c = new HttpClient(url(i), '192.0.2.10');
  c.cookies.set('mh_session', editorCookie);
  return c;
};
const reader = (i: number, ip = '198.51.100.1') => new HttpClient(url(i), ip);
/** Whether node `i` serves the story's page with `text` in it. */
/** Reads the page on node `i` until it answers from the page cache (background purges may drop a copy meanwhile). */
const cachedOn = (i: number, slug: string) => eventually(async () => (await reader(i).get(`/articles/${slug}`)).headers.get('x-cache') === 'HIT', 15_000);
const shows = async (i: number, slug: string, text: string) => (await reader(i).get(`/articles/${slug}`)).body.includes(text);

/** Publishes a new headline for `story` through node `i`'s admin, as an editor's browser would; returns the response. */
async function publishThrough(i: number, story: { id: number }, headline: string, extra: (form: FormData) => void = () => {}) {
  const client = editor(i);
  await client.get('/admin'); // the CSRF secret cookie
  const page = await client.get(`/admin/articles/${story.id}`);
  const fields = formFields(page.body, { id: 'article-form' });
  if (!fields) throw new Error(`no article form on node ${i}: ${page.status}`);
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...fields, headline, action: 'publish' })) form.set(k, v);
  extra(form);
  return client.request('POST', `/admin/articles/${story.id}`, { body: form });
}

/** Runs the `masthead` command against the cluster's database and Redis, as an operator would on any host. */
function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('bin/masthead.mjs'), ...args], { env: envFor(0), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(!available)('three app servers over one PostgreSQL, Redis and S3', () => {
  beforeAll(async () => {
    db = await postgresDatabase();
    redis = new OwnRedis(await freePort());
    await redis.start();
    s3 = await startS3();
    hook = new PurgeWebhook();
    await hook.start();
    for (let i = 0; i < 3; i++) {
      ports.push(await freePort());
      dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `masthead-node${i}-`)));
    }
    env = serverEnv(db, ports[0]!, { REDIS_URL: redis.url, PURGE_WEBHOOK_URL: hook.url, LOG_LEVEL: 'info', ...s3.env });
    seeding = await appFor({ ...envFor(0), LOG_LEVEL: 'silent' });
    await seeding.http.ready(); // signCookie comes with the cookie plugin
    for (let n = 0; n < 5; n++) {
      const input = await createArticle(seeding, { publishedAt: new Date(Date.now() - 3600_000).toISOString() });
      stories.push({ id: (await seeding.services.articles.findArticle(input.slug))!.id, slug: input.slug });
    }
    // Due a few seconds from now: by the time the servers are up, all three race to publish it.
    scheduledSlug = (
      await createArticle(seeding, { headline: 'Council votes on the flood barrier tonight', publishedAt: new Date(Date.now() + 3000).toISOString() })
    ).slug;
    const user = await seeding.services.accounts.createUser(
      { email: 'night-desk@example.org', name: 'Night Desk', role: 'editor' },
      { now: new Date(), actor: null },
    );
    if (!user.ok) throw new Error(user.message);
    editorId = user.user.id;
    const login = await seeding.services.accounts.loginWithToken(await seeding.services.accounts.issueLoginToken(user.user.id, new Date()), {
      now: new Date(),
      ip: '127.0.0.1',
      userAgent: 'seed',
    });
    if (!login.ok) throw new Error(login.message);
    editorCookie = seeding.http.signCookie(login.sessionToken);
    nodes.push(...(await Promise.all([0, 1, 2].map((i) => startServer(envFor(i), { timeoutMs: BOOT_MS })))));
  }, BOOT_MS + 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill9()));
    await seeding?.close();
    await hook?.close();
    await s3?.close();
    await redis?.stop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
    await db?.cleanup();
  }, 60_000);

  it('publish on A: B serves the new page, and the copy C had cached is purged', async () => {
    const story = stories[0]!;
    for (const i of [1, 2]) expect(await cachedOn(i, story.slug)).toBe(true);
    const headline = 'Flood barrier approved after a night of debate';
    expect((await publishThrough(0, story, headline)).status).toBe(303);
    const started = Date.now();
    // Without a purge, C's copy would live for an hour: seeing the change at all proves it crossed.
    expect(await eventually(async () => shows(1, story.slug, headline), 15_000)).toBe(true);
    expect(await eventually(async () => shows(2, story.slug, headline), 15_000)).toBe(true);
    console.log(`[multi-node] the edit on A was served by B and C after ${Date.now() - started} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
  }, 120_000);

  it('a hero image uploaded through A is served by B and C from the shared bucket', async () => {
    const story = stories[1]!;
    const jpeg = await imageBytes(1200, 800);
    const res = await publishThrough(0, story, 'The new barrier, seen from the river', (form) => {
      form.set('hero_file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'barrier.jpg');
      form.set('heroAlt', 'Steel gates of the flood barrier');
    });
    expect(res.status).toBe(303);
    let src: string | null = null;
    expect(
      await eventually(async () => {
        src = /\/media\/[a-f0-9]{32}\/\d+\.jpg/.exec((await reader(1).get(`/articles/${story.slug}`)).body)?.[0] ?? null;
        return src !== null;
      }, 15_000),
    ).toBe(true);
    const fromB = await fetch(`${url(1)}${src!}`);
    const fromC = await fetch(`${url(2)}${src!}`);
    expect([fromB.status, fromC.status]).toEqual([200, 200]);
    expect(fromB.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const [b, c] = [Buffer.from(await fromB.arrayBuffer()), Buffer.from(await fromC.arrayBuffer())];
    expect(b.equals(c)).toBe(true);
    expect((await sharp(b).metadata()).format).toBe('jpeg');
    // No node kept it on its own disk: the bucket holds it.
    for (const d of dataDirs) expect(fs.existsSync(path.join(d, 'media'))).toBe(false);
  }, 120_000);

  it('a rate limit counts across nodes, and a sign-out on A holds on B', async () => {
    // Ten reports per address per ten minutes, whichever node takes them.
    const statuses: number[] = [];
    for (let n = 0; n < 15; n++) {
      const r = await reader(n % 3, '203.0.113.77').postJson('/api/v1/corrections', {
        article: stories[2]!.slug,
        quote: { exact: 'The second paragraph.' },
        suggestion: `Report ${n}: the second paragraph needs the date of the vote.`,
      });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);

    const a = editor(0);
    const adminPage = await a.get('/admin');
    expect(adminPage.status).toBe(200);
    expect((await editor(1).get('/admin')).status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(adminPage.body)![1]!;
    expect((await a.postForm('/admin/logout', { _csrf: csrf })).status).toBe(303);
    const onB = await editor(1).get('/admin');
    expect(onB.status).toBe(303);
    expect(onB.headers.get('location')).toMatch(/^\/admin\/login/);
    // Sign back in for the tests below, through B this time.
    const fresh = await seeding.services.accounts.loginWithToken(await seeding.services.accounts.issueLoginToken(editorId, new Date()), {
      now: new Date(),
      ip: '127.0.0.1',
      userAgent: 'seed',
    });
    if (!fresh.ok) throw new Error(fresh.message);
    editorCookie = seeding.http.signCookie(fresh.sessionToken);
  }, 120_000);

  it('a CLI write on a host with REDIS_URL purges the running servers', async () => {
    const story = stories[3]!;
    expect(await cachedOn(2, story.slug)).toBe(true);
    const added = await cli(['funders', 'add', '--name', 'River Towns Fund']);
    expect(added.code, added.out).toBe(0);
    // Every page's footer credits funders: C's cached copy must be dropped.
    expect(await eventually(async () => (await reader(2).get(`/articles/${story.slug}`)).body.includes('River Towns Fund'), 15_000)).toBe(true);
  }, 120_000);

  it('a scheduled article is published exactly once with three nodes racing', async () => {
    expect(await eventually(async () => (await reader(1).get(`/articles/${scheduledSlug}`)).status === 200, 45_000)).toBe(true);
    // The page is served once the publishing transaction commits; the node logs only after its purges,
    // a moment later on a loaded machine, so the log is waited for rather than read at once.
    const publishers = () => nodes.filter((n) => n.output().includes('published scheduled articles') && n.output().includes(scheduledSlug));
    expect(await eventually(() => publishers().length > 0, 15_000)).toBe(true);
    expect(publishers()).toHaveLength(1);
    const rows = await pgQuery<{ status: string }>('SELECT status FROM articles WHERE slug = $1', [scheduledSlug]);
    expect(rows).toEqual([{ status: 'published' }]);
  }, 120_000);

  let killedJob: { id: string; victim: number } | null = null;

  it(
    'kill -9 of the node running a job: the job is left to the others',
    async () => {
      hook.stall = true;
      expect((await publishThrough(0, stories[4]!, 'Barrier closes for the first time')).status).toBe(303);
      expect(await eventually(() => hook.calls.some((c) => !c.answered), 30_000)).toBe(true);
      const jobId = hook.calls.find((c) => !c.answered)!.jobId;
      const [job] = await pgQuery<{ state: string; locked_by: string }>('SELECT state, locked_by FROM jobs WHERE id = $1', [jobId]);
      expect(job?.state).toBe('running');
      const victim = nodes.findIndex((n) => job!.locked_by.includes(`:${n.pid}:`));
      expect(victim).toBeGreaterThanOrEqual(0);
      expect(await nodes[victim]!.kill9()).toBe('SIGKILL');
      hook.release();
      killedJob = { id: jobId, victim };
      // Back in the pool under the same address (a new process, a new worker id) for the tests below.
      nodes[victim] = await startServer(envFor(victim), { timeoutMs: BOOT_MS });
    },
    BOOT_MS,
  );

  it('with Redis stopped, nodes serve and take writes, /readyz says so; when it returns, purges flow again', async () => {
    await redis.stop();
    for (const i of [0, 1, 2]) {
      expect(
        await eventually(async () => {
          const r = await fetch(`${url(i)}/readyz`);
          return r.status === 503 && ((await r.json()) as { checks: { redis: { ok: boolean } } }).checks.redis.ok === false;
        }, 20_000),
      ).toBe(true);
    }
    expect((await reader(1).get(`/articles/${stories[0]!.slug}`)).status).toBe(200);
    const duringOutage = 'Barrier holds as the river peaks';
    expect((await publishThrough(0, stories[0]!, duringOutage)).status).toBe(303);
    // And they say so in their logs.
    expect(await eventually(() => nodes.every((n) => n.output().includes('invalidation bus: Redis unreachable')), 20_000)).toBe(true);

    await redis.start();
    for (const i of [0, 1, 2]) expect(await eventually(async () => (await fetch(`${url(i)}/readyz`)).status === 200, 30_000)).toBe(true);
    expect(await eventually(() => nodes.every((n) => n.output().includes('invalidation bus back: dropped every cached page')), 20_000)).toBe(true);
    // Cached after the link returned (an hour's lifetime again), then purged by an edit on A.
    const story = stories[2]!;
    expect(await cachedOn(2, story.slug)).toBe(true);
    const after = 'River falls back below the warning mark';
    expect((await publishThrough(0, story, after)).status).toBe(303);
    expect(await eventually(async () => shows(2, story.slug, after), 20_000)).toBe(true);
  }, 120_000);

  it('the job whose worker was killed completes on another node', async () => {
    expect(killedJob).not.toBeNull();
    const { id } = killedJob!;
    // Its lease (30 s) has to pass before another worker may take it over.
    expect(await eventually(async () => (await pgQuery<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [id]))[0]?.state === 'done', 60_000)).toBe(
      true,
    );
    expect(hook.calls.filter((c) => c.jobId === id && c.answered).length).toBeGreaterThanOrEqual(1);
    const [job] = await pgQuery<{ attempt: number }>('SELECT attempt FROM jobs WHERE id = $1', [id]);
    expect(Number(job!.attempt)).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
