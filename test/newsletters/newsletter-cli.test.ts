import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNewsletterCli, runSubscribersCli } from '../../src/newsletters/newsletter-cli.js';
import { buildApp, type TestApp } from '../support/app.js';

let app: TestApp | null = null;
let dir: string | null = null;

afterEach(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  app = dir = null;
});

function capture() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, out: { log: (s: string) => void lines.log.push(s), error: (s: string) => void lines.error.push(s) } };
}

describe('the newsletter CLI refuses bad input with a verdict, and changes nothing', () => {
  it('an unknown newsletter, a CSV with broken rows (a line per problem), an unknown story', async () => {
    app = await buildApp();
    const a = app;
    const n = await a.services.newsletters.saveNewsletter(
      null,
      { slug: 'weekly', name: 'Weekly', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
      a.clock(),
    );
    if (!n.ok) throw new Error(n.message);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-news-cli-'));
    const csv = path.join(dir, 'list.csv');
    fs.writeFileSync(csv, 'email,name\nfine@example.org,Fine\nnot-an-address,Broken\nfine@example.org,Twice\n');

    const unknown = capture();
    expect(await runSubscribersCli(['import', csv, '--newsletter', 'no-such-list'], a.services, a.clock(), unknown.out)).toBe(2);
    expect(unknown.lines.error.join('\n')).toContain('There is no newsletter "no-such-list". Newsletters: ');
    expect(unknown.lines.error.join('\n')).toContain('(weekly)');

    const broken = capture();
    expect(await runSubscribersCli(['import', csv, '--newsletter', 'weekly', '--confirmed'], a.services, a.clock(), broken.out)).toBe(1);
    expect(broken.lines.error).toEqual([
      'Nothing was imported. 2 problem(s):',
      '  line 3: "not-an-address" is not an email address',
      '  line 4: fine@example.org is already on line 2',
    ]);
    expect(await a.services.newsletters.countSubscribers(n.newsletter.id)).toEqual({ pending: 0, confirmed: 0, unsubscribed: 0, bouncing: 0 });

    const missing = capture();
    expect(await runSubscribersCli(['import', path.join(dir, 'nope.csv'), '--newsletter', 'weekly'], a.services, a.clock(), missing.out)).toBe(1);
    expect(missing.lines.error.join('\n')).toContain('Cannot read');

    const noStory = capture();
    const code = await runNewsletterCli(['send', '--newsletter', 'weekly', '--article', 'no-such-story'], a.services, a.clock, noStory.out);
    expect(code).not.toBe(0);
    expect(noStory.lines.error.join('\n')).toContain('no-such-story');
    expect(await a.services.newsletters.listIssues(n.newsletter.id, { sentOnly: false })).toEqual([]);
  });
});
