import type { FastifyRequest } from 'fastify';
import { seeOther } from '../http/responses.js';
import { isUnder, safeLocalPath } from '../http/safe-redirect.js';
import type { User } from '../accounts/user.js';

/** The logged-in staff member on an admin request (set by the admin scope's session hook). */
export interface StaffContext {
  user: User;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffContext | null;
  }
  interface FastifyContextConfig {
    /** Admin routes reachable without a session (login pages). */
    publicAdmin?: boolean;
  }
}

export const STAFF_COOKIE = 'mh_session';

/** The staff member, or a redirect to the login page: every non-public admin route starts here. */
export function staffOf(req: FastifyRequest): StaffContext {
  if (!req.staff) throw new Error('admin route reached without a session: the scope hook must run first');
  return req.staff;
}

/** Where to go after a staff login: a path in the admin of this site, never elsewhere. */
export function safeNext(next: unknown): string {
  const path = safeLocalPath(next, '/admin');
  return isUnder(path, '/admin') ? path : '/admin';
}

/** Admin routes' name for a 303 to another page. */
export const redirect = seeOther;
