// `npm run bench -- --newsletter 10000`: one issue to N confirmed subscribers, delivered through the real
// sender and nodemailer pool to a local SMTP server that accepts everything (smtp-server, bodies discarded,
// in a child process: bench/smtp-sink.mjs). Reports messages per second, total time, the sender's CPU time
// per message (the figure the machine's load moves least), and RSS sampled during the send (to show whether
// memory grows with the list). Measured on whatever else the machine runs: `uptime`'s load is printed.
// NEWSLETTER_BENCH_PROFILE=1 writes a CPU profile of the send only (the import is not in it) to the cwd.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import inspector from 'node:inspector/promises';
import { createApp } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { articleInputSchema } from '../src/articles/article-schema.js';

export async function benchNewsletter(recipients: number, connections = 5): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-newsletter-bench-'));
  const sink = fork(path.join(import.meta.dirname, 'smtp-sink.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await nextMessage<{ port: number }>(sink);
  const smtpUrl = `smtp://127.0.0.1:${port.port}`;
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
      DATA_DIR: dir,
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://news.example.test',
      SMTP_URL: smtpUrl,
      NEWSLETTER_RATE: '10000',
      NEWSLETTER_CONNECTIONS: String(connections),
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
    const profiler = process.env.NEWSLETTER_BENCH_PROFILE ? new inspector.Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const sinkBefore = await sinkCount(sink);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().rss / 2 ** 20), 250);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await app.services.newsletterSender.runIssue(issue.issue.id);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    const sinkAfter = await sinkCount(sink);
    const accepted = sinkAfter.accepted - sinkBefore.accepted;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = `newsletter-send-${Date.now()}.cpuprofile`;
      fs.writeFileSync(file, JSON.stringify(profile));
      console.log(`CPU profile of the send: ${file}`);
    }
    const counts = await app.services.newsletters.countDeliveries(issue.issue.id);
    const q = (f: number) => (samples.length ? samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]!.toFixed(0) : '-');
    console.log(`newsletter: ${recipients} recipients, result ${result.state}, server accepted ${accepted}, deliveries ${JSON.stringify(counts)}`);
    console.log(
      `total ${(ms / 1000).toFixed(2)} s, ${(recipients / (ms / 1000)).toFixed(0)} messages/s ` +
        `(NEWSLETTER_RATE=10000, ${connections} connections, SQLite synchronous=FULL)`,
    );
    const senderMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `CPU time: sender ${(senderMs / 1000).toFixed(1)} s (${((senderMs * 1000) / recipients).toFixed(0)} µs per ` +
        `message), SMTP server (child process) ${((sinkAfter.cpuMs - sinkBefore.cpuMs) / 1000).toFixed(1)} s`,
    );
    console.log(
      `RSS during the send (MiB): at 10% ${q(0.1)}, 50% ${q(0.5)}, 90% ${q(0.9)}; ` +
        `peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs: figures are measured under that load`,
    );
  } finally {
    await app.close();
    sink.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
}

async function sinkCount(child: ChildProcess): Promise<{ accepted: number; cpuMs: number }> {
  const reply = nextMessage<{ accepted: number; cpuMs: number }>(child);
  child.send('count');
  return reply;
}
