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

/**
 * The sign-in button's pre-session cookie: set (random, signed, SameSite=Strict, only for the sign-in
 * pages) when the link's page is shown, and required with the form's token when the button is pressed.
 * Another site can post to a link of its own, but it cannot set this cookie for the victim or read
 * the page's token, so it cannot sign a reader into someone else's account (login CSRF).
 */
export const SIGN_IN_NONCE_COOKIE = 'mh_signin';

/** The sign-in form's token: ties the pre-session cookie to one link. */
export function signInFormToken(secret: string, nonce: string, linkToken: string): string {
  return crypto.createHmac('sha256', secret).update(`member-sign-in:${nonce}:${linkToken}`).digest('base64url');
}

/** A new pre-session value for the sign-in cookie. */
export const newSignInNonce = (): string => crypto.randomBytes(18).toString('base64url');

/** Timing-safe comparison of a submitted token with the expected one. */
export function tokensMatch(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(submitted), Buffer.from(expected));
}

/** Timing-safe check of a submitted form token against the member's. */
export function memberCsrfMatches(ctx: MemberContext, submitted: unknown): boolean {
  return tokensMatch(ctx.csrf, submitted);
}
