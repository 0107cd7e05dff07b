import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../support/app.js';
import { postgresAvailable } from '../support/databases.js';
import { eventually } from '../support/redis.js';
import { OwnRedis } from '../support/redis-server.js';
import { imageBytes } from '../support/factories.js';
import { startS3 } from '../support/s3.js';
import { freePort } from '../support/server-process.js';

const hasPg = await postgresAvailable();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function app(opts: Parameters<typeof buildApp>[0] = {}) {
  const a = await buildApp(opts);
  cleanups.push(() => a.close());
  return a;
}

describe('/healthz and /readyz', () => {
  it('answer alive and ready with the database checked, never cached', async () => {
    const a = await app();
    const health = await a.http.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await a.http.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: { ok: true, detail: 'reachable' } } });
  });

  it('is 503 naming what failed when a registered check fails, and once shutdown began', async () => {
    const a = await app();
    a.health.register('s3', async () => {
      throw new Error('bucket media not reachable');
    });
    const ready = await a.http.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.s3).toEqual({ ok: false, detail: 'bucket media not reachable' });
    expect(ready.json().checks.database.ok).toBe(true);

    const b = await app();
    b.health.drain();
    const draining = await b.http.inject({ url: '/readyz' });
    expect(draining.statusCode).toBe(503);
    expect(draining.json().checks.process).toEqual({ ok: false, detail: 'shutting down' });
  });

  it('reports Redis down while it is stopped, and ready again when it returns', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    cleanups.push(() => redis.stop());
    const a = await app({ config: { redisUrl: redis.url } });
    const status = async () => (await a.http.inject({ url: '/readyz' })).statusCode;
    expect(await eventually(async () => (await status()) === 200)).toBe(true);
    await redis.stop();
    expect(await eventually(async () => (await status()) === 503, 10_000)).toBe(true);
    expect((await a.http.inject({ url: '/readyz' })).json().checks.redis.detail).toMatch(/not reachable/);
    // Still serving pages while Redis is down.
    expect((await a.http.inject({ url: '/' })).statusCode).toBe(200);
    await redis.start();
    expect(await eventually(async () => (await status()) === 200, 10_000)).toBe(true);
  });
});

describe('/readyz with media on S3', () => {
  it('reports the bucket reachable, and 503 once the S3 server is gone', async () => {
    const s3 = await startS3();
    let closed = false;
    cleanups.push(() => (closed ? Promise.resolve() : s3.close()));
    const a = await app({ config: { s3: s3.config } });
    const ready = await a.http.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.s3).toEqual({ ok: true, detail: `bucket masthead-media at ${s3.config.url} reachable` });
    const image = await a.services.media.storeImage(await imageBytes(600, 400), a.clock());
    if (!image.ok) throw new Error(image.message);
    expect((await a.http.inject({ url: `/media/${image.hash}/480.jpg` })).statusCode).toBe(200);
    await s3.close();
    closed = true;
    const down = await a.http.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json().checks.s3.ok).toBe(false);
    expect(down.json().checks.s3.detail).toMatch(/^bucket masthead-media at http:\/\/127\.0\.0\.1:\d+ not reachable/);
    // Pages do not need S3 to render; an image asked for meanwhile is a 503 on our error page, not a crash.
    expect((await a.http.inject({ url: '/' })).statusCode).toBe(200);
    const image503 = await a.http.inject({ url: `/media/${image.hash}/480.jpg`, headers: { accept: 'text/html' } });
    expect(image503.statusCode).toBe(503);
    expect(image503.body).toContain('Please try again in a moment');
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id from the proxy and makes one otherwise', async () => {
    const a = await app();
    const given = await a.http.inject({ url: '/healthz', headers: { 'x-request-id': 'nginx-4f2a9c' } });
    expect(given.headers['x-request-id']).toBe('nginx-4f2a9c');
    const made = await a.http.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\twith tabs' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await a.http.inject({ url: '/healthz' });
    expect(other.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
  });
});

describe('/metrics', () => {
  it('is not served without METRICS_TOKEN', async () => {
    const a = await app();
    expect((await a.http.inject({ url: '/metrics' })).statusCode).toBe(403);
  });

  it('needs the bearer token, then counts requests by route and status, latency and the page cache', async () => {
    const token = 'metrics-token-0123456789';
    const a = await app({ config: { metricsToken: token } });
    expect((await a.http.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await a.http.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
    await a.http.inject({ url: '/' });
    await a.http.inject({ url: '/articles/no-such-story' });
    const res = await a.http.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/masthead_http_requests_total\{method="GET",route="\/",status="200"\} 1/);
    expect(res.body).toMatch(/masthead_http_requests_total\{method="GET",route="\/articles\/:slug",status="404"\} 1/);
    expect(res.body).toMatch(/masthead_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/"\} 1/);
    expect(res.body).toMatch(/# TYPE masthead_page_cache_hits_total counter/);
    expect(res.body).toMatch(/masthead_page_cache_misses_total \d+/);
    expect(res.body).toMatch(/masthead_page_cache_evictions_total 0/);
    expect(res.body).toMatch(/masthead_invalidation_link_up 1/);
  });

  it('shows the queue depth by state and the failed attempts by job name', async () => {
    const token = 'metrics-token-0123456789';
    const a = await app({ config: { metricsToken: token } });
    a.jobs.register('test.always-fails', async () => {
      throw new Error('the far end said no');
    });
    await a.jobs.enqueue('test.always-fails', null, { maxAttempts: 2 });
    await a.jobs.enqueue('test.always-fails', null, { maxAttempts: 1 });
    await a.jobs.enqueue('test.later', null, { runAt: new Date(a.clock().getTime() + 3600_000) });
    await a.jobs.drain();
    // The first job failed once and waits out its backoff; the second is dead.
    const scrape = async () => (await a.http.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).body;
    let body = await scrape();
    expect(body).toMatch(/masthead_job_failures_total\{name="test.always-fails"\} 2/);
    expect(body).toMatch(/masthead_jobs\{state="dead"\} 1/);
    expect(body).toMatch(/masthead_jobs\{state="running"\} 0/);
    const queued = Number(/masthead_jobs\{state="queued"\} (\d+)/.exec(body)?.[1]);
    a.fixedClock.advance(60_000);
    await a.jobs.drain();
    body = await scrape();
    expect(body).toMatch(/masthead_job_failures_total\{name="test.always-fails"\} 3/);
    expect(body).toMatch(/masthead_jobs\{state="dead"\} 2/);
    expect(Number(/masthead_jobs\{state="queued"\} (\d+)/.exec(body)?.[1])).toBe(queued - 1);
    // SQLite has no pool: the gauge is declared but has no samples.
    expect(body).toMatch(/# TYPE masthead_db_pool_connections gauge/);
    expect(body).not.toMatch(/masthead_db_pool_connections\{/);
  });

  it.runIf(hasPg)('shows PostgreSQL pool use', async () => {
    const token = 'metrics-token-0123456789';
    const a = await app({ database: 'postgres', config: { metricsToken: token } });
    const body = (await a.http.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).body;
    const total = Number(/masthead_db_pool_connections\{state="total"\} (\d+)/.exec(body)?.[1]);
    // The app has used the database (migrations, settings), so the pool holds at least one connection, at most its size.
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(10);
    expect(body).toMatch(/masthead_db_pool_connections\{state="idle"\} \d+/);
    expect(body).toMatch(/masthead_db_pool_connections\{state="waiting"\} 0/);
  });
});
