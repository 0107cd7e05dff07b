import type * as Argon2 from '@node-rs/argon2';
import { lazyPackage } from '../lazy-package.js';

// Hashing code is loaded with the first sign-in or password change, not at start.
const argon2 = lazyPackage<typeof Argon2>('@node-rs/argon2');
import { z } from 'zod';
import type { AuditService } from '../audit/audit-service.js';
import type { AccountStore } from './account-store.js';
import { hashToken, newToken, type SessionService } from './session-service.js';
import { actorOf, normalizeEmail, ROLES, type Actor, type Role, type User } from './user.js';

export const SESSION_DAYS = 14;
export const LOGIN_LINK_HOURS = 24;
/** Lockout: this many failures within the window locks the account (or the IP) until the window passes. */
export const LOCKOUT = { perAccount: 5, perIp: 20, windowMinutes: 15 } as const;

export const emailSchema = z.email({ error: 'must be an email address such as editor@example.org' }).max(254);
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');
export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export type LoginResult = { ok: true; user: User; sessionToken: string; newDevice: boolean } | { ok: false; reason: 'invalid' | 'locked'; message: string };

interface RequestInfo {
  now: Date;
  ip: string;
  userAgent: string;
}

// A real hash to verify against when the email is unknown, so both cases take the same time.
let dummyHash: Promise<string> | null = null;

/** Staff accounts: creating users, login by link or password, sessions. */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  countUsers(): Promise<number> {
    return this.store.countUsers();
  }

  listUsers(): Promise<User[]> {
    return this.store.listUsers();
  }

  findUser(id: number): Promise<User | null> {
    return this.store.findUserById(id);
  }

  /** Creates a staff account (no password yet). `actor` is null for the CLI and first start. */
  async createUser(
    input: { email: string; name?: string; role: Role },
    ctx: { now: Date; actor: Actor | null },
  ): Promise<{ ok: true; user: User } | { ok: false; message: string }> {
    const email = emailSchema.safeParse(normalizeEmail(input.email));
    if (!email.success) return { ok: false, message: `email ${email.error.issues[0]!.message}` };
    const role = roleSchema.safeParse(input.role);
    if (!role.success) return { ok: false, message: `role ${role.error.issues[0]!.message}` };
    if (await this.store.findUserByEmail(email.data)) return { ok: false, message: `a user with email ${email.data} already exists` };
    const user = await this.store.insertUser({ email: email.data, name: input.name?.trim() ?? '', role: role.data, createdAt: ctx.now.toISOString() });
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'user.create', subject: user.email, detail: `role ${user.role}` });
    return { ok: true, user };
  }

  /** Changes a user's role. Recorded in the audit log. */
  async changeRole(userId: number, role: Role, ctx: { now: Date; actor: Actor }): Promise<{ ok: true } | { ok: false; message: string }> {
    const user = await this.store.findUserById(userId);
    if (!user) return { ok: false, message: 'no such user' };
    if (user.role === 'owner' && role !== 'owner' && (await this.store.listUsers()).filter((u) => u.role === 'owner').length === 1) {
      return { ok: false, message: 'the last owner cannot be given another role' };
    }
    await this.store.updateUserRole(userId, role);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'user.role', subject: user.email, detail: `${user.role} → ${role}` });
    return { ok: true };
  }

  /** A single-use login link, valid for LOGIN_LINK_HOURS. Returns the token to put in the URL. */
  async issueLoginToken(userId: number, now: Date): Promise<string> {
    const { token, hash } = newToken();
    await this.store.insertLoginToken({
      tokenHash: hash,
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LOGIN_LINK_HOURS * 3600_000).toISOString(),
    });
    return token;
  }

  /** Whether a login link is still good (shown before the reader confirms; does not use it up). */
  async checkLoginToken(token: string, now: Date): Promise<boolean> {
    return (await this.store.findUsableLoginToken(hashToken(token), now.toISOString())) !== null;
  }

  /** Uses a login link and starts a session. */
  async loginWithToken(token: string, req: RequestInfo): Promise<LoginResult> {
    const userId = await this.store.consumeLoginToken(hashToken(token), req.now.toISOString());
    const user = userId === null ? null : await this.store.findUserById(userId);
    if (!user || user.disabledAt) return { ok: false, reason: 'invalid', message: 'This login link has expired or was already used. Ask for a new one.' };
    return this.startSession(user, req, 'login link');
  }

  /**
   * Email + password. Failures count per account and per IP; past the limit both are refused with
   * the same message whether or not the email exists, so the form never reveals who has an account.
   */
  async loginWithPassword(input: { email: string; password: string }, req: RequestInfo): Promise<LoginResult> {
    const email = normalizeEmail(input.email);
    const keys = [`email:${email}`, `ip:${req.ip}`];
    const windowStart = new Date(req.now.getTime() - LOCKOUT.windowMinutes * 60_000).toISOString();
    const failures = await this.store.countLoginFailures(keys, windowStart);
    const byAccount = failures.get(keys[0]!);
    const byIp = failures.get(keys[1]!);
    const locked = (byAccount && byAccount.count >= LOCKOUT.perAccount && byAccount) || (byIp && byIp.count >= LOCKOUT.perIp && byIp);
    if (locked) {
      const minutes = Math.max(1, Math.ceil((Date.parse(locked.oldest) + LOCKOUT.windowMinutes * 60_000 - req.now.getTime()) / 60_000));
      return {
        ok: false,
        reason: 'locked',
        message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator for a login link.`,
      };
    }
    const user = await this.store.findUserByEmail(email);
    const stored = user ? await this.store.findPasswordHash(user.id) : null;
    dummyHash ??= argon2().hash('masthead-timing-equaliser');
    const good = await argon2()
      .verify(stored ?? (await dummyHash), input.password)
      .catch(() => false);
    if (!user || !stored || !good || user.disabledAt) {
      await this.store.recordLoginFailure(keys, req.now.toISOString());
      return { ok: false, reason: 'invalid', message: 'That email and password do not match an account.' };
    }
    await this.store.clearLoginFailures(keys[0]!);
    return this.startSession(user, req, 'password');
  }

  async setPassword(userId: number, password: string, ctx: { now: Date; actor: Actor }): Promise<{ ok: true } | { ok: false; message: string }> {
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) return { ok: false, message: `password ${parsed.error.issues[0]!.message}` };
    await this.store.updatePasswordHash(userId, await argon2().hash(parsed.data));
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'user.password', subject: String(userId), detail: '' });
    return { ok: true };
  }

  /** The user behind a session cookie, or null if the session is unknown, expired or the user disabled. */
  async resolveSession(token: string, now: Date): Promise<{ user: User; sessionId: string } | null> {
    const session = await this.sessions.resolve('staff', token, now);
    const user = session ? await this.store.findUserById(session.subjectId) : null;
    if (!session || !user || user.disabledAt) return null;
    return { user, sessionId: session.id };
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId);
  }

  /** Ends every session of the user, on every device. */
  async logoutEverywhere(user: User, now: Date): Promise<number> {
    const n = await this.sessions.endAll('staff', user.id);
    await this.audit.record({ at: now, actor: actorOf(user), action: 'user.logout-everywhere', subject: user.email, detail: `${n} session(s)` });
    return n;
  }

  listSessions(user: User) {
    return this.sessions.list('staff', user.id);
  }

  private async startSession(user: User, req: RequestInfo, method: string): Promise<LoginResult> {
    const { token, newDevice } = await this.sessions.start('staff', user.id, req, SESSION_DAYS);
    if (newDevice)
      await this.audit.record({
        at: req.now,
        actor: actorOf(user),
        action: 'login.new-device',
        subject: user.email,
        detail: `${method}; ${req.userAgent.slice(0, 300) || 'unknown browser'}; ${req.ip}`,
      });
    return { ok: true, user, sessionToken: token, newDevice };
  }
}
