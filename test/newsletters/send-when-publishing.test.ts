import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, submitArticleForm } from '../support/admin.js';
import { startSmtpServer } from '../support/smtp.js';

let app: TestApp | null = null;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  app = smtp = null;
});

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const story = (headline: string) => ({
  headline,
  standfirst: 'What the council decided.',
  body_html: '<p>The vote was 6–1.</p>',
  authors: 'Rosa Vance',
  section: 'City Hall',
  language: 'en',
});

async function setup() {
  smtp = await startSmtpServer({});
  app = await buildApp({ config: { smtpUrl: smtp.url, newsletters: { smtpUrl: null, rate: 500, connections: 2, leaseMs: 60_000, dkim: null } } });
  const n = await app.services.newsletters.saveNewsletter(
    null,
    { slug: 'morning', name: 'Morning briefing', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
    app.clock(),
  );
  if (!n.ok) throw new Error(n.message);
  expect(
    await app.services.newsletters.importCsv('email\nreader@example.org\n', { newsletterId: n.newsletter.id, confirmed: true, now: app.clock() }),
  ).toMatchObject({ ok: true, added: 1 });
  return { a: app, s: smtp, newsletterId: n.newsletter.id };
}

const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1]!;

describe('sending a story to a newsletter from the article editor', () => {
  it('an editor picks a newsletter when publishing; the send runs as a job and the subscriber gets the story', async () => {
    const { a, s, newsletterId } = await setup();
    const { client } = await loggedInClient(a, 'editor');
    const created = await submitArticleForm(a, client, '/admin/articles', { ...story('The bridge reopens'), action: 'save' });
    expect(created.statusCode).toBe(303);
    const editUrl = created.headers.location!.split('?')[0]!;
    const edit = await client.get(editUrl);
    expect(edit.body).toContain('Send to a newsletter when published');
    expect(edit.body).toContain(`<option value="${newsletterId}">Morning briefing</option>`);

    const published = await submitArticleForm(a, client, editUrl, {
      ...story('The bridge reopens'),
      revision: revisionOf(edit.body),
      action: 'publish',
      sendNewsletter: String(newsletterId),
    });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toContain('newsletter=sending');
    expect((await client.get(published.headers.location!)).body).toContain('The newsletter send has started');
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(1);
    await a.jobs.drain();
    for (let i = 0; i < 200 && s.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(s.messages.map((m) => [to(m), m.subject])).toEqual([['reader@example.org', 'The bridge reopens']]);

    // Once published, the page offers a later send instead of the publish-time choice.
    const after = await client.get(editUrl);
    expect(after.body).not.toContain('Send to a newsletter when published');
    expect(after.body).toContain('Send this story to');
    const again = await client.post(`${editUrl}/newsletter`, { newsletter: String(newsletterId) }, { csrf: csrfToken(after.body) });
    expect(again.statusCode).toBe(303);
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(2);

    // An unknown newsletter is named, not a 500.
    const unknown = await client.post(`${editUrl}/newsletter`, { newsletter: '999999' }, { csrf: csrfToken(after.body) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('newsletter');
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(2);
  });

  it('a writer without newsletters.manage sees no control and cannot send, neither on publish nor later', async () => {
    const { a, newsletterId } = await setup();
    const { client } = await loggedInClient(a, 'writer');
    const created = await submitArticleForm(a, client, '/admin/articles', { ...story('Library hours change'), action: 'save' });
    const editUrl = created.headers.location!.split('?')[0]!;
    const edit = await client.get(editUrl);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).not.toContain('Send to a newsletter when published');

    const refused = await submitArticleForm(a, client, editUrl, {
      ...story('Library hours change'),
      revision: revisionOf(edit.body),
      action: 'publish',
      sendNewsletter: String(newsletterId),
    });
    expect(refused.statusCode).toBe(403);
    // Refused before anything was stored: not published either.
    expect((await a.http.inject({ url: '/articles/library-hours-change' })).statusCode).toBe(404);

    const published = await submitArticleForm(a, client, editUrl, { ...story('Library hours change'), revision: revisionOf(edit.body), action: 'publish' });
    expect(published.statusCode).toBe(303);
    const after = await client.get(editUrl);
    expect(after.body).not.toContain('Send this story to');
    const later = await client.post(`${editUrl}/newsletter`, { newsletter: String(newsletterId) }, { csrf: csrfToken(after.body) });
    expect(later.statusCode).toBe(403);
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(0);
  });

  it('a story scheduled for later goes to the chosen newsletter when the scheduled publish happens, once', async () => {
    const { a, s, newsletterId } = await setup();
    const { client } = await loggedInClient(a, 'editor');
    const scheduled = await submitArticleForm(a, client, '/admin/articles', {
      ...story('The ferry timetable changes'),
      action: 'schedule',
      publishAt: '2026-11-28T09:00',
      sendNewsletter: String(newsletterId),
    });
    expect(scheduled.statusCode).toBe(303);
    expect(scheduled.headers.location).toContain('newsletter=waiting');
    const editUrl = scheduled.headers.location!.split('?')[0]!;
    const page = await client.get(scheduled.headers.location!);
    expect(page.body).toContain('It goes to the newsletter when it is published at its scheduled time.');
    // The editor sees the choice that is waiting.
    expect(page.body).toContain(`<option value="${newsletterId}" selected>Morning briefing</option>`);

    // Before its time: nothing is created or sent.
    await a.jobs.drain();
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(0);

    // The publish-due job publishes it, and the send starts as a job.
    a.fixedClock.advance(22 * 3600_000);
    await a.jobs.drain();
    expect((await a.http.inject({ url: '/articles/the-ferry-timetable-changes' })).statusCode).toBe(200);
    await a.jobs.drain();
    for (let i = 0; i < 200 && s.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(s.messages.map((m) => [to(m), m.subject])).toEqual([['reader@example.org', 'The ferry timetable changes']]);

    // Later passes of the job send nothing more.
    a.fixedClock.advance(60_000);
    await a.jobs.drain();
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(1);
    expect(s.messages).toHaveLength(1);
    expect((await client.get(editUrl)).statusCode).toBe(200);
  });

  it('a scheduled story whose newsletter choice is taken back sends nothing; an unknown newsletter is refused', async () => {
    const { a, s, newsletterId } = await setup();
    const { client } = await loggedInClient(a, 'editor');
    const scheduled = await submitArticleForm(a, client, '/admin/articles', {
      ...story('The market moves'),
      action: 'schedule',
      publishAt: '2026-11-28T09:00',
      sendNewsletter: String(newsletterId),
    });
    const editUrl = scheduled.headers.location!.split('?')[0]!;
    const edit = await client.get(editUrl);
    const resaved = await submitArticleForm(a, client, editUrl, {
      ...story('The market moves'),
      revision: revisionOf(edit.body),
      action: 'schedule',
      publishAt: '2026-11-28T09:00',
      sendNewsletter: '',
    });
    expect(resaved.statusCode).toBe(303);
    expect(resaved.headers.location).not.toContain('newsletter=');
    a.fixedClock.advance(22 * 3600_000);
    await a.jobs.drain();
    await a.jobs.drain();
    expect((await a.http.inject({ url: '/articles/the-market-moves' })).statusCode).toBe(200);
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(0);
    expect(s.messages).toHaveLength(0);

    // An unknown newsletter for a scheduled story is refused with its name, and nothing waits.
    const other = await submitArticleForm(a, client, '/admin/articles', {
      ...story('The harbour dredging'),
      action: 'schedule',
      publishAt: '2026-11-29T09:00',
      sendNewsletter: '999999',
    });
    expect(other.headers.location).toContain('newsletter=failed');
    a.fixedClock.advance(24 * 3600_000);
    await a.jobs.drain();
    await a.jobs.drain();
    expect(await a.services.newsletters.listIssues(newsletterId, { sentOnly: false })).toHaveLength(0);
  });
});
