import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import type { TestDatabase } from '../support/databases.js';

const BIN = path.resolve('bin/masthead.mjs');
const RECIPIENTS = Number(process.env.NEWSLETTER_CRASH_RECIPIENTS ?? 2000);
const KILL_AT = RECIPIENTS / 2;

let server: SMTPServer | null = null;
let child: ChildProcess | null = null;
let db: TestDatabase | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await db?.cleanup();
  server = child = db = null;
});

/**
 * An SMTP server that counts accepted messages per recipient. Once `holdAfter` are accepted it stops
 * answering DATA (as a slow server would), so the sender is killed while it waits for replies it never got.
 */
async function countingServer(holdAfter: number) {
  const received = new Map<string, number>();
  const held: (() => void)[] = [];
  let total = 0;
  let holding = false;
  // Holds once: after release() the server answers everything (total stays past holdAfter).
  let released = false;
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        if (holding) return void held.push(() => callback(Object.assign(new Error('try later'), { responseCode: 451 })));
        const rcpt = session.envelope.rcptTo[0]!.address;
        received.set(rcpt, (received.get(rcpt) ?? 0) + 1);
        total++;
        if (!released && total >= holdAfter && holdAfter > 0) holding = true;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    total: () => total,
    release() {
      holding = false;
      released = true;
      for (const h of held.splice(0)) h();
    },
  };
}

let output = '';
function runCli(args: string[], env: Record<string, string>): ChildProcess {
  const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d: Buffer) => void (output += d.toString()));
  p.stderr!.on('data', (d: Buffer) => void (output += d.toString()));
  return p;
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', (code) => r(code))));

// Slow under load (about 110 s at load ~30 on 2 cores); NEWSLETTER_CRASH_RECIPIENTS=200 for a quick run.
describe('a newsletter send killed halfway', () => {
  it(`delivers to ${RECIPIENTS} subscribers exactly once across kill -9 and resume`, async () => {
    const smtp = await countingServer(KILL_AT);
    // Set up the list and the issue in-process, then let a separate process send it.
    const app = await buildApp({ config: { smtpUrl: smtp.url } });
    db = app.db;
    // Only the CLI processes send: the in-process worker would otherwise pick up the issue's job (due at
    // once) and send a few messages before this app closes.
    await app.jobs.stop();
    let issueId = 0;
    const env: Record<string, string> = {
      DATABASE_URL: `sqlite:${app.db.config.dialect === 'sqlite' ? app.db.config.file : ''}`,
      DATA_DIR: app.db.dataDir,
      PUBLIC_URL: 'https://news.example.test',
      SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
      SMTP_URL: smtp.url,
      NEWSLETTER_RATE: '5000',
      NEWSLETTER_CONNECTIONS: '5',
      NEWSLETTER_LEASE_SECONDS: '1',
      DEMO_CONTENT: 'false',
      LOG_LEVEL: 'silent',
    };
    try {
      const n = await app.services.newsletters.saveNewsletter(
        null,
        { slug: 'daily', name: 'Daily', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
        app.clock(),
      );
      if (!n.ok) throw new Error(n.message);
      const csv = ['email', ...Array.from({ length: RECIPIENTS }, (_, i) => `reader${i}@example.org`)].join('\n');
      expect(await app.services.newsletters.importCsv(csv, { newsletterId: n.newsletter.id, confirmed: true, now: app.clock() })).toMatchObject({
        ok: true,
        added: RECIPIENTS,
      });
      const story = await createArticle(app);
      // Created in the past of the real clock (the fixed test clock), so the child sends it at once.
      const issue = await app.services.newsletters.createIssue(
        { newsletterId: n.newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'test' },
        app.clock(),
      );
      if (!issue.ok) throw new Error(issue.message);
      issueId = issue.issue.id;
    } finally {
      // Keep the files: close the app without deleting the database.
      await app.http.close();
      await app.database.close();
    }

    child = runCli(['newsletter', 'resume', '--issue', String(issueId)], env);
    for (let i = 0; i < 4000 && smtp.total() < KILL_AT; i++) await new Promise((r) => setTimeout(r, 50));
    expect(smtp.total()).toBe(KILL_AT);
    // Let the sender write down every reply it did get, then kill it while it waits on the held ones.
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await exited(child);
    smtp.release();
    expect(smtp.total()).toBeLessThan(RECIPIENTS);

    child = runCli(['newsletter', 'resume', '--issue', String(issueId)], env);
    const code = await Promise.race([exited(child), new Promise((r) => setTimeout(() => r('still running'), 120_000))]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });

    expect(smtp.received.size).toBe(RECIPIENTS);
    const twice = [...smtp.received].filter(([, count]) => count !== 1);
    expect(twice).toEqual([]);
    expect(smtp.total()).toBe(RECIPIENTS);
  }, 240_000);
});
