import type Stripe from 'stripe';
import type { PatronageStatus } from './member.js';

/**
 * A Stripe webhook event reduced to what it means for a patronage. Events are read for their own
 * data only (no calls back to Stripe), so every case can be tested with signed payloads, and an
 * event that arrives late or twice is recognised by its time and id.
 */
export type StripeChange =
  | {
      kind: 'checkout';
      subscriptionId: string;
      customerId: string;
      memberId: number | null;
      tierId: number | null;
      payment: 'paid' | 'waiting' | 'failed';
      interval: 'month' | 'year';
      at: string;
    }
  | {
      kind: 'subscription';
      subscriptionId: string;
      customerId: string;
      memberId: number | null;
      tierId: number | null;
      status: PatronageStatus;
      expiresAt: string | null;
      at: string;
    }
  | { kind: 'invoice-paid'; subscriptionId: string; periodEnd: string | null; at: string }
  | { kind: 'invoice-failed'; subscriptionId: string; at: string }
  | { kind: 'ignored'; reason: string };

/** The event types we act on; anything else is acknowledged and recorded as ignored. */
export const HANDLED_EVENTS = [
  'checkout.session.completed',
  // Bank debits (SEPA, ACH) complete the checkout before the money arrives; these say how it went.
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null));
const intOf = (v: string | undefined | null): number | null => (v && /^\d{1,10}$/.test(v) ? Number(v) : null);

/** Stripe's subscription states, in ours. */
export function statusOf(s: Stripe.Subscription.Status): PatronageStatus {
  switch (s) {
    case 'active':
    case 'trialing':
      return 'active';
    case 'past_due':
    case 'unpaid':
      return 'past_due';
    case 'incomplete':
    case 'paused':
      return 'pending';
    default:
      return 'cancelled';
  }
}

function subscriptionChange(sub: Stripe.Subscription, at: string, deleted: boolean): StripeChange {
  const customerId = idOf(sub.customer);
  if (!customerId) return { kind: 'ignored', reason: 'subscription without a customer' };
  // Since the 2025 API versions the billing period lives on each item; a subscription has one here.
  const periodEnds = sub.items.data.map((i) => i.current_period_end).filter((n): n is number => typeof n === 'number');
  const status = deleted ? 'cancelled' : statusOf(sub.status);
  const expiresAt =
    status === 'cancelled' ? iso(sub.ended_at ?? sub.canceled_at ?? Date.parse(at) / 1000) : periodEnds.length ? iso(Math.max(...periodEnds)) : null;
  return {
    kind: 'subscription',
    subscriptionId: sub.id,
    customerId,
    memberId: intOf(sub.metadata?.member_id),
    tierId: intOf(sub.metadata?.tier_id),
    status,
    expiresAt,
    at,
  };
}

function invoiceSubscription(inv: Stripe.Invoice): string | null {
  return idOf(inv.parent?.subscription_details?.subscription ?? null);
}

/** What one verified event means for patronages. */
export function toStripeChange(event: Stripe.Event): StripeChange {
  const at = iso(event.created);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed': {
      const s = event.data.object;
      const subscriptionId = idOf(s.subscription);
      const customerId = idOf(s.customer);
      if (s.mode !== 'subscription' || !subscriptionId || !customerId) return { kind: 'ignored', reason: 'not a subscription checkout' };
      return {
        kind: 'checkout',
        subscriptionId,
        customerId,
        memberId: intOf(s.client_reference_id ?? s.metadata?.member_id),
        tierId: intOf(s.metadata?.tier_id),
        payment:
          event.type === 'checkout.session.async_payment_failed'
            ? 'failed'
            : s.payment_status === 'paid' || s.payment_status === 'no_payment_required'
              ? 'paid'
              : 'waiting',
        interval: s.metadata?.interval === 'year' ? 'year' : 'month',
        at,
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
      return subscriptionChange(event.data.object, at, false);
    case 'customer.subscription.deleted':
      return subscriptionChange(event.data.object, at, true);
    case 'invoice.paid': {
      const inv = event.data.object;
      const subscriptionId = invoiceSubscription(inv);
      if (!subscriptionId) return { kind: 'ignored', reason: 'invoice without a subscription' };
      const ends = inv.lines.data.map((l) => l.period?.end).filter((n): n is number => typeof n === 'number');
      return { kind: 'invoice-paid', subscriptionId, periodEnd: ends.length ? iso(Math.max(...ends)) : null, at };
    }
    case 'invoice.payment_failed': {
      const subscriptionId = invoiceSubscription(event.data.object);
      if (!subscriptionId) return { kind: 'ignored', reason: 'invoice without a subscription' };
      return { kind: 'invoice-failed', subscriptionId, at };
    }
    default:
      return { kind: 'ignored', reason: `event type ${event.type} is not used` };
  }
}
