import type { InvalidationBus } from './cache/invalidation-bus.js';
import type { TableJobQueue } from './jobs/table-queue.js';
import type { MediaStorage } from './media/media-storage.js';
import { HealthChecks } from './operations/health-checks.js';
import { Metrics } from './operations/metrics.js';
import type { DatabaseHandle } from './store/db.js';

// The operations wiring of createCore (src/core.ts): what /health checks and what /metrics reports.

/** The readiness checks: the database always, Redis and S3 when this server uses them. */
export function wireHealthChecks(parts: {
  database: DatabaseHandle;
  invalidation: InvalidationBus;
  mediaStorage: MediaStorage;
  redis: boolean;
  s3: boolean;
}): HealthChecks {
  const health = new HealthChecks();
  health.register('database', () => parts.database.ping());
  if (parts.redis) {
    health.register('redis', async () => {
      if (!parts.invalidation.isUp()) throw new Error('not reachable: serving with short cache lifetimes until it returns');
    });
  }
  if (parts.s3) health.register('s3', () => parts.mediaStorage.ping());
  return health;
}

/** The gauges: database pool, job queue and failures, and the invalidation link. */
export function wireMetrics(parts: { database: DatabaseHandle; jobs: TableJobQueue; invalidation: InvalidationBus }): Metrics {
  const metrics = new Metrics();
  metrics.gauge({
    name: 'masthead_db_pool_connections',
    help: 'PostgreSQL pool connections by state (waiting: callers queued for a connection); absent on SQLite',
    labelNames: ['state'],
    read: () => {
      const p = parts.database.pool();
      return p
        ? [
            { labels: { state: 'total' }, value: p.total },
            { labels: { state: 'idle' }, value: p.idle },
            { labels: { state: 'waiting' }, value: p.waiting },
          ]
        : [];
    },
  });
  metrics.gauge({
    name: 'masthead_jobs',
    help: 'Jobs in the queue by state (read from the shared jobs table: the same on every node)',
    labelNames: ['state'],
    read: async () => Object.entries(await parts.jobs.counts()).map(([state, value]) => ({ labels: { state }, value })),
  });
  metrics.gauge({
    name: 'masthead_job_failures_total',
    help: 'Failed job attempts in this process since start, by job name (retried or dead)',
    labelNames: ['name'],
    counter: true,
    read: () => [...parts.jobs.failureCounts()].map(([name, value]) => ({ labels: { name }, value })),
  });
  metrics.gauge({
    name: 'masthead_invalidation_link_up',
    help: '1 while purges from other servers can reach this one (always 1 without Redis)',
    read: () => [{ value: parts.invalidation.isUp() ? 1 : 0 }],
  });
  return metrics;
}
