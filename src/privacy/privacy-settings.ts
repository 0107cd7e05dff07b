import { z } from 'zod';

/**
 * The outlet's privacy settings: the two policy texts (Markdown, edited in the admin) and the
 * outside scripts that need a reader's consent. With no outside script configured there is
 * nothing to consent to, and no banner.
 */
const httpsScript = z.url({ protocol: /^https$/, error: 'must be an https:// address of a script' }).max(500, 'must be at most 500 characters');

export const privacySettingsSchema = z.object({
  privacyText: z.string().trim().min(1, 'is required: readers must be able to read how you handle their data').max(40_000, 'must be at most 40000 characters'),
  cookiesText: z.string().trim().min(1, 'is required').max(20_000, 'must be at most 20000 characters'),
  /** An analytics service's script, loaded only after consent. Empty: none. */
  analyticsScriptUrl: httpsScript.or(z.literal('')).default(''),
  /** Embed scripts (video, maps, social posts), loaded only after consent. */
  embedScriptUrls: z.array(httpsScript).max(10, 'at most 10 embed scripts').default([]),
  /**
   * Count newsletter opens (a pixel on our origin) and clicks (links through our redirect), per issue
   * only, never per person. Off unless the outlet turns it on; /privacy says so while it is on.
   */
  newsletterCounting: z.boolean().default(false),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** One outside script that waits for consent. */
export interface ConsentScript {
  src: string;
  kind: 'analytics' | 'embed';
}

/** What every page needs to ask for consent: the inert scripts, and a version that changes with the list. */
export interface ConsentConfig {
  scripts: ConsentScript[];
  /** A short hash of the script list: a choice made for another list is asked again. Empty with no scripts. */
  version: string;
  origins: string[];
}

/** The scripts a reader is asked about, in the order they load. */
export function consentScripts(s: Pick<PrivacySettings, 'analyticsScriptUrl' | 'embedScriptUrls'>): ConsentScript[] {
  return [
    ...(s.analyticsScriptUrl ? [{ src: s.analyticsScriptUrl, kind: 'analytics' as const }] : []),
    ...s.embedScriptUrls.map((src) => ({ src, kind: 'embed' as const })),
  ];
}

/** Origins the CSP must allow for those scripts: none unless some are configured. */
export function consentOrigins(scripts: ConsentScript[]): string[] {
  return [...new Set(scripts.map((s) => new URL(s.src).origin))];
}

/** Placeholders the texts may use; the page fills them in. */
export const TEXT_PLACEHOLDERS = ['{outlet}', '{contact}'] as const;

const DEFAULT_PRIVACY = `{outlet} is an independent newsroom. We run our own website, on our own servers, and we collect as little about our readers as we can. This page says what we keep, why, for how long, and what you can ask of us.

## Reading our journalism

You can read every story without an account. We set no cookies for readers who are not signed in, we run no advertising trackers, and our pages load nothing from other companies' servers unless we say so on our [cookies page](/cookies) and you agree to it.

Like every website, our servers see the address of your device (your IP address) and the name of your browser when you visit. We use them for a few minutes at most, to stop floods of automated requests, and we do not store them with what you read.

## Reader accounts

If you sign up, we keep your email address and, if you give it, your name. We use them to sign you in (by emailing you a link, so there is no password to leak) and to write to you about your account. We keep them until you delete your account, which you can do at any time from [your account page](/account). The same page lets you download everything we hold about you.

## Patrons

If you become a patron, we keep which tier you chose and since when. Card payments go through our payment provider, Stripe: your card number never reaches us. Stripe keeps payment records as the law requires; we keep a record that you paid, for as long as tax law requires us to.

If you propose or vote on a topic for us to cover, we keep the proposal and your vote with your account.

## Corrections and requests

If you report an error in a story, we keep what you wrote and, if you give it, your email address so we can tell you what we did. If you ask to republish our work, we keep the details you send until the request is settled, and for as long as any permission we give lasts.

## Your rights

You can ask us what we hold about you, ask us to correct it, ask us to delete it, or object to how we use it. Most of this you can do yourself from your account page. For anything else, write to us at {contact}. We answer within a month. If you think we have got it wrong, you can also complain to your data protection authority.

## Changes

When we change how we handle your data, we change this page first.`;

const DEFAULT_COOKIES = `We use as few cookies and as little browser storage as we can. A reader who is not signed in gets no cookies at all from us.

The table below lists every cookie and every piece of browser storage our site can set, what it is for and how long it lasts. It is made from the same list our code is checked against, so it cannot fall out of date.

Questions? Write to us at {contact}.`;

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  privacyText: DEFAULT_PRIVACY,
  cookiesText: DEFAULT_COOKIES,
  analyticsScriptUrl: '',
  embedScriptUrls: [],
  newsletterCounting: false,
};
