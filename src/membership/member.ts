import type { Translations } from '../i18n/outlet-text.js';
import { cacheKeys } from '../cache/cache-keys.js';

/** A reader with an account. Readers are not staff: they never reach /admin. */
export interface Member {
  id: number;
  email: string;
  name: string;
  createdAt: string;
  stripeCustomerId: string | null;
}

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'NZD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** What a patron can choose. Prices are in minor units (cents); a tier has a monthly price, a yearly one, or both. */
export interface Tier {
  id: number;
  name: string;
  description: string;
  monthlyPrice: number | null;
  yearlyPrice: number | null;
  currency: Currency;
  /** How much a vote on a topic counts for patrons of this tier (1 = equal votes). */
  voteWeight: number;
  position: number;
  archivedAt: string | null;
  /** The name and description in the outlet's other languages. */
  translations: Translations<'name' | 'description'>;
}

export type PatronageStatus = 'pending' | 'active' | 'past_due' | 'cancelled';
export type PatronageSource = 'stripe' | 'manual';

/** One stretch of support: a Stripe subscription or a grant made by hand (bank transfer, gift). */
export interface Patronage {
  id: number;
  memberId: number;
  tierId: number | null;
  source: PatronageSource;
  status: PatronageStatus;
  /** Null: no end date (a manual grant "until further notice"). */
  expiresAt: string | null;
  stripeSubscriptionId: string | null;
  note: string;
  grantedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A member who supports the outlet right now, and with which tier. */
export interface Patron {
  memberId: number;
  tierId: number | null;
  tierName: string | null;
  voteWeight: number;
  expiresAt: string | null;
  source: PatronageSource;
}

/**
 * The rule for "is a patron": a patronage that is active, or past due while Stripe retries the
 * card, and has not reached its end date. Cancelled and pending ones never count.
 */
export function isCurrent(p: Pick<Patronage, 'status' | 'expiresAt'>, now: Date): boolean {
  return (p.status === 'active' || p.status === 'past_due') && (p.expiresAt === null || p.expiresAt > now.toISOString());
}

/** The patronage that makes a member a patron now (the one lasting longest), or null. */
export function currentPatronage(all: Patronage[], now: Date): Patronage | null {
  const current = all.filter((p) => isCurrent(p, now));
  current.sort((a, b) => (a.expiresAt === null ? -1 : b.expiresAt === null ? 1 : b.expiresAt.localeCompare(a.expiresAt)));
  return current[0] ?? null;
}

/** "€4.50" style prices for the support page. */
export function formatPrice(minor: number, currency: Currency, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}

/**
 * What a change of who is a patron shows up on: the topic board (votes from current or former
 * patrons, who may vote) and /support (how many patrons there are).
 */
export const PATRONAGE_KEYS = [cacheKeys.topics, cacheKeys.support];
