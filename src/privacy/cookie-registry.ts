import { SESSION_DAYS } from '../accounts/account-service.js';
import { MEMBER_SESSION_DAYS } from '../membership/member-service.js';

/**
 * Every cookie and every localStorage / sessionStorage key Masthead sets, in one list. /cookies
 * renders its table from it, and test/privacy/cookie-registry.test.ts (plus its browser twin)
 * fails when real responses or real browser sessions show a name that is not here.
 */
export type StorageKind = 'cookie' | 'localStorage' | 'sessionStorage';

export interface StorageEntry {
  /** The exact name, or the start of the name when `prefix` is set. */
  name: string;
  prefix: boolean;
  kind: StorageKind;
  /** Who gets it, and what for, in readers' words. */
  purpose: string;
  lifetime: string;
  /**
   * Essential: the site cannot do what the reader asked without it (stay signed in, protect a form,
   * remember a choice), or it never leaves the browser and only keeps a notice from nagging.
   * Non-essential storage waits for consent.
   */
  essential: boolean;
  /** The code that sets it, for whoever changes it next. */
  setBy: string;
}

const days = (n: number) => `${n} days`;

export const STORAGE_REGISTRY: readonly StorageEntry[] = [
  {
    name: 'mh_session',
    prefix: false,
    kind: 'cookie',
    purpose: 'Keeps a member of staff signed in to the newsroom (/admin). Never set for readers.',
    lifetime: `${days(SESSION_DAYS)}, or until they log out`,
    essential: true,
    setBy: 'admin/admin-routes.ts',
  },
  {
    name: 'mh_csrf',
    prefix: false,
    kind: 'cookie',
    purpose: 'Protects the newsroom’s forms from being sent by another website. Only sent to /admin.',
    lifetime: 'Until the browser closes',
    essential: true,
    setBy: 'admin/admin-routes.ts (@fastify/csrf-protection)',
  },
  {
    name: 'mh_member',
    prefix: false,
    kind: 'cookie',
    purpose: 'Keeps a reader signed in to their account after they follow a sign-in link we emailed them.',
    lifetime: `${days(MEMBER_SESSION_DAYS)}, or until they sign out`,
    essential: true,
    setBy: 'membership/membership-routes.ts',
  },
  {
    name: 'mh_signin',
    prefix: false,
    kind: 'cookie',
    purpose: 'Set when a reader opens a sign-in link we emailed them, so that only their own browser can use it. Sent only to the sign-in pages.',
    lifetime: '1 day, or until they sign in',
    essential: true,
    setBy: 'membership/membership-routes.ts',
  },
  {
    name: 'mh_patron',
    prefix: false,
    kind: 'cookie',
    purpose: 'Tells our pages that a signed-in reader is a patron, so we stop asking them for support. Holds only “1”.',
    lifetime: `${days(MEMBER_SESSION_DAYS)}, or until they sign out`,
    essential: true,
    setBy: 'membership/membership-routes.ts',
  },
  {
    name: 'mh.appeal.stories',
    prefix: false,
    kind: 'localStorage',
    purpose: 'The addresses of the last 50 stories opened in this browser, so the support appeal waits until a reader has read a few. Never sent to us.',
    lifetime: 'Until the reader clears their browser’s site data',
    essential: true,
    setBy: 'membership/appeal/appeal-island.ts',
  },
  {
    name: 'mh.appeal.dismissedUntil',
    prefix: false,
    kind: 'localStorage',
    purpose: 'When a reader closed the support appeal, so it stays closed for the days the newsroom chose. Never sent to us.',
    lifetime: 'Until the reader clears their browser’s site data',
    essential: true,
    setBy: 'membership/appeal/appeal-island.ts',
  },
  {
    name: 'mh.probe',
    prefix: false,
    kind: 'localStorage',
    purpose: 'Written and removed at once, to check that the browser lets us use storage at all.',
    lifetime: 'Removed immediately',
    essential: true,
    setBy: 'membership/appeal/appeal-island.ts',
  },
  {
    name: 'mh_consent',
    prefix: false,
    kind: 'localStorage',
    purpose: 'Remembers whether a reader allowed or refused the outside scripts listed below, so we ask only once.',
    lifetime: 'Until the reader changes it on this page or clears their browser’s site data',
    essential: true,
    setBy: 'privacy/consent/consent-island.ts',
  },
  {
    name: 'masthead:draft:',
    prefix: true,
    kind: 'localStorage',
    purpose: 'Unsaved work in the newsroom’s article editor, so a crash or a closed tab loses nothing. Staff only.',
    lifetime: 'Until the article is saved',
    essential: true,
    setBy: 'admin/editor/draft-store.ts',
  },
  {
    name: 'mh_ads_',
    prefix: true,
    kind: 'localStorage',
    purpose: 'How often this browser has seen each of our own ads, so no ad is shown more often than the advertiser bought. Never sent to us.',
    lifetime: 'Until the reader clears their browser’s site data',
    essential: true,
    setBy: 'ads/ (first-party frequency caps)',
  },
  {
    name: 'mh_adblock_',
    prefix: true,
    kind: 'localStorage',
    purpose: 'When a reader closed the note about ad blockers, so it does not come back too soon. Never sent to us.',
    lifetime: 'Until the reader clears their browser’s site data',
    essential: true,
    setBy: 'ads/ (ad-block notice)',
  },
];

/** The registry entry that covers `name` of `kind`, or null: an unregistered name is a bug. */
export function findStorageEntry(name: string, kind: StorageKind, registry: readonly StorageEntry[] = STORAGE_REGISTRY): StorageEntry | null {
  return registry.find((e) => e.kind === kind && (e.prefix ? name.startsWith(e.name) : name === e.name)) ?? null;
}
