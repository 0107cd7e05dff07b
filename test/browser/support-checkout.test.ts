import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { memberClient } from '../support/members.js';
import { deliver, startFakeStripeApi, STRIPE_TEST_CONFIG, stripeEvent, subscription } from '../support/stripe.js';

describe.skipIf(!browserAvailable)('paying by card in Chromium (Stripe stood in for)', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let api: Awaited<ReturnType<typeof startFakeStripeApi>>;

  beforeAll(async () => {
    api = await startFakeStripeApi();
    app = await buildApp({ config: { stripe: { ...STRIPE_TEST_CONFIG, apiUrl: api.url } } });
    const tier = await app.services.patrons.saveTier(
      null,
      { name: 'Coffee', description: 'A coffee a month.', monthlyPrice: 450, yearlyPrice: 4500, currency: 'EUR', voteWeight: 1, position: 0 },
      { now: app.clock(), actor: null },
    );
    if (!tier.ok) throw new Error(tier.message);
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await api?.close();
  });

  it('a signed-in reader picks a tier and reaches Checkout; a paying patron reaches the billing portal', async () => {
    const reader = await memberClient(app, { email: 'card@example.org' });
    const context = await browser.newContext();
    const [name, value] = reader.cookie.split(/=(.*)/s);
    await context.addCookies([{ name: name!, value: value!, url: origin }]);
    const page = await context.newPage();
    await page.goto(`${origin}/support`);
    await page.getByRole('button', { name: '€4.50 a month' }).click();
    // The page's CSP must let the form's redirect leave for Stripe, or the browser stops it here.
    await page.waitForURL(`${api.url}/c/pay/cs_test_1`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Stand-in for Stripe: Checkout');
    expect(api.requests.find((r) => r.path === '/v1/checkout/sessions')!.form.get('line_items[0][price_data][recurring][interval]')).toBe('month');

    const T = Math.floor(app.clock().getTime() / 1000);
    const [tier] = await app.services.patrons.listTiers();
    await deliver(
      app,
      stripeEvent(
        'customer.subscription.created',
        subscription({ id: 'sub_b1', customer: 'cus_b1', memberId: reader.member.id, tierId: tier!.id, status: 'active', periodEnd: T + 30 * 86_400 }),
        T,
      ),
    );
    await page.goto(`${origin}/account`);
    await expect(page.getByText('You are a patron (Coffee)').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Manage or cancel your card payment' }).click();
    await page.waitForURL(`${api.url}/p/session/bps_test_1`);
    await context.close();
  });
});
