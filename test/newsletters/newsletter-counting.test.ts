import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';
import { startSmtpServer } from '../support/smtp.js';

let app: TestApp | null = null;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | null = null;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  app = smtp = null;
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
  await app.services.newsletters.importCsv('email\none@example.org\ntwo@example.org\n', { newsletterId: n.newsletter.id, confirmed: true, now: app.clock() });
  return { a: app, s: smtp, newsletterId: n.newsletter.id };
}

/** Sends one story to the list and returns the issue id and the mails it produced. */
async function sendStory(a: TestApp, s: NonNullable<typeof smtp>, newsletterId: number, headline: string) {
  const before = s.messages.length;
  const story = await createArticle(a, { headline });
  const issue = await a.services.newsletters.createIssue({ newsletterId, articleSlugs: [story.slug], sendAt: null, createdBy: 'e' }, a.clock());
  if (!issue.ok) throw new Error(issue.message);
  await a.jobs.drain();
  for (let i = 0; i < 200 && s.messages.length < before + 2; i++) await new Promise((r) => setTimeout(r, 25));
  return { issueId: issue.issue.id, slug: story.slug, mails: s.messages.slice(before) };
}

const COUNTING_NOTE = 'Newsletter opens and clicks';

describe('counting newsletter opens and clicks', () => {
  it('is off by default: no pixel, links as they are, nothing to count, and the privacy pages say nothing of it', async () => {
    const { a, s, newsletterId } = await setup();
    const { issueId, slug, mails } = await sendStory(a, s, newsletterId, 'The bridge reopens');
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.html).toContain(`href="https://news.example.test/articles/${slug}"`);
      expect(m.html).not.toContain('/newsletters/open/');
      expect(m.html).not.toContain('/newsletters/click/');
    }
    expect((await a.http.inject({ url: `/newsletters/open/${issueId}/pixel.gif` })).statusCode).toBe(404);
    expect((await a.http.inject({ url: `/newsletters/click/${issueId}/1` })).statusCode).toBe(404);
    expect((await a.http.inject({ url: '/privacy' })).body).not.toContain(COUNTING_NOTE);
    expect((await a.http.inject({ url: '/cookies' })).body).not.toContain(COUNTING_NOTE);
  });

  it('when the outlet turns it on: counts per issue, redirects only to the issue’s own links, and the privacy pages say so', async () => {
    const { a, s, newsletterId } = await setup();
    const before = await sendStory(a, s, newsletterId, 'Sent before counting');

    // Turned on in the privacy settings, by an admin.
    const { client } = await loggedInClient(a, 'admin');
    const settings = await client.get('/admin/privacy');
    expect(settings.body).toContain('Count newsletter opens and clicks');
    const values = (name: string) => new RegExp(`name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(settings.body)?.[1] ?? '';
    const saved = await client.post(
      '/admin/privacy',
      { privacyText: values('privacyText'), cookiesText: values('cookiesText'), analyticsScriptUrl: '', embedScriptUrls: '', newsletterCounting: 'yes' },
      { csrfFrom: '/admin/privacy' },
    );
    expect(saved.statusCode).toBe(200);
    expect((await a.services.privacy.getSettings()).newsletterCounting).toBe(true);
    expect((await a.http.inject({ url: '/privacy' })).body).toContain(COUNTING_NOTE);
    expect((await a.http.inject({ url: '/cookies' })).body).toContain(COUNTING_NOTE);

    const { issueId, slug, mails } = await sendStory(a, s, newsletterId, 'Sent while counting');
    expect(mails).toHaveLength(2);
    const pixels = mails.map((m) => /<img src="(https:\/\/news\.example\.test\/newsletters\/open\/[^"]+)"/.exec(m.html as string)?.[1]);
    // The same URLs in every recipient's mail: nothing in them names a person.
    expect(pixels[0]).toBe(`https://news.example.test/newsletters/open/${issueId}/pixel.gif`);
    expect(pixels[1]).toBe(pixels[0]);
    const clicks = (html: string) => [...html.matchAll(/href="(https:\/\/news\.example\.test\/newsletters\/click\/[^"]+)"/g)].map((m) => m[1]!);
    expect(clicks(mails[0]!.html as string).length).toBeGreaterThan(0);
    expect(clicks(mails[0]!.html as string)).toEqual(clicks(mails[1]!.html as string));
    for (const u of clicks(mails[0]!.html as string)) expect(u).toMatch(new RegExp(`/newsletters/click/${issueId}/\\d+$`));
    // The personal unsubscribe link stays direct (it is the one per-person link, and it is not counted).
    expect(mails[0]!.html).toMatch(/href="https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[\w-]+"/);
    expect(mails[0]!.html).not.toContain(`href="https://news.example.test/articles/${slug}"`);

    // Opens count up, per issue; the answer is never cached.
    const open = await a.http.inject({ url: new URL(pixels[0]!).pathname });
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-type']).toBe('image/gif');
    expect(open.headers['cache-control']).toContain('no-store');
    await a.http.inject({ url: new URL(pixels[0]!).pathname });
    expect((await a.services.newsletters.findIssue(issueId))!.opens).toBe(2);

    // A click goes to the story it stood for, and counts.
    const links = await a.services.newsletters.listLinks(issueId);
    const story = links.find((l) => l.url === `https://news.example.test/articles/${slug}`)!;
    expect(story).toBeTruthy();
    const followed = await a.http.inject({ url: `/newsletters/click/${issueId}/${story.position}` });
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe(`https://news.example.test/articles/${slug}`);
    expect(followed.headers['cache-control']).toContain('no-store');
    expect((await a.services.newsletters.listLinks(issueId)).find((l) => l.position === story.position)!.clicks).toBe(1);
    expect(clicks(mails[0]!.html as string)).toContain(`https://news.example.test/newsletters/click/${issueId}/${story.position}`);

    // Forged links are refused: a position the issue never had, another issue's, junk, an issue sent before counting.
    for (const url of [
      `/newsletters/click/${issueId}/999`,
      `/newsletters/click/${issueId}/0`,
      `/newsletters/click/${issueId}/https%3A%2F%2Fevil.example`,
      `/newsletters/click/999999/1`,
      `/newsletters/click/${before.issueId}/1`,
      `/newsletters/open/${before.issueId}/pixel.gif`,
    ]) {
      const res = await a.http.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers.location, url).toBeUndefined();
    }

    // The send's row in the admin shows the counts.
    const { client: editor } = await loggedInClient(a, 'editor');
    const page = await editor.get(`/admin/newsletters/${newsletterId}`);
    // Plural rules from the admin catalog: one click is '1 click'.
    expect(page.body).toMatch(/2 opens, 1 click(?!s)/);
    expect(page.body).toContain('not counted');
  });
});
