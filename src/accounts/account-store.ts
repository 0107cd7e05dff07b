import type { Db } from '../store/db.js';
import type { Role, User } from './user.js';

export interface SessionRecord {
  id: string;
  kind: 'staff' | 'member';
  subjectId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  userAgent: string;
  ip: string;
}

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  author_id: number | null;
  created_at: string;
  disabled_at: string | null;
};

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  hasPassword: r.password_hash !== null,
  authorId: r.author_id,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

/** SQL for staff users, sessions, login links and failed-login records. */
export class AccountStore {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async findUserById(id: number): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async findPasswordHash(userId: number): Promise<string | null> {
    const r = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
    return r?.password_hash ?? null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('role').orderBy('email').execute()).map(toUser);
  }

  async insertUser(u: { email: string; name: string; role: Role; createdAt: string }): Promise<User> {
    const r = await this.db
      .insertInto('users')
      .values({ email: u.email, name: u.name, role: u.role, password_hash: null, author_id: null, created_at: u.createdAt, disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(r);
  }

  async updateUserRole(id: number, role: Role): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  /** Ties a staff account to its byline profile. */
  async linkAuthor(id: number, authorId: number): Promise<void> {
    await this.db.updateTable('users').set({ author_id: authorId }).where('id', '=', id).execute();
  }

  async updatePasswordHash(id: number, hash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  async insertLoginToken(t: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('login_tokens')
      .values({ token_hash: t.tokenHash, user_id: t.userId, created_at: t.createdAt, expires_at: t.expiresAt, used_at: null })
      .execute();
  }

  /**
   * Marks a login token used and returns its user, or null if it is unknown, used or expired.
   * One conditional UPDATE: two clicks at once log in once.
   */
  async consumeLoginToken(tokenHash: string, now: string): Promise<number | null> {
    const r = await this.db
      .updateTable('login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return r?.user_id ?? null;
  }

  async findUsableLoginToken(tokenHash: string, now: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('login_tokens')
      .select('user_id')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r?.user_id ?? null;
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        kind: s.kind,
        subject_id: s.subjectId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
        user_agent: s.userAgent,
        ip: s.ip,
      })
      .execute();
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return r
      ? {
          id: r.id,
          kind: r.kind,
          subjectId: r.subject_id,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          lastSeenAt: r.last_seen_at,
          userAgent: r.user_agent,
          ip: r.ip,
        }
      : null;
  }

  async listSessions(kind: 'staff' | 'member', subjectId: number): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectId: r.subject_id,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      lastSeenAt: r.last_seen_at,
      userAgent: r.user_agent,
      ip: r.ip,
    }));
  }

  async touchSession(id: string, lastSeenAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(kind: 'staff' | 'member', subjectId: number): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async hasSessionFrom(kind: 'staff' | 'member', subjectId: number, userAgent: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('user_agent', '=', userAgent)
      .executeTakeFirst();
    return r !== undefined;
  }

  async recordLoginFailure(keys: string[], at: string): Promise<void> {
    await this.db
      .insertInto('login_failures')
      .values(keys.map((key) => ({ key, failed_at: at })))
      .execute();
  }

  /** Failures per key since `since`. */
  async countLoginFailures(keys: string[], since: string): Promise<Map<string, { count: number; oldest: string }>> {
    const rows = await this.db
      .selectFrom('login_failures')
      .select((eb) => ['key', eb.fn.countAll().as('n'), eb.fn.min('failed_at').as('oldest')])
      .where('key', 'in', keys)
      .where('failed_at', '>', since)
      .groupBy('key')
      .execute();
    return new Map(rows.map((r) => [r.key, { count: Number(r.n), oldest: String(r.oldest) }]));
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async pruneLoginFailures(before: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('failed_at', '<', before).execute();
  }
}
