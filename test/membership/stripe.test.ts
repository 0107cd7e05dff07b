import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { memberClient } from '../support/members.js';
import { deliver, invoice, startFakeStripeApi, STRIPE_TEST_CONFIG, stripeEvent, subscription } from '../support/stripe.js';

let app: TestApp;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  while (cleanups.length) await cleanups.pop()!();
});

const DAY = 86_400;

const databases = await testDatabases();

async function withStripe(fail = false, database: 'sqlite' | 'postgres' = 'sqlite') {
  const api = await startFakeStripeApi({ fail });
  cleanups.push(() => api.close());
  app = await buildApp({ database, config: { stripe: { ...STRIPE_TEST_CONFIG, apiUrl: api.url } } });
  const saved = await app.services.patrons.saveTier(
    null,
    { name: 'Coffee', description: 'About a coffee a month.', monthlyPrice: 450, yearlyPrice: 4500, currency: 'EUR', voteWeight: 1, position: 0 },
    { now: app.clock(), actor: null },
  );
  if (!saved.ok) throw new Error(saved.message);
  const reader = await memberClient(app, { email: 'payer@example.org' });
  return { api, tier: saved.tier, reader, T: Math.floor(app.clock().getTime() / 1000) };
}

const patronOf = (memberId: number) => app.services.patrons.patronOf(memberId, app.clock());

describe('Stripe webhooks', () => {
  it('a completed checkout makes a patron; the subscription event sets when it ends', async () => {
    const { reader, tier, T } = await withStripe();
    const checkout = stripeEvent(
      'checkout.session.completed',
      {
        id: 'cs_1',
        object: 'checkout.session',
        mode: 'subscription',
        payment_status: 'paid',
        subscription: 'sub_1',
        customer: 'cus_1',
        client_reference_id: String(reader.member.id),
        metadata: { member_id: String(reader.member.id), tier_id: String(tier.id), interval: 'month' },
      },
      T,
    );
    const res = await deliver(app, checkout);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'patronage started' });
    expect(await patronOf(reader.member.id)).toMatchObject({ tierName: 'Coffee', source: 'stripe' });
    expect((await app.services.members.findMember(reader.member.id))!.stripeCustomerId).toBe('cus_1');

    const created = stripeEvent(
      'customer.subscription.created',
      subscription({ id: 'sub_1', customer: 'cus_1', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
      T + 1,
    );
    expect((await deliver(app, created)).json()).toMatchObject({ outcome: 'subscription active' });
    // The paid period plus a day's grace for a late renewal notice.
    expect((await patronOf(reader.member.id))!.expiresAt).toBe(new Date((T + 31 * DAY) * 1000).toISOString());
  });

  it.each(databases)('processes a replayed event once, even delivered three times at once (%s)', async (database) => {
    const { reader, tier, T } = await withStripe(false, database);
    const event = stripeEvent(
      'customer.subscription.created',
      subscription({ id: 'sub_2', customer: 'cus_2', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
      T,
    );
    expect((await deliver(app, event)).json()).toEqual({ received: true, outcome: 'subscription active' });
    const replay = await deliver(app, event);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ received: true, duplicate: true, outcome: 'already processed' });
    // Two deliveries at once: still one patronage.
    const burst = await Promise.all([1, 2, 3].map(() => deliver(app, event)));
    expect(burst.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await app.services.patrons.listPatronages(reader.member.id)).toHaveLength(1);
  });

  it('refuses bad, missing, tampered and stale signatures, and changes nothing', async () => {
    const { reader, tier, T } = await withStripe();
    const event = stripeEvent(
      'customer.subscription.created',
      subscription({ id: 'sub_3', customer: 'cus_3', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
      T,
    );
    const wrongSecret = await deliver(app, event, { secret: 'whsec_not_ours_0000000000' });
    expect(wrongSecret.statusCode).toBe(400);
    expect(wrongSecret.json().error).toMatch(/signature/i);
    const missing = await deliver(app, event, { header: null });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('missing Stripe-Signature header');
    const garbage = await deliver(app, event, { header: 't=1,v1=nothing' });
    expect(garbage.statusCode).toBe(400);
    const stale = await deliver(app, event, { signedAt: T - 600 });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatch(/tolerance/i);
    expect(await app.services.patrons.listPatronages(reader.member.id)).toHaveLength(0);
    // The same event, correctly signed, still works: nothing was recorded as processed.
    expect((await deliver(app, event)).statusCode).toBe(200);
  });

  it('applies events that arrive out of order by their time, not their arrival', async () => {
    const { reader, tier, T } = await withStripe();
    const base = { id: 'sub_4', customer: 'cus_4', memberId: reader.member.id, tierId: tier.id };
    // A renewal invoice before Stripe told us of the subscription: nothing to extend yet.
    expect((await deliver(app, stripeEvent('invoice.paid', invoice({ subscription: 'sub_4', periodEnd: T + 30 * DAY }), T + 5))).json().outcome).toBe(
      'ignored: invoice for an unknown subscription',
    );
    expect(await patronOf(reader.member.id)).toBeNull();
    // The subscription arrives (it carries the same period): a patron.
    await deliver(app, stripeEvent('customer.subscription.created', subscription({ ...base, status: 'active', periodEnd: T + 30 * DAY }), T));
    expect(await patronOf(reader.member.id)).not.toBeNull();
    // Cancelled at T+100, but an "active" update made at T+50 arrives after it: it must not revive the patronage.
    await deliver(
      app,
      stripeEvent('customer.subscription.deleted', subscription({ ...base, status: 'canceled', periodEnd: T + 30 * DAY, endedAt: T + 100 }), T + 100),
    );
    const late = await deliver(app, stripeEvent('customer.subscription.updated', subscription({ ...base, status: 'active', periodEnd: T + 30 * DAY }), T + 50));
    expect(late.json().outcome).toBe('ignored: older than the state already applied');
    app.fixedClock.advance(200_000);
    expect(await patronOf(reader.member.id)).toBeNull();
    const [p] = await app.services.patrons.listPatronages(reader.member.id);
    expect(p).toMatchObject({ status: 'cancelled', expiresAt: new Date((T + 100) * 1000).toISOString() });
  });

  it('renews on a paid invoice; a failed payment keeps the paid period, then the patron lapses', async () => {
    const { reader, tier, T } = await withStripe();
    await deliver(
      app,
      stripeEvent(
        'customer.subscription.created',
        subscription({ id: 'sub_5', customer: 'cus_5', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
        T,
      ),
    );
    expect((await deliver(app, stripeEvent('invoice.paid', invoice({ subscription: 'sub_5', periodEnd: T + 60 * DAY }), T + 30 * DAY))).json().outcome).toBe(
      'renewed',
    );
    expect((await patronOf(reader.member.id))!.expiresAt).toBe(new Date((T + 61 * DAY) * 1000).toISOString());

    expect(
      (await deliver(app, stripeEvent('invoice.payment_failed', invoice({ subscription: 'sub_5', periodEnd: T + 90 * DAY }), T + 60 * DAY))).json().outcome,
    ).toBe('payment failed');
    const [p] = await app.services.patrons.listPatronages(reader.member.id);
    expect(p!.status).toBe('past_due');
    expect(await patronOf(reader.member.id)).not.toBeNull();
    app.fixedClock.advance(62 * DAY * 1000);
    expect(await patronOf(reader.member.id)).toBeNull();
  });

  it('a bank debit leaves the patronage pending until the money arrives, or ends it when the debit fails', async () => {
    const { reader, tier, T } = await withStripe();
    const session = (sub: string, payment_status: string) => ({
      id: `cs_${sub}`,
      object: 'checkout.session',
      mode: 'subscription',
      payment_status,
      subscription: sub,
      customer: 'cus_sepa',
      client_reference_id: String(reader.member.id),
      metadata: { tier_id: String(tier.id), interval: 'month' },
    });
    expect((await deliver(app, stripeEvent('checkout.session.completed', session('sub_sepa', 'unpaid'), T))).json().outcome).toBe('patronage pending payment');
    expect(await patronOf(reader.member.id)).toBeNull();
    expect((await deliver(app, stripeEvent('checkout.session.async_payment_succeeded', session('sub_sepa', 'paid'), T + 3 * DAY))).json().outcome).toBe(
      'payment arrived: patronage started',
    );
    expect(await patronOf(reader.member.id)).toMatchObject({ tierName: 'Coffee' });

    const other = await memberClient(app, { email: 'bounced@example.org' });
    const bounced = { ...session('sub_bounce', 'unpaid'), client_reference_id: String(other.member.id), customer: 'cus_bounce' };
    await deliver(app, stripeEvent('checkout.session.completed', bounced, T));
    expect((await deliver(app, stripeEvent('checkout.session.async_payment_failed', bounced, T + 3 * DAY))).json().outcome).toBe(
      'payment failed: patronage not started',
    );
    expect(await patronOf(other.member.id)).toBeNull();
    expect((await app.services.patrons.listPatronages(other.member.id))[0]!.status).toBe('cancelled');
  });

  it('acknowledges events it does not use, and says so', async () => {
    const { T } = await withStripe();
    const res = await deliver(app, stripeEvent('customer.created', { id: 'cus_9', object: 'customer' }, T));
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('ignored: event type customer.created is not used');
    const unknownMember = await deliver(
      app,
      stripeEvent('customer.subscription.created', subscription({ id: 'sub_x', customer: 'cus_x', status: 'active', periodEnd: T + DAY }), T),
    );
    expect(unknownMember.json().outcome).toBe('ignored: subscription for an unknown member');
  });

  it('answers 404 when Stripe is not configured', async () => {
    app = await buildApp();
    const res = await app.http.inject({ method: 'POST', url: '/webhooks/stripe', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('Stripe is not configured on this site');
  });
});

describe('Stripe Checkout', () => {
  it('sends a signed-in reader to Checkout for the tier and interval they chose', async () => {
    const { api, tier, reader } = await withStripe();
    const res = await reader.post('/support/checkout', { tier: String(tier.id), interval: 'month' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${api.url}/c/pay/cs_test_1`);
    expect(res.headers['content-security-policy']).toContain(`form-action 'self' https://checkout.stripe.com https://billing.stripe.com ${api.url};`);
    const sent = api.requests.find((r) => r.path === '/v1/checkout/sessions')!.form;
    expect(sent.get('mode')).toBe('subscription');
    expect(sent.get('customer_email')).toBe('payer@example.org');
    expect(sent.get('client_reference_id')).toBe(String(reader.member.id));
    expect(sent.get('line_items[0][price_data][unit_amount]')).toBe('450');
    expect(sent.get('line_items[0][price_data][currency]')).toBe('eur');
    expect(sent.get('line_items[0][price_data][recurring][interval]')).toBe('month');
    expect(sent.get('subscription_data[metadata][tier_id]')).toBe(String(tier.id));
    expect(sent.get('success_url')).toBe('https://news.example.test/support/thanks');
  });

  it('asks signed-out readers to sign in, sends patrons to their account, and names bad choices', async () => {
    const { tier, reader } = await withStripe();
    const anonymous = await app.http.inject({
      method: 'POST',
      url: '/support/checkout',
      payload: `tier=${tier.id}&interval=month`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/account/sign-in?next=/support');

    const badInterval = await reader.post('/support/checkout', { tier: String(tier.id), interval: 'weekly' });
    expect(badInterval.statusCode).toBe(400);
    expect(badInterval.body).toContain('Choose a tier and whether to pay monthly or yearly.');
    const noTier = await reader.post('/support/checkout', { tier: '999', interval: 'month' });
    expect(noTier.statusCode).toBe(422);
    const forged = await app.http.inject({
      method: 'POST',
      url: '/support/checkout',
      payload: `tier=${tier.id}&interval=month&_csrf=wrong`,
      headers: { ...reader.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);

    const patron = await memberClient(app, { patron: { tierId: tier.id } });
    const already = await patron.post('/support/checkout', { tier: String(tier.id), interval: 'month' });
    expect(already.statusCode).toBe(303);
    expect(already.headers.location).toBe('/account');
  });

  it('says so plainly when Stripe does not answer', async () => {
    const { tier, reader } = await withStripe(true);
    const res = await reader.post('/support/checkout', { tier: String(tier.id), interval: 'year' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Nothing was charged');
  });

  it("sends a paying patron to Stripe's billing portal, and tells others there is nothing to manage", async () => {
    const { api, tier, reader, T } = await withStripe();
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: reader.headers })).body).not.toContain('Manage or cancel your card payment');
    const none = await reader.post('/account/billing');
    expect(none.statusCode).toBe(409);
    expect(none.body).toContain('You have no card payment with us to manage');

    await deliver(
      app,
      stripeEvent(
        'customer.subscription.created',
        subscription({ id: 'sub_8', customer: 'cus_8', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
        T,
      ),
    );
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: reader.headers })).body).toContain('Manage or cancel your card payment');
    const res = await reader.post('/account/billing');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${api.url}/p/session/bps_test_1`);
    const sent = api.requests.find((r) => r.path === '/v1/billing_portal/sessions')!.form;
    expect(sent.get('customer')).toBe('cus_8');
    expect(sent.get('return_url')).toBe('https://news.example.test/account');
  });

  it('erasing an account cancels its subscription at Stripe first', async () => {
    const { api, tier, reader, T } = await withStripe();
    await deliver(
      app,
      stripeEvent(
        'customer.subscription.created',
        subscription({ id: 'sub_7', customer: 'cus_7', memberId: reader.member.id, tierId: tier.id, status: 'active', periodEnd: T + 30 * DAY }),
        T,
      ),
    );
    const res = await reader.post('/account/delete', { confirm: 'payer@example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your account is deleted');
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/subscriptions/sub_7')).toBe(true);
    expect(await app.services.members.findMember(reader.member.id)).toBeNull();
  });
});
