import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { HealthChecks } from './health-checks.js';
import type { Metrics } from './metrics.js';

export interface OperationsRouteDeps {
  health: HealthChecks;
  metrics: Metrics;
  /** Bearer token for /metrics; null: /metrics is refused to everyone (403). */
  metricsToken: string | null;
}

function sameToken(expected: string, header: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!given) return false;
  // Compare digests: equal lengths, and no timing hint about the token.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** /healthz, /readyz and /metrics: for the load balancer, the deploy script and Prometheus. Never cached. */
export function registerOperationsRoutes(deps: OperationsRouteDeps) {
  return (app: FastifyInstance) => {
    // Alive: the event loop answers. Says nothing about the database, so a balancer does not restart a healthy process.
    app.get('/healthz', async function showHealth(_req, reply) {
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    });

    // Ready: every dependency this process is configured with answers (503 with what failed, otherwise).
    app.get('/readyz', async function showReadiness(_req, reply) {
      const readiness = await deps.health.run();
      return reply
        .code(readiness.ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: readiness.ok ? 'ready' : 'not ready', checks: readiness.checks });
    });

    app.get('/metrics', async function showMetrics(req, reply) {
      if (!deps.metricsToken)
        return reply.code(403).header('cache-control', 'no-store').send({ error: 'metrics are off on this server: set METRICS_TOKEN to turn them on' });
      if (!sameToken(deps.metricsToken, req.headers.authorization)) {
        return reply
          .code(401)
          .header('cache-control', 'no-store')
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: 'metrics need the METRICS_TOKEN as a bearer token' });
      }
      const { body, contentType } = await deps.metrics.render();
      return reply.header('cache-control', 'no-store').header('content-type', contentType).send(body);
    });
  };
}
