import type { Actor, Role } from './user.js';

/**
 * Who may do what: the whole newsroom permission model in one table.
 *
 * | role        | drafts | publish | others' articles | corrections desk, reprint partners, topics, ads, analytics, pages, redirects, front page | members, tiers, settings, users, funders, jobs |
 * |-------------|--------|---------|------------------|--------------------------------------------|---------------------------------|
 * | contributor | own    | no      | no               | no                                         | no                              |
 * | writer      | own    | own     | no               | no                                         | no                              |
 * | editor      | any    | any     | any              | yes                                        | no                              |
 * | owner/admin | any    | any     | any              | yes                                        | yes                             |
 */
export type Action =
  | 'article.create'
  | 'article.edit'
  | 'article.publish'
  | 'article.delete'
  | 'corrections.manage'
  | 'syndication.manage'
  | 'topics.manage'
  | 'ads.manage'
  | 'funders.manage'
  | 'members.manage'
  | 'settings.manage'
  | 'users.manage'
  | 'audit.view'
  | 'analytics.view'
  /** Static pages (About, Contact) and redirects from old addresses. */
  | 'pages.manage'
  | 'front-page.manage'
  | 'newsletters.manage'
  /** The background job queue (/admin/jobs): its payloads carry readers' addresses and sign-in links. */
  | 'jobs.manage';

type Scope = 'none' | 'own' | 'any';

const TABLE: Record<Role, Record<Action, Scope>> = {
  contributor: {
    'jobs.manage': 'none',
    'newsletters.manage': 'none',
    'front-page.manage': 'none',
    'funders.manage': 'none',
    'ads.manage': 'none',
    'topics.manage': 'none',
    'members.manage': 'none',
    'article.create': 'any',
    'article.edit': 'own',
    'article.publish': 'none',
    'article.delete': 'own',
    'corrections.manage': 'none',
    'syndication.manage': 'none',
    'settings.manage': 'none',
    'users.manage': 'none',
    'audit.view': 'none',
    'analytics.view': 'none',
    'pages.manage': 'none',
  },
  writer: {
    'jobs.manage': 'none',
    'newsletters.manage': 'none',
    'front-page.manage': 'none',
    'funders.manage': 'none',
    'ads.manage': 'none',
    'topics.manage': 'none',
    'members.manage': 'none',
    'article.create': 'any',
    'article.edit': 'own',
    'article.publish': 'own',
    'article.delete': 'own',
    'corrections.manage': 'none',
    'syndication.manage': 'none',
    'settings.manage': 'none',
    'users.manage': 'none',
    'audit.view': 'none',
    'analytics.view': 'none',
    'pages.manage': 'none',
  },
  editor: {
    'jobs.manage': 'none',
    'newsletters.manage': 'any',
    'front-page.manage': 'any',
    'funders.manage': 'none',
    'ads.manage': 'any',
    'topics.manage': 'any',
    'members.manage': 'none',
    'article.create': 'any',
    'article.edit': 'any',
    'article.publish': 'any',
    'article.delete': 'any',
    'corrections.manage': 'any',
    'syndication.manage': 'any',
    'settings.manage': 'none',
    'users.manage': 'none',
    'audit.view': 'any',
    'analytics.view': 'any',
    'pages.manage': 'any',
  },
  admin: {
    'jobs.manage': 'any',
    'newsletters.manage': 'any',
    'front-page.manage': 'any',
    'funders.manage': 'any',
    'ads.manage': 'any',
    'topics.manage': 'any',
    'members.manage': 'any',
    'article.create': 'any',
    'article.edit': 'any',
    'article.publish': 'any',
    'article.delete': 'any',
    'corrections.manage': 'any',
    'syndication.manage': 'any',
    'settings.manage': 'any',
    'users.manage': 'any',
    'audit.view': 'any',
    'analytics.view': 'any',
    'pages.manage': 'any',
  },
  owner: {
    'jobs.manage': 'any',
    'newsletters.manage': 'any',
    'front-page.manage': 'any',
    'funders.manage': 'any',
    'ads.manage': 'any',
    'topics.manage': 'any',
    'members.manage': 'any',
    'article.create': 'any',
    'article.edit': 'any',
    'article.publish': 'any',
    'article.delete': 'any',
    'corrections.manage': 'any',
    'syndication.manage': 'any',
    'settings.manage': 'any',
    'users.manage': 'any',
    'audit.view': 'any',
    'analytics.view': 'any',
    'pages.manage': 'any',
  },
};

/** Whether `actor` may do `action`, on a resource owned by `ownerId` where that matters. */
export function can(actor: Actor, action: Action, resource: { ownerId: number | null } | null = null): boolean {
  const scope = TABLE[actor.role][action];
  if (scope === 'any') return true;
  if (scope === 'none') return false;
  // 'own': a new resource (no owner yet) or one the actor owns.
  return resource === null || resource.ownerId === actor.id;
}

/** Roles an actor may give: nobody creates a role above their own, and only owners make owners. */
export function assignableRoles(actor: Actor): Role[] {
  if (actor.role === 'owner') return ['owner', 'admin', 'editor', 'writer', 'contributor'];
  if (actor.role === 'admin') return ['admin', 'editor', 'writer', 'contributor'];
  return [];
}

/** The roles that may do `action` at all (on something of their own, at least), most senior first. */
export function rolesAllowed(action: Action): Role[] {
  return (Object.keys(TABLE) as Role[]).filter((role) => TABLE[role][action] !== 'none').reverse();
}
