import type Stripe from 'stripe';
import { lazyPackage } from '../lazy-package.js';
import type { StripeConfig } from '../config.js';
import type { Member, Tier } from './member.js';

export type VerifiedEvent = { ok: true; event: Stripe.Event } | { ok: false; message: string };

const stripeLibrary = lazyPackage<typeof Stripe>('stripe');

/** How long a signed webhook stays acceptable (Stripe's default tolerance): replays older than this are refused. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Our side of Stripe: Checkout for new patrons, cancelling a subscription when a member erases
 * their account, and verifying webhook signatures with Stripe's own library.
 */
export class StripeGateway {
  private readonly stripe: Stripe;

  constructor(private readonly config: StripeConfig) {
    const api = config.apiUrl ? new URL(config.apiUrl) : null;
    const StripeClient = stripeLibrary();
    this.stripe = new StripeClient(config.secretKey, {
      ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'https:' ? 443 : 80), protocol: api.protocol === 'http:' ? 'http' : 'https' } : {}),
      telemetry: false,
      maxNetworkRetries: 1,
      timeout: 15_000,
    });
  }

  /**
   * Where our forms send readers: Checkout and the billing portal (and a stand-in's own address when
   * STRIPE_API_URL points at one). The page CSP's form-action must allow them, or browsers stop the redirect.
   */
  redirectOrigins(): string[] {
    return ['https://checkout.stripe.com', 'https://billing.stripe.com', ...(this.config.apiUrl ? [new URL(this.config.apiUrl).origin] : [])];
  }

  /** A Checkout page for one tier at one interval; returns the address to send the reader to. */
  async createCheckout(input: {
    member: Member;
    tier: Tier;
    interval: 'month' | 'year';
    outlet: string;
    successUrl: string;
    cancelUrl: string;
  }): Promise<string> {
    const amount = input.interval === 'month' ? input.tier.monthlyPrice : input.tier.yearlyPrice;
    if (!amount) throw new Error(`tier ${input.tier.id} has no ${input.interval}ly price`);
    const ids = { member_id: String(input.member.id), tier_id: String(input.tier.id) };
    const session = await this.stripe.checkout.sessions.create({
      mode: 'subscription',
      ...(input.member.stripeCustomerId ? { customer: input.member.stripeCustomerId } : { customer_email: input.member.email }),
      client_reference_id: String(input.member.id),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: input.tier.currency.toLowerCase(),
            unit_amount: amount,
            recurring: { interval: input.interval },
            product_data: { name: `${input.outlet}: ${input.tier.name}` },
          },
        },
      ],
      subscription_data: { metadata: ids },
      metadata: { ...ids, interval: input.interval },
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    });
    if (!session.url) throw new Error('Stripe returned a Checkout session without a URL');
    return session.url;
  }

  /** Stripe's billing portal for one customer: change the card, switch or cancel the subscription. */
  async createPortal(customerId: string, returnUrl: string): Promise<string> {
    const session = await this.stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
    return session.url;
  }

  async cancelSubscription(subscriptionId: string): Promise<void> {
    await this.stripe.subscriptions.cancel(subscriptionId);
  }

  /** Checks the Stripe-Signature header against the raw body, and its age against our clock. */
  verify(rawBody: Buffer, signature: string | undefined, now: Date): VerifiedEvent {
    if (!signature) return { ok: false, message: 'missing Stripe-Signature header' };
    try {
      return {
        ok: true,
        event: this.stripe.webhooks.constructEvent(rawBody, signature, this.config.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime()),
      };
    } catch (err) {
      // The library's message goes on to a docs link; the first sentence says what was wrong.
      return { ok: false, message: `signature check failed: ${(err as Error).message.split(/(?<=\.)\s/)[0]}` };
    }
  }
}
