import { adminFunders } from './admin/funders.js';
import { adminMembership } from './admin/membership.js';
import { adminSettings } from './admin/settings.js';

/**
 * The admin's English text (the admin stays in English for now; its words come from here so a second
 * language is a second file). So far: the shared frame and its navigation. Keys name the place.
 * test/i18n/admin-catalog.test.ts fails on a key no source file uses.
 */
export const adminEn = {
  ...adminSettings,
  ...adminMembership,
  ...adminFunders,
  'frame.title': '{page} · {site} admin',
  'frame.skip': 'Skip to content',
  'frame.menu': 'Menu',
  'frame.menu.label': 'Admin menu',
  'frame.sidebar.label': 'Admin',
  'frame.viewSite': 'View site',
  'frame.logOut': 'Log out {name}',
  'nav.articles': 'Articles',
  'nav.newArticle': 'New article',
  'nav.frontPage': 'Front page',
  'nav.users': 'Users',
  'nav.settings': 'Settings',
  'nav.members': 'Members',
  'nav.funders': 'Funders',
  'nav.privacy': 'Privacy',
  'nav.corrections': 'Corrections',
  'nav.topics': 'Topics',
  'nav.analytics': 'Analytics',
  'nav.policy': 'Reprint policy',
  'nav.partners': 'Partners',
  'nav.ads': 'Ads',
  'nav.pages': 'Pages',
  'nav.redirects': 'Redirects',
  'nav.newsletters': 'Newsletters',
  'nav.audit': 'Audit log',
  'nav.jobs': 'Background jobs',
  'nav.sessions': 'Sessions',
} as const;

export type AdminKey = keyof typeof adminEn;
