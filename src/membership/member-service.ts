import { issueProblem, type ReaderProblem } from '../i18n/reader-problem.js';
import { z } from 'zod';
import { hashToken, newToken, type SessionService } from '../accounts/session-service.js';
import { normalizeEmail } from '../accounts/user.js';
import type { Invalidator } from '../cache/cache-keys.js';
import type { MailLanguageOf } from '../i18n/mail-language.js';
import type { Mailer } from '../mail/mailer.js';
import { PATRONAGE_KEYS, type Member } from './member.js';
import type { MemberStore } from './member-store.js';

export const MEMBER_SESSION_DAYS = 60;
export const SIGN_IN_LINK_MINUTES = 30;
/** Links per address per window: enough for a lost email or two, too few to bomb an inbox. */
export const LINKS_PER_ADDRESS = { count: 3, windowMinutes: 15 } as const;

const emailSchema = z.email({ error: 'must be an email address such as reader@example.org' }).max(254, 'must be at most 254 characters');
export const memberNameSchema = z.string().trim().max(80, 'must be at most 80 characters');

export type SignInRequestResult = { ok: true } | { ok: false; status: 400 | 429; field: 'email'; message: string; problem: ReaderProblem };

export interface MemberExport {
  member: { email: string; name: string; createdAt: string };
  sessions: { createdAt: string; lastSeenAt: string; userAgent: string; ip: string }[];
}

/**
 * Reader accounts: sign-up and sign-in by emailed link, sessions, the account page's changes,
 * export and erasure. Payment and patron status live in PatronService.
 */
export class MemberService {
  constructor(
    private readonly store: MemberStore,
    private readonly sessions: SessionService,
    private readonly mailer: Mailer,
    private readonly site: {
      name: () => Promise<string>;
      /** A sign-in link's address, under the reader's language prefix ('' or '/uk'). */
      signInUrl: (token: string, next: string, prefix: string) => string;
      signInPageUrl: (prefix: string) => string;
      mailLanguage: MailLanguageOf;
    },
    private readonly invalidator: Invalidator,
  ) {}

  findMember(id: number): Promise<Member | null> {
    return this.store.findMemberById(id);
  }

  findMemberByEmail(email: string): Promise<Member | null> {
    return this.store.findMemberByEmail(normalizeEmail(email));
  }

  /** The member with this address, created if new (the CLI and tests; readers sign up by link). */
  async ensureMember(email: string, now: Date): Promise<Member> {
    const parsed = emailSchema.parse(normalizeEmail(email));
    return this.store.upsertMemberByEmail(parsed, now.toISOString());
  }

  /**
   * Mails a sign-in link, in the language of the page the reader asked from ('' for the outlet's default).
   * The answer is the same whether or not the address has an account (a new address gets a link that
   * creates one), so the form never tells anyone who reads here.
   */
  async requestSignInLink(
    input: { email: string; /** A path already checked with safeMemberNext. */ next: string; language?: string },
    now: Date,
  ): Promise<SignInRequestResult> {
    const parsed = emailSchema.safeParse(normalizeEmail(input.email));
    if (!parsed.success)
      return { ok: false, status: 400, field: 'email', message: `Email ${parsed.error.issues[0]!.message}.`, problem: issueProblem(parsed.error.issues[0]!) };
    const email = parsed.data;
    const since = new Date(now.getTime() - LINKS_PER_ADDRESS.windowMinutes * 60_000).toISOString();
    if ((await this.store.countLoginTokensSince(email, since)) >= LINKS_PER_ADDRESS.count) {
      return {
        ok: false,
        status: 429,
        field: 'email',
        message:
          `We have already sent several links to this address. Check your inbox (and spam folder), ` +
          `or try again in ${LINKS_PER_ADDRESS.windowMinutes} minutes.`,
        problem: { code: 'problem.signIn.linksSent', values: { minutes: LINKS_PER_ADDRESS.windowMinutes } },
      };
    }
    const { token, hash } = newToken();
    await this.store.insertLoginToken({
      tokenHash: hash,
      email,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(),
    });
    const [known, outlet, { t, prefix }] = await Promise.all([
      this.store.findMemberByEmail(email),
      this.site.name(),
      this.site.mailLanguage(input.language ?? ''),
    ]);
    const words = known ? 'mail.signIn' : 'mail.signIn.new';
    await this.mailer.send({
      to: email,
      subject: t(`${words}.subject`, { outlet }),
      text: [
        t(`${words}.intro`, { outlet }),
        '',
        this.site.signInUrl(token, input.next, prefix),
        '',
        t('mail.signIn.once', { minutes: SIGN_IN_LINK_MINUTES }),
        t(`${words}.ignore`),
      ].join('\n'),
    });
    return { ok: true };
  }

  /**
   * The mail a reader gets when the newsroom makes them a patron by hand: what it means, and how to sign in.
   * In the outlet's default language: nothing tells which of its languages this reader reads.
   */
  async sendPatronWelcome(to: { email: string; tierName: string | null; until: string | null }): Promise<void> {
    const [outlet, { t, prefix }] = await Promise.all([this.site.name(), this.site.mailLanguage('')]);
    const details = (to.tierName ? t('mail.patron.tier', { tier: to.tierName }) : '') + (to.until ? t('mail.patron.until', { until: to.until }) : '');
    await this.mailer.send({
      to: to.email,
      subject: t('mail.patron.subject', { outlet }),
      text: [t('mail.patron.thanks', { outlet, details }), '', t('mail.patron.what'), '', this.site.signInPageUrl(prefix), '', t('mail.patron.mistake')].join(
        '\n',
      ),
    });
  }

  /** Whether a link is still good (shown before the reader confirms; opening the page does not use it up). */
  isSignInLinkUsable(token: string, now: Date): Promise<boolean> {
    return this.store.isLoginTokenUsable(hashToken(token), now.toISOString());
  }

  /** Uses a link: finds or creates the member and starts a session. */
  async signInWithLink(
    token: string,
    req: { now: Date; ip: string; userAgent: string },
  ): Promise<{ ok: true; member: Member; sessionToken: string; created: boolean } | { ok: false; message: string; problem: ReaderProblem }> {
    const email = await this.store.consumeLoginToken(hashToken(token), req.now.toISOString());
    if (!email)
      return { ok: false, message: 'This link has expired or was already used. Ask for a new one below.', problem: { code: 'problem.signIn.linkUsed' } };
    const existing = await this.store.findMemberByEmail(email);
    const member = existing ?? (await this.store.upsertMemberByEmail(email, req.now.toISOString()));
    const session = await this.sessions.start('member', member.id, req, MEMBER_SESSION_DAYS);
    return { ok: true, member, sessionToken: session.token, created: !existing };
  }

  /** The member behind a session cookie, or null. */
  async resolveSession(token: string, now: Date): Promise<{ member: Member; sessionId: string } | null> {
    const session = await this.sessions.resolve('member', token, now);
    const member = session ? await this.store.findMemberById(session.subjectId) : null;
    return session && member ? { member, sessionId: session.id } : null;
  }

  signOut(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId);
  }

  signOutEverywhere(memberId: number): Promise<number> {
    return this.sessions.endAll('member', memberId);
  }

  async updateName(memberId: number, name: string): Promise<{ ok: true } | { ok: false; field: 'name'; message: string; problem: ReaderProblem }> {
    const parsed = memberNameSchema.safeParse(name);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: 'name', message: `Name ${issue.message}.`, problem: issueProblem(issue) };
    }
    await this.store.updateMemberName(memberId, parsed.data);
    return { ok: true };
  }

  /** What we hold about the member in this domain (other domains add theirs in the export route). */
  async exportData(member: Member): Promise<MemberExport> {
    const sessions = await this.sessions.list('member', member.id);
    return {
      member: { email: member.email, name: member.name, createdAt: member.createdAt },
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, ip: s.ip })),
    };
  }

  /** Erases the account: sessions, sign-in links, the member row; patronages and votes go with it. Invalidates `topics` (tallies). */
  async erase(memberId: number): Promise<void> {
    await this.sessions.endAll('member', memberId);
    await this.store.deleteMember(memberId);
    await this.invalidator.invalidate(PATRONAGE_KEYS);
  }

  pruneExpiredLinks(now: Date): Promise<void> {
    return this.store.pruneLoginTokens(new Date(now.getTime() - 86_400_000).toISOString());
  }
}
