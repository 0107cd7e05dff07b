import crypto from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { App } from '../../src/main.js';
import { createArticle } from './factories.js';
import { formFields, HttpClient } from './http-client.js';
import { memberClient } from './members.js';

/**
 * A steady mix of the writes readers and editors make, against a real server process, recording
 * every write the server acknowledged (2xx/3xx). Afterwards `check` compares that record with what is
 * in the database: an acknowledged write that is missing is lost data.
 */

export interface LoadSeed {
  articles: { id: number; slug: string }[];
  topics: number[];
  patrons: { memberId: number; cookie: string; csrf: string }[];
  editorCookie: string;
  /** Votes the seed itself cast (a proposal counts as the proposer's vote). */
  seededVotes: string[];
}

/** Rows read back from the database after the last restart, in the shape `check` compares. */
export interface Persisted {
  reports: { id: number; suggestion: string }[];
  votes: { topic_id: number; member_id: number }[];
  revisions: { article_id: number; headline: string }[];
  signInLinks: { email: string }[];
  memberSessions: { email: string }[];
}

/** The same SQL reads on SQLite and PostgreSQL. */
export const PERSISTED_QUERIES: Record<keyof Persisted, string> = {
  reports: 'SELECT id, suggestion FROM correction_reports',
  votes: 'SELECT topic_id, member_id FROM topic_votes',
  revisions: 'SELECT article_id, headline FROM article_revisions',
  signInLinks: 'SELECT email FROM member_login_tokens',
  memberSessions: "SELECT m.email FROM sessions s JOIN members m ON m.id = s.subject_id WHERE s.kind = 'member'",
};

/** Articles, patrons with sessions, topics and an editor's session, made through the real services. */
export async function seedLoad(app: App, opts: { articles?: number; patrons?: number } = {}): Promise<LoadSeed> {
  const now = app.clock();
  const slugs = [];
  for (let i = 0; i < (opts.articles ?? 3); i++) slugs.push((await createArticle(app, { publishedAt: new Date(now.getTime() - 3600_000).toISOString() })).slug);
  const articles = await Promise.all(slugs.map(async (slug) => ({ id: (await app.services.articles.findArticle(slug))!.id, slug })));
  const patrons = [];
  const topics: number[] = [];
  const seededVotes: string[] = [];
  for (let i = 0; i < (opts.patrons ?? 10); i++) {
    const client = await memberClient(app, { patron: true });
    patrons.push({ memberId: client.member.id, cookie: client.cookie, csrf: client.csrf });
    for (let t = 0; t < 3; t++) {
      const proposed = await app.services.topics.propose(
        { memberId: client.member.id, title: `Patron ${i} wants story ${t} looked into`, description: '' },
        now,
      );
      if (!proposed.ok) throw new Error(`seed: ${proposed.message}`);
      topics.push(proposed.topic.id);
      seededVotes.push(`${proposed.topic.id}:${client.member.id}`);
    }
  }
  const editor = await app.services.accounts.createUser(
    { email: `editor-${crypto.randomBytes(3).toString('hex')}@example.org`, name: 'Night Editor', role: 'editor' },
    { now, actor: null },
  );
  if (!editor.ok) throw new Error(editor.message);
  const token = await app.services.accounts.issueLoginToken(editor.user.id, now);
  const login = await app.services.accounts.loginWithToken(token, { now, ip: '127.0.0.1', userAgent: 'seed' });
  if (!login.ok) throw new Error(login.message);
  await app.http.ready();
  return { articles, topics, patrons, editorCookie: app.http.signCookie(login.sessionToken), seededVotes };
}

const randomIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const acked = (status: number) => status >= 200 && status < 400;

export class WriteLoad {
  /** What the server acknowledged. */
  readonly acked = {
    reports: [] as { id: number; suggestion: string }[],
    votes: new Set<string>(),
    edits: [] as { articleId: number; headline: string }[],
    signInLinks: new Set<string>(),
    signIns: new Set<string>(),
  };
  /** Requests sent, acknowledged or not (those cut off by a kill simply never answer). */
  attempts = 0;
  /** Answers that were neither an acknowledgement nor a dropped connection: a 4xx/5xx the load did not expect. */
  readonly refusals: string[] = [];
  private seq = 0;
  private readonly untriedVotes: string[];
  private readonly busyArticles = new Set<number>();
  private readonly pendingLinks: { email: string; url: string; retry?: boolean }[] = [];
  private readonly mailsSeen = new Set<ParsedMail>();
  private readonly editor: HttpClient;
  /** The editor's first admin page, fetched once before any edit (see edit()). */
  private editorPrimed: Promise<void> | null = null;

  constructor(
    private readonly seed: LoadSeed,
    private readonly base: string,
    private readonly mail: ParsedMail[],
    /** Client addresses: a fresh one per request by default; the soak draws from a fixed pool (bounded rate-limit state). */
    private readonly ip: () => string = randomIp,
  ) {
    this.untriedVotes = seed.topics.flatMap((t) => seed.patrons.map((p) => `${t}:${p.memberId}`)).filter((v) => !seed.seededVotes.includes(v));
    this.editor = new HttpClient(base, '192.0.2.10');
    this.editor.cookies.set('mh_session', seed.editorCookie);
  }

  /** Runs `workers` loops of random writes until the signal aborts; connection errors are expected (kills). */
  async run(signal: AbortSignal, workers = 4): Promise<void> {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!signal.aborted) {
          try {
            await this.once();
          } catch {
            // Refused or reset: the server is down or being killed. Not acknowledged, so nothing is owed.
            await sleep(20);
          }
        }
      }),
    );
  }

  private async once(): Promise<void> {
    const roll = Math.random();
    if (roll < 0.3) return this.report();
    if (roll < 0.55) return this.vote();
    if (roll < 0.75) return this.edit();
    return this.signIn();
  }

  private note(what: string, status: number, body: string) {
    if (this.refusals.length < 20) this.refusals.push(`${what}: ${status} ${body.slice(0, 200)}`);
  }

  private async report() {
    const article = this.seed.articles[crypto.randomInt(this.seed.articles.length)]!;
    const suggestion = `Crash test report ${++this.seq} ${crypto.randomBytes(4).toString('hex')}: the second paragraph needs a date.`;
    this.attempts++;
    const res = await new HttpClient(this.base, this.ip()).postJson('/api/v1/corrections', {
      article: article.slug,
      quote: { exact: 'The second paragraph.' },
      suggestion,
    });
    if (acked(res.status)) this.acked.reports.push({ id: (JSON.parse(res.body) as { id: number }).id, suggestion });
    else this.note('report', res.status, res.body);
  }

  private async vote() {
    if (this.untriedVotes.length === 0) return this.report();
    const pair = this.untriedVotes.splice(crypto.randomInt(this.untriedVotes.length), 1)[0]!;
    const [topicId, memberId] = pair.split(':').map(Number) as [number, number];
    const patron = this.seed.patrons.find((p) => p.memberId === memberId)!;
    const client = new HttpClient(this.base, this.ip());
    const [name, value] = patron.cookie.split(/=(.*)/s) as [string, string];
    client.cookies.set(name, value);
    this.attempts++;
    const res = await client.postForm(`/topics/${topicId}/votes`, { _csrf: patron.csrf, back: '/topics' });
    if (acked(res.status)) this.acked.votes.add(pair);
    else this.note('vote', res.status, res.body);
  }

  private async edit() {
    // The CSRF secret cookie is set by the first admin page. Two edit forms fetched at once without it
    // would each get their own secret, and the first post would carry a token for the overwritten one.
    this.editorPrimed ??= this.editor.get('/admin').then(
      () => {},
      (err: unknown) => {
        this.editorPrimed = null;
        throw err;
      },
    );
    await this.editorPrimed;
    const free = this.seed.articles.filter((a) => !this.busyArticles.has(a.id));
    if (free.length === 0) return this.report();
    const article = free[crypto.randomInt(free.length)]!;
    this.busyArticles.add(article.id);
    try {
      const page = await this.editor.get(`/admin/articles/${article.id}`);
      const fields = page.status === 200 ? formFields(page.body, { id: 'article-form' }) : null;
      if (!fields) return this.note('edit form', page.status, page.body);
      const headline = `Edit ${++this.seq} of the story, ${crypto.randomBytes(3).toString('hex')}`;
      this.attempts++;
      const res = await this.editor.postMultipart(`/admin/articles/${article.id}`, { ...fields, headline, action: 'publish' });
      if (acked(res.status)) this.acked.edits.push({ articleId: article.id, headline });
      else this.note('edit', res.status, res.body);
    } finally {
      this.busyArticles.delete(article.id);
    }
  }

  /** Asks for a sign-in link (a write: the link), or follows one that arrived by mail (a write: the session). */
  private async signIn() {
    this.collectLinks();
    const link = this.pendingLinks.shift();
    const client = new HttpClient(this.base, this.ip());
    if (link) {
      const page = await client.get(link.url);
      // A link whose first use went unanswered (the server died) may have been used after all: then it is gone.
      if (page.status === 410 && link.retry) return;
      const fields = formFields(page.body, { action: /\/account\/sign-in\// });
      if (page.status !== 200 || !fields) return this.note('sign-in link page', page.status, page.body);
      this.attempts++;
      const path = new URL(link.url).pathname + new URL(link.url).search;
      const res = await client.postForm(path, fields).catch((err: unknown) => {
        this.pendingLinks.push({ ...link, retry: true }); // unanswered: the link may still be unused, try it after the restart
        throw err;
      });
      if (acked(res.status)) this.acked.signIns.add(link.email);
      else this.note('sign-in', res.status, res.body);
      return;
    }
    const email = `reader-${++this.seq}-${crypto.randomBytes(3).toString('hex')}@example.org`;
    const page = await client.get('/account/sign-in');
    const fields = formFields(page.body, { action: '/account/sign-in' }) ?? {};
    this.attempts++;
    const res = await client.postForm('/account/sign-in', { ...fields, email });
    if (acked(res.status)) this.acked.signInLinks.add(email);
    else this.note('sign-in request', res.status, res.body);
  }

  private readonly linksSeen = new Set<string>();

  private collectLinks() {
    for (const m of this.mail) {
      if (this.mailsSeen.has(m)) continue;
      this.mailsSeen.add(m);
      const to = Array.isArray(m.to) ? m.to[0] : m.to;
      const url = /https?:\/\/\S+\/account\/sign-in\/\S+/.exec(m.text ?? '')?.[0];
      const email = to?.value[0]?.address;
      // Mail is a job, delivered at least once: a server killed after sending but before marking the job
      // done sends the same link again after the restart. A reader follows a link once.
      if (url && email && !this.linksSeen.has(url)) {
        this.linksSeen.add(url);
        this.pendingLinks.push({ email, url });
      }
    }
  }

  /** Every acknowledged write that is not in the database, as readable lines (empty = nothing lost). */
  check(rows: Persisted): string[] {
    const lost: string[] = [];
    const reports = new Map(rows.reports.map((r) => [Number(r.id), r.suggestion]));
    for (const r of this.acked.reports) if (reports.get(r.id) !== r.suggestion) lost.push(`correction report #${r.id} (${r.suggestion.slice(0, 40)})`);
    const votes = new Set(rows.votes.map((v) => `${v.topic_id}:${v.member_id}`));
    for (const v of this.acked.votes) if (!votes.has(v)) lost.push(`vote topic:member ${v}`);
    const revisions = new Set(rows.revisions.map((r) => `${r.article_id}:${r.headline}`));
    for (const e of this.acked.edits) if (!revisions.has(`${e.articleId}:${e.headline}`)) lost.push(`edit of article ${e.articleId} to "${e.headline}"`);
    const links = new Set(rows.signInLinks.map((r) => r.email));
    for (const email of this.acked.signInLinks) if (!links.has(email)) lost.push(`sign-in link for ${email}`);
    const sessions = new Set(rows.memberSessions.map((r) => r.email));
    for (const email of this.acked.signIns) if (!sessions.has(email)) lost.push(`reader session for ${email}`);
    return lost;
  }

  /** Acknowledged writes so far, of every kind. */
  ackCount(): number {
    const a = this.acked;
    return a.reports.length + a.votes.size + a.edits.length + a.signInLinks.size + a.signIns.size;
  }

  /** Resolves once `n` more writes have been acknowledged (or after `timeoutMs`, on a very slow machine). */
  async waitForAcks(n: number, timeoutMs: number): Promise<void> {
    const target = this.ackCount() + n;
    const deadline = Date.now() + timeoutMs;
    while (this.ackCount() < target && Date.now() < deadline) await sleep(20);
  }

  summary() {
    const a = this.acked;
    return {
      attempts: this.attempts,
      reports: a.reports.length,
      votes: a.votes.size,
      edits: a.edits.length,
      signInLinks: a.signInLinks.size,
      signIns: a.signIns.size,
    };
  }
}
