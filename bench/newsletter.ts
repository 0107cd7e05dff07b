// `npm run bench -- --newsletter 10000`: one issue to N confirmed subscribers, delivered through the real
// sender and nodemailer pool to a local SMTP server that accepts everything (smtp-server, bodies discarded).
// Reports messages per second, total time and peak RSS (with RSS sampled during the send, to show whether
// memory grows with the list). Measured on whatever else the machine runs: the load average is printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { articleInputSchema } from '../src/articles/article-schema.js';

export async function benchNewsletter(recipients: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-newsletter-bench-'));
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => {
        accepted++;
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
      DATA_DIR: dir,
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://news.example.test',
      SMTP_URL: smtpUrl,
      NEWSLETTER_RATE: '10000',
      NEWSLETTER_CONNECTIONS: '5',
      WORKER: 'off',
    },
    dir,
  );
  const app = await createApp(config);
  try {
    const n = await app.services.newsletters.saveNewsletter(
      null,
      { slug: 'bench', name: 'Bench', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
      app.clock(),
    );
    if (!n.ok) throw new Error(n.message);
    const csv = ['email', ...Array.from({ length: recipients }, (_, i) => `reader${i}@example.org`)].join('\n');
    const imported = await app.services.newsletters.importCsv(csv, { newsletterId: n.newsletter.id, confirmed: true, now: app.clock() });
    if (!imported.ok) throw new Error('import failed');
    const saved = await app.services.articles.saveArticle(
      articleInputSchema.parse({
        slug: 'bench-story',
        headline: 'A story of ordinary length',
        standfirst: 'One sentence.',
        bodyMarkdown: Array.from(
          { length: 12 },
          (_, i) => `Paragraph ${i} of the story, with [a link](/articles/other) and some words to make it as long as a real one is.`,
        ).join('\n\n'),
        authors: [{ name: 'Rosa Vance' }],
        section: 'City Hall',
        tags: [],
        sources: [],
        status: 'published',
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
      }),
      { now: app.clock(), actor: 'bench' },
    );
    if (!saved.ok) throw new Error(saved.message);
    const issue = await app.services.newsletters.createIssue(
      { newsletterId: n.newsletter.id, articleSlugs: ['bench-story'], sendAt: null, createdBy: 'bench' },
      app.clock(),
    );
    if (!issue.ok) throw new Error(issue.message);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().rss / 2 ** 20), 250);
    const start = performance.now();
    const result = await app.services.newsletterSender.runIssue(issue.issue.id);
    const ms = performance.now() - start;
    clearInterval(sampler);
    const counts = await app.services.newsletters.countDeliveries(issue.issue.id);
    const q = (f: number) => (samples.length ? samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]!.toFixed(0) : '-');
    console.log(`newsletter: ${recipients} recipients, result ${result.state}, server accepted ${accepted}, deliveries ${JSON.stringify(counts)}`);
    console.log(
      `total ${(ms / 1000).toFixed(2)} s, ${(recipients / (ms / 1000)).toFixed(0)} messages/s (NEWSLETTER_RATE=10000, 5 connections, SQLite synchronous=FULL)`,
    );
    console.log(
      `RSS during the send (MiB): at 10% ${q(0.1)}, 50% ${q(0.5)}, 90% ${q(0.9)}; peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs: figures are measured under that load`,
    );
  } finally {
    await app.close();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
