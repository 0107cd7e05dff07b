import crypto from 'node:crypto';
import type { AccountStore, SessionRecord } from './account-store.js';

/** A random token for a cookie or link, and the hash we store instead of it. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type SessionKind = SessionRecord['kind'];

export interface SessionRequest {
  now: Date;
  ip: string;
  userAgent: string;
}

/**
 * Sessions for both kinds of account: staff (the newsroom) and members (readers). One table and
 * one mechanism; the kind keeps them apart, so a reader's cookie can never open /admin.
 * The cookie holds a random token; the table holds only its SHA-256.
 */
export class SessionService {
  constructor(private readonly store: AccountStore) {}

  async start(kind: SessionKind, subjectId: number, req: SessionRequest, days: number): Promise<{ token: string; newDevice: boolean }> {
    const userAgent = req.userAgent.slice(0, 300);
    const newDevice = !(await this.store.hasSessionFrom(kind, subjectId, userAgent));
    const { token, hash } = newToken();
    const now = req.now.toISOString();
    await this.store.insertSession({
      id: hash,
      kind,
      subjectId,
      createdAt: now,
      expiresAt: new Date(req.now.getTime() + days * 86_400_000).toISOString(),
      lastSeenAt: now,
      userAgent,
      ip: req.ip,
    });
    return { token, newDevice };
  }

  /** The live session of this kind behind a cookie token, or null. */
  async resolve(kind: SessionKind, token: string, now: Date): Promise<SessionRecord | null> {
    const session = await this.store.findSession(hashToken(token));
    if (!session || session.kind !== kind || session.expiresAt <= now.toISOString()) return null;
    // Recording activity at most every five minutes keeps reads from becoming writes.
    if (now.getTime() - Date.parse(session.lastSeenAt) > 300_000) await this.store.touchSession(session.id, now.toISOString());
    return session;
  }

  end(sessionId: string): Promise<void> {
    return this.store.deleteSession(sessionId);
  }

  /** Ends every session of one account, on every device; returns how many. */
  endAll(kind: SessionKind, subjectId: number): Promise<number> {
    return this.store.deleteSessionsOf(kind, subjectId);
  }

  list(kind: SessionKind, subjectId: number): Promise<SessionRecord[]> {
    return this.store.listSessions(kind, subjectId);
  }
}
