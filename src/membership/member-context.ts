import crypto from 'node:crypto';
import type { Member, Patron } from './member.js';

export const MEMBER_COOKIE = 'mh_member';
/** Readable by the appeal island (not HttpOnly): says only "a patron reads here", so the appeal stays hidden. */
export const PATRON_HINT_COOKIE = 'mh_patron';

/** The signed-in reader on a request, if any: who, whether a patron now, and their form token. */
export interface MemberContext {
  member: Member;
  sessionId: string;
  patron: Patron | null;
  /** Put in every form a member posts (`_csrf`) or in the `x-csrf-token` header. */
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    member: MemberContext | null;
  }
}

/**
 * The form token of a member session: an HMAC of the session id, so it needs no storage, differs per
 * session, and a page on another site cannot know it. (SameSite=Lax on the cookie is the first line.)
 */
export function memberCsrfToken(secret: string, sessionId: string): string {
  return crypto.createHmac('sha256', secret).update(`member-csrf:${sessionId}`).digest('base64url');
}

/** Timing-safe check of a submitted form token against the member's. */
export function memberCsrfMatches(ctx: MemberContext, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== ctx.csrf.length) return false;
  return crypto.timingSafeEqual(Buffer.from(submitted), Buffer.from(ctx.csrf));
}
