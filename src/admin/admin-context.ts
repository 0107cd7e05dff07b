import type { FastifyRequest } from 'fastify';
import type { Action } from '../accounts/account-policy.js';
import { seeOther } from '../http/responses.js';
import { isUnder, safeLocalPath } from '../http/safe-redirect.js';
import { actorOf, type Actor, type User } from '../accounts/user.js';

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
    publicAdmin?: true;
    /**
     * What the staff member must be allowed to do to open this admin route ('signed-in': any staff
     * member). Checked in one hook in admin-routes.ts, before the body is read; an admin route that
     * declares neither this nor `publicAdmin` is refused when the app starts.
     */
    can?: Action | 'signed-in';
  }
}

export const STAFF_COOKIE = 'mh_session';

/** The staff member, or a redirect to the login page: every non-public admin route starts here. */
export function staffOf(req: FastifyRequest): StaffContext {
  if (!req.staff) throw new Error('admin route reached without a session: the scope hook must run first');
  return req.staff;
}

/** The acting staff member of an admin request, for services and resource-level policy checks. */
export function actorFrom(req: FastifyRequest): Actor {
  return actorOf(staffOf(req).user);
}

/** Where to go after a staff login: a path in the admin of this site, never elsewhere. */
export function safeNext(next: unknown): string {
  const path = safeLocalPath(next, '/admin');
  return isUnder(path, '/admin') ? path : '/admin';
}

/** Admin routes' name for a 303 to another page. */
export const redirect = seeOther;
