import type { Invalidator } from '../cache/cache-keys.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { PATRONAGE_KEYS } from './member.js';
import type { MemberStore } from './member-store.js';
import type { StripeGateway } from './stripe-gateway.js';
import { toStripeChange, type StripeChange } from './stripe-events.js';

export type WebhookResult = { status: 200; body: { received: true; duplicate?: true; outcome: string } } | { status: 400; body: { error: string } };

/** A day's grace after the paid period, so a renewal that Stripe reports a little late does not lapse anyone. */
const GRACE_MS = 86_400_000;

/**
 * Applies Stripe webhook events to patronages, each exactly once. The event id is recorded in the
 * transaction that applies it: a replay finds it and changes nothing, and a crash leaves neither
 * the record nor the effect, so Stripe's retry applies it then. Events that arrive out of order are
 * judged by their creation time: an older subscription state never overwrites a newer one.
 */
export class StripeWebhookService {
  constructor(
    private readonly uow: UnitOfWork<{ members: MemberStore }>,
    private readonly gateway: StripeGateway,
    private readonly invalidator: Invalidator,
  ) {}

  async handle(rawBody: Buffer, signature: string | undefined, now: Date): Promise<WebhookResult> {
    const verified = this.gateway.verify(rawBody, signature, now);
    if (!verified.ok) return { status: 400, body: { error: verified.message } };
    const event = verified.event;
    const change = toStripeChange(event);
    const result = await this.uow.transaction(async ({ members }) => {
      const fresh = await members.recordStripeEvent({
        id: event.id,
        type: event.type,
        createdAt: new Date(event.created * 1000).toISOString(),
        processedAt: now.toISOString(),
        outcome: 'processing',
      });
      if (!fresh) return { duplicate: true as const, outcome: 'already processed' };
      const outcome = await apply(members, change, now);
      await members.updateStripeEventOutcome(event.id, outcome);
      return { outcome };
    });
    // Patron status decides who may vote; the board shows which votes come from current patrons.
    if (!('duplicate' in result)) await this.invalidator.invalidate(PATRONAGE_KEYS);
    return { status: 200, body: { received: true, ...result } };
  }
}

async function apply(store: MemberStore, change: StripeChange, now: Date): Promise<string> {
  if (change.kind === 'ignored') return `ignored: ${change.reason}`;
  const stamp = now.toISOString();
  const existing = await store.findPatronageBySubscription(change.subscriptionId);

  switch (change.kind) {
    case 'checkout': {
      const member = change.memberId === null ? null : await store.findMemberById(change.memberId);
      if (!member) return 'ignored: checkout for an unknown member';
      await store.setStripeCustomer(member.id, change.customerId);
      if (existing) {
        // A bank debit that cleared (or bounced) after the checkout: settle the patronage it left pending.
        if (existing.status !== 'pending' || change.payment === 'waiting') return 'linked: subscription already known';
        await store.updatePatronage(existing.id, {
          status: change.payment === 'paid' ? 'active' : 'cancelled',
          ...(change.payment === 'failed' ? { expiresAt: stamp } : {}),
          updatedAt: stamp,
        });
        return change.payment === 'paid' ? 'payment arrived: patronage started' : 'payment failed: patronage not started';
      }
      if (change.payment === 'failed') return 'ignored: failed payment for an unknown subscription';
      // Until the subscription's own event says when the period ends, assume one interval from now.
      const days = change.interval === 'year' ? 366 : 31;
      await store.insertPatronage({
        memberId: member.id,
        tierId: change.tierId,
        source: 'stripe',
        status: change.payment === 'paid' ? 'active' : 'pending',
        expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
        stripeSubscriptionId: change.subscriptionId,
        note: '',
        grantedBy: null,
        createdAt: stamp,
        updatedAt: stamp,
      });
      return change.payment === 'paid' ? 'patronage started' : 'patronage pending payment';
    }
    case 'subscription': {
      const expiresAt = change.expiresAt && change.status !== 'cancelled' ? new Date(Date.parse(change.expiresAt) + GRACE_MS).toISOString() : change.expiresAt;
      if (existing) {
        if (existing.stripeStateAt && change.at < existing.stripeStateAt) return 'ignored: older than the state already applied';
        if (existing.status === 'cancelled' && change.status !== 'cancelled') return 'ignored: subscription already ended';
        await store.updatePatronage(existing.id, {
          status: change.status,
          expiresAt,
          stripeStateAt: change.at,
          updatedAt: stamp,
          ...(change.tierId !== null ? { tierId: change.tierId } : {}),
        });
        return `subscription ${change.status}`;
      }
      const member =
        (change.memberId !== null ? await store.findMemberById(change.memberId) : null) ?? (await store.findMemberByStripeCustomer(change.customerId));
      if (!member) return 'ignored: subscription for an unknown member';
      await store.setStripeCustomer(member.id, change.customerId);
      await store.insertPatronage({
        memberId: member.id,
        tierId: change.tierId,
        source: 'stripe',
        status: change.status,
        expiresAt,
        stripeSubscriptionId: change.subscriptionId,
        stripeStateAt: change.at,
        note: '',
        grantedBy: null,
        createdAt: stamp,
        updatedAt: stamp,
      });
      return `subscription ${change.status}`;
    }
    case 'invoice-paid': {
      // Before the checkout or subscription event: nothing to extend yet; that event carries the same period.
      if (!existing) return 'ignored: invoice for an unknown subscription';
      if (existing.status === 'cancelled') return 'ignored: subscription already ended';
      const periodEnd = change.periodEnd ? new Date(Date.parse(change.periodEnd) + GRACE_MS).toISOString() : null;
      const expiresAt = periodEnd && (existing.expiresAt === null || periodEnd > existing.expiresAt) ? periodEnd : existing.expiresAt;
      await store.updatePatronage(existing.id, { status: 'active', expiresAt, updatedAt: stamp });
      return 'renewed';
    }
    case 'invoice-failed': {
      if (!existing) return 'ignored: invoice for an unknown subscription';
      if (existing.status !== 'active' || (existing.stripeStateAt && change.at < existing.stripeStateAt)) return `ignored: patronage is ${existing.status}`;
      // The paid period still runs; Stripe retries the card. The patron lapses only if the period ends unpaid.
      await store.updatePatronage(existing.id, { status: 'past_due', stripeStateAt: change.at, updatedAt: stamp });
      return 'payment failed';
    }
  }
}
