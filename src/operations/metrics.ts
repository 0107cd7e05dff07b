import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A number read when Prometheus scrapes (pool use, queue depth): labels and value. */
export type GaugeReading = { labels?: Record<string, string>; value: number }[];

/**
 * The process's Prometheus metrics. The core owns it so any part can add a gauge read at scrape
 * time (`gauge(...)`: the database pool here; the jobs queue its depth and failures), and the web
 * shell records requests and the page cache. Exposed at /metrics (operations-routes.ts).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;

  constructor() {
    this.requests = new Counter({
      name: 'masthead_http_requests_total',
      help: 'Requests Fastify answered, by route pattern and status (page-cache hits are counted in masthead_page_cache_hits_total)',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'masthead_http_request_duration_seconds',
      help: 'Time from request to response, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  /**
   * A gauge (or, with `counter: true`, a monotonic total) whose value is read from `read` at each
   * scrape. This is the hook for parts that keep their own counts: nothing is copied on the hot path.
   */
  gauge(opts: { name: string; help: string; labelNames?: string[]; counter?: boolean; read: () => GaugeReading | Promise<GaugeReading> }): void {
    const { read } = opts;
    const common = { name: opts.name, help: opts.help, labelNames: opts.labelNames ?? [], registers: [this.registry] };
    if (opts.counter) {
      new Counter({
        ...common,
        async collect() {
          this.reset();
          for (const r of await read()) this.inc(r.labels ?? {}, r.value);
        },
      });
      return;
    }
    new Gauge({
      ...common,
      async collect() {
        this.reset();
        for (const r of await read()) this.set(r.labels ?? {}, r.value);
      },
    });
  }

  /** The text exposition format, and its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
