/** Newsroom staff. Readers (members) are a different domain: see membership/. */

export const ROLES = ['owner', 'admin', 'editor', 'writer', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  hasPassword: boolean;
  authorId: number | null;
  createdAt: string;
  disabledAt: string | null;
}

/** The person acting, as services see them: never a request. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}

export const actorOf = (u: User): Actor => ({ id: u.id, name: u.name || u.email, role: u.role });

/** Emails are compared case-insensitively and without surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
