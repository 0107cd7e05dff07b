import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';

const HOSTILE_ERROR = '<script>alert("job")</script> & <img src=x onerror=alert(2)>';

describe('/admin/jobs: the dead-letter list', () => {
  let app: TestApp;
  let admin: AdminClient;
  let failing = true;
  let runs = 0;

  beforeEach(async () => {
    app = await buildApp();
    failing = true;
    runs = 0;
    app.jobs.register('test.deliver', async () => {
      runs++;
      if (failing) throw new Error(HOSTILE_ERROR);
    });
    ({ client: admin } = await loggedInClient(app, 'admin'));
  });
  afterEach(() => app.close());

  /** Enqueues a job that fails every attempt until `failing` is turned off, and runs it out of attempts. */
  async function deadJob(): Promise<string> {
    const id = await app.jobs.enqueue('test.deliver', { to: 'reader@example.org' }, { maxAttempts: 2 });
    await app.jobs.drain();
    // The second attempt waits out its backoff (2–2.5 s).
    app.fixedClock.advance(10_000);
    await app.jobs.drain();
    expect((await app.jobs.findJob(id))?.state).toBe('dead');
    return id;
  }

  it('lists a job that failed past its attempts, with its error escaped; retry runs it again', async () => {
    const settings = await app.services.site.getSettings();
    await app.services.site.updateSettings({ ...settings, timeZone: 'America/Chicago' }, { now: app.clock(), actor: null });
    const id = await deadJob();
    expect(runs).toBe(2);
    const page = await admin.get('/admin/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Failed for good (1)');
    expect(page.body).toContain('<code>test.deliver</code>');
    expect(page.body).toContain('2 of 2');
    expect(page.body).toContain('<pre class="job-error">Error: &lt;script>alert(&quot;job&quot;)&lt;/script> &amp; &lt;img src=x onerror=alert(2)></pre>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    // The failure time, as a <time> in the outlet's zone (its machine-readable instant is the stored one).
    // The failure time in the outlet's zone (noon UTC is 6 AM in Chicago), with the stored instant as its datetime.
    expect(page.body).toContain(`<time datetime="${(await app.jobs.findJob(id))!.failedAt}" title="November 27, 2026 at 6:00 AM CST">`);
    expect(page.body).toContain(`action="/admin/jobs/${id}/retry"`);
    expect(page.body).toContain('href="/admin/jobs"');

    failing = false;
    const retried = await admin.post(`/admin/jobs/${id}/retry`, {}, { csrfFrom: '/admin/jobs' });
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/admin/jobs?done=retried');
    // The app's worker may take it at once; drain waits for it either way.
    await app.jobs.drain();
    expect(runs).toBe(3);
    expect((await app.jobs.findJob(id))?.state).toBe('done');
    const after = await admin.get('/admin/jobs?done=retried');
    expect(after.body).toContain('The job is back in the queue');
    expect(after.body).toContain('Failed for good (0)');

    // Retrying a job that is no longer dead says so, and changes nothing.
    const again = await admin.post(`/admin/jobs/${id}/retry`, {}, { csrfFrom: '/admin/jobs' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('no longer in the failed list');
    expect((await app.jobs.findJob(id))?.state).toBe('done');
  });

  it('discards a dead job; a second discard is a 404, a malformed id a 400', async () => {
    const id = await deadJob();
    const discarded = await admin.post(`/admin/jobs/${id}/discard`, {}, { csrfFrom: '/admin/jobs' });
    expect(discarded.statusCode).toBe(303);
    expect(await app.jobs.findJob(id)).toBeNull();
    expect((await admin.get('/admin/jobs')).body).not.toContain(`/admin/jobs/${id}/`);
    expect((await admin.post(`/admin/jobs/${id}/discard`, {}, { csrfFrom: '/admin/jobs' })).statusCode).toBe(404);
    const bad = await admin.post('/admin/jobs/not-a-job/discard', {}, { csrfFrom: '/admin/jobs' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('a job id is a UUID');
    expect(runs).toBe(2);
  });

  it('refuses editors (403) and forms without the token, and leaves the job dead', async () => {
    const id = await deadJob();
    const { client: editor } = await loggedInClient(app, 'editor');
    expect((await editor.get('/admin/jobs')).statusCode).toBe(403);
    const csrf = csrfToken((await editor.get('/admin')).body);
    expect((await editor.post(`/admin/jobs/${id}/retry`, {}, { csrf })).statusCode).toBe(403);
    expect((await editor.post(`/admin/jobs/${id}/discard`, {}, { csrf })).statusCode).toBe(403);
    expect((await admin.post(`/admin/jobs/${id}/retry`, {}, { csrf: null })).statusCode).toBe(403);
    // The nav link shows only to those who may open the page.
    expect((await editor.get('/admin')).body).not.toContain('href="/admin/jobs"');
    expect((await app.jobs.findJob(id))?.state).toBe('dead');
  });

  it('deletes finished jobs after the retention period, keeping newer ones and dead ones', async () => {
    failing = false;
    const old = await app.jobs.enqueue('test.deliver', null);
    await app.jobs.drain();
    app.fixedClock.advance(6 * 86_400_000);
    const recent = await app.jobs.enqueue('test.deliver', null);
    await app.jobs.drain();
    failing = true;
    const dead = await deadJob();
    expect((await app.jobs.findJob(old))?.state).toBe('done');
    app.fixedClock.advance(2 * 86_400_000);
    await app.jobs.drain();
    expect(await app.jobs.findJob(old)).toBeNull();
    expect((await app.jobs.findJob(recent))?.state).toBe('done');
    expect((await app.jobs.findJob(dead))?.state).toBe('dead');
  });
});
