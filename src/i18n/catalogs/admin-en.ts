import { adminAccounts } from './admin/accounts.js';
import { adminAds } from './admin/ads.js';
import { adminAnalytics } from './admin/analytics.js';
import { adminArticles } from './admin/articles.js';
import { adminCorrections } from './admin/corrections.js';
import { adminEditor } from './admin/editor.js';
import { adminEditorIsland } from './admin/editor-island.js';
import { adminFunders } from './admin/funders.js';
import { adminJobs } from './admin/jobs.js';
import { adminLogin } from './admin/login.js';
import { adminMembership } from './admin/membership.js';
import { adminNewsletters } from './admin/newsletters.js';
import { adminPartners } from './admin/partners.js';
import { adminSettings } from './admin/settings.js';
import { adminSitePages } from './admin/site-pages.js';
import { adminTopics } from './admin/topics.js';

/**
 * The admin's English text (the admin stays in English for now; its words come from here so a second
 * language is a second file). Here: the shared frame and its navigation; each area's own words are in admin/<area>.ts,
 * spread in below. Keys name the place.
 * test/i18n/admin-catalog.test.ts fails on a key no source file uses.
 */
export const adminEn = {
  ...adminSettings,
  ...adminAccounts,
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
  ...adminJobs,
  ...adminAnalytics,
  ...adminTopics,
  ...adminAds,
  ...adminNewsletters,
  ...adminPartners,
  ...adminArticles,
  ...adminEditor,
  ...adminEditorIsland,
  ...adminCorrections,
  ...adminSitePages,
  ...adminLogin,
} as const;

export type AdminKey = keyof typeof adminEn;
