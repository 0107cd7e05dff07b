import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { App } from '../../src/main.js';

export const STRIPE_TEST_CONFIG = { secretKey: 'sk_test_masthead0123456789', webhookSecret: 'whsec_masthead_test_secret_0123456789' };

/**
 * Stands in for Stripe's API servers, which tests cannot reach: records each request our code makes
 * through the real `stripe` library and answers with the fields we read.
 */
export async function startFakeStripeApi(opts: { fail?: boolean } = {}) {
  const requests: { method: string; path: string; form: URLSearchParams }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, path: req.url!, form: new URLSearchParams(body) });
      res.setHeader('content-type', 'application/json');
      if (opts.fail) {
        res.statusCode = 500;
        return res.end(JSON.stringify({ error: { type: 'api_error', message: 'test outage' } }));
      }
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        return res.end(JSON.stringify({ id: 'cs_test_1', object: 'checkout.session', url: `${origin()}/c/pay/cs_test_1` }));
      }
      if (req.method === 'POST' && req.url === '/v1/billing_portal/sessions') {
        return res.end(JSON.stringify({ id: 'bps_test_1', object: 'billing_portal.session', url: `${origin()}/p/session/bps_test_1` }));
      }
      // The pages Checkout and the portal would show, so a browser test can land on them.
      if (req.method === 'GET' && /^\/(c\/pay|p\/session)\//.test(req.url ?? '')) {
        res.setHeader('content-type', 'text/html');
        return res.end(
          `<!doctype html><title>Stand-in for Stripe</title><h1>Stand-in for Stripe: ${req.url!.startsWith('/c/') ? 'Checkout' : 'billing portal'}</h1>`,
        );
      }
      const cancel = /^\/v1\/subscriptions\/(sub_\w+)$/.exec(req.url ?? '');
      if (req.method === 'DELETE' && cancel) return res.end(JSON.stringify({ id: cancel[1], object: 'subscription', status: 'canceled' }));
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `no route ${req.method} ${req.url}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  function origin() {
    return `http://127.0.0.1:${port}`;
  }
  return { url: origin(), requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let sequence = 0;

/** A Stripe event as Stripe would send it, created at `created` (seconds). */
export function stripeEvent(type: string, object: Record<string, unknown>, created: number, id = `evt_test_${++sequence}`) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Posts an event to the app's webhook, signed with the library's own test helper (or a wrong secret). */
export function deliver(app: App, event: object, opts: { secret?: string; signedAt?: number; header?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const signedAt = opts.signedAt ?? Math.floor(app.clock().getTime() / 1000);
  const header =
    opts.header === undefined
      ? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_TEST_CONFIG.webhookSecret, timestamp: signedAt })
      : opts.header;
  return app.http.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    payload,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(header === null ? {} : { 'stripe-signature': header }) },
  });
}

export function subscription(opts: { id: string; customer: string; memberId?: number; tierId?: number; status: string; periodEnd: number; endedAt?: number }) {
  return {
    id: opts.id,
    object: 'subscription',
    customer: opts.customer,
    status: opts.status,
    ended_at: opts.endedAt ?? null,
    canceled_at: opts.endedAt ?? null,
    metadata: { ...(opts.memberId ? { member_id: String(opts.memberId) } : {}), ...(opts.tierId ? { tier_id: String(opts.tierId) } : {}) },
    items: { object: 'list', data: [{ id: `si_${opts.id}`, object: 'subscription_item', current_period_end: opts.periodEnd }] },
  };
}

export function invoice(opts: { subscription: string; periodEnd: number }) {
  return {
    id: `in_${opts.subscription}_${opts.periodEnd}`,
    object: 'invoice',
    parent: { type: 'subscription_details', subscription_details: { subscription: opts.subscription } },
    lines: { object: 'list', data: [{ id: 'il_1', object: 'line_item', period: { start: opts.periodEnd - 30 * 86400, end: opts.periodEnd } }] },
  };
}
