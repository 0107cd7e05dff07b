import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { S3Config } from './media/media-storage.js';

/** Typed, validated configuration. Parsed once at start from the environment. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  dataDir: string;
  /** Fill an empty database with the demo outlet on start. */
  demoContent: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Memory for the full-page cache, in bytes (0 turns it off). */
  pageCacheBytes: number;
  /** Redis for cross-process cache invalidation; null = this process only. */
  redisUrl: string | null;
  /** Called with purged surrogate keys (e.g. a CDN purge endpoint); null = none. */
  purgeWebhookUrl: string | null;
  /**
   * Whether to believe X-Forwarded-For: false (default, Masthead faces the internet), true (always
   * behind a proxy you run), a hop count, or comma-separated proxy addresses. Rate limits and
   * login lockouts count by the client address this yields, so a wrong setting lets clients pick it.
   */
  trustProxy: boolean | number | string;
  /** smtp://user:pass@host:587 for outgoing mail; null prints messages instead (development). */
  smtpUrl: string | null;
  /** The From address of mail the site sends. */
  mailFrom: string;
  /** Signs cookies. Null: a key is generated once and kept in DATA_DIR/secret.key (one server only). */
  secretKey: string | null;
  /** Stripe Checkout and webhooks; null when online payment is not set up (manual grants still work). */
  stripe: StripeConfig | null;
  /** Cookieless analytics (the view beacon). Absent means on; ANALYTICS=false turns it off. */
  analytics?: boolean;
  /** Bearer token Prometheus sends to /metrics (METRICS_TOKEN); absent or null: /metrics is not served. */
  metricsToken?: string | null;
  /** Newsletter sending (src/newsletters/). Absent: SMTP_URL at 10 messages a second, no DKIM. */
  newsletters?: NewsletterConfig;
  /** Whether `serve` runs a job worker in its process (WORKER=off: this server only enqueues; run `masthead worker` elsewhere). Absent means on. */
  worker?: boolean;
  /** Images in an S3-compatible bucket every app server shares (S3_URL and friends); absent or null: DATA_DIR/media on this server's disk. */
  s3?: S3Config | null;
}

export interface NewsletterConfig {
  /** Bulk mail server; null falls back to SMTP_URL (and printing when that is unset too). */
  smtpUrl: string | null;
  /** Messages per second at most (NEWSLETTER_RATE). */
  rate: number;
  /** SMTP connections kept open (NEWSLETTER_CONNECTIONS). */
  connections: number;
  /** How long a sender's hold on an issue lasts unrenewed: after a crash, another process resumes the send this long after (NEWSLETTER_LEASE_SECONDS). */
  leaseMs: number;
  /** DKIM signing with a key from NEWSLETTER_DKIM_KEY_FILE; null = unsigned (the server may sign). */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

export interface StripeConfig {
  secretKey: string;
  /** whsec_… from the webhook endpoint's settings in the Stripe dashboard. */
  webhookSecret: string;
  /** Where the Stripe API is; only for stripe-mock or a test double (default: Stripe's servers). */
  apiUrl: string | null;
}

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; /** Schema for Masthead's tables (search_path); unset = the server's default (public). */ schema?: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be true or false' }).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://news.example.org' }).optional(),
  DATABASE_URL: z.string().min(1, 'must not be empty').default('sqlite:./data/masthead.db'),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a PostgreSQL schema name: lower-case letters, digits and _')
    .optional(),
  DEMO_CONTENT: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  PAGE_CACHE_MB: z.coerce.number({ error: 'must be a number of megabytes' }).min(0, 'must be 0 or more').max(65536).default(64),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL such as redis://127.0.0.1:6379' }).optional(),
  PURGE_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+)$/, 'must be true, false, a number of proxy hops, or proxy addresses such as 10.0.0.1,10.0.0.2')
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587' }).optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (for example: openssl rand -hex 16)').optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)').optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_live_… or sk_test_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ANALYTICS: bool.default(true),
  NEWSLETTER_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  NEWSLETTER_RATE: z.coerce.number({ error: 'must be a number of messages per second' }).positive('must be more than 0').max(10_000).default(10),
  NEWSLETTER_CONNECTIONS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(50).default(5),
  NEWSLETTER_LEASE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  NEWSLETTER_DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as news.example.org')
    .optional(),
  NEWSLETTER_DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, 'must be a DKIM selector such as mail2026')
    .optional(),
  NEWSLETTER_DKIM_KEY_FILE: z.string().min(1).optional(),
  WORKER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  S3_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) address of an S3-compatible server, such as https://s3.eu-central-1.amazonaws.com' })
    .optional(),
  // S3's own bucket naming rules (virtual-host style is never used, but every provider enforces them).
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and dashes')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1, 'must not be empty').optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1, 'must not be empty').optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-east-1')
    .default('us-east-1'),
});

const S3_VARIABLES = ['S3_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** Parses `DATABASE_URL`: `sqlite:<path>` or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(value: string, cwd: string): DatabaseConfig | string {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) return 'sqlite: needs a file path, e.g. sqlite:./data/masthead.db';
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      return 'is not a valid postgres:// URL';
    }
    return { dialect: 'postgres', url: value };
  }
  return 'must start with sqlite: or postgres:// (e.g. sqlite:./data/masthead.db)';
}

/** Hides the password in a URL before it is printed. */
export function redactUrl(value: string): string {
  return value.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** Reads and validates configuration; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const name = String(i.path[0]);
      problems.push(`${name}: ${i.message} (got ${JSON.stringify(redactUrl(String(env[name] ?? '')))})`);
    }
  }
  const rawDatabaseUrl = env.DATABASE_URL ?? 'sqlite:./data/masthead.db';
  const database = rawDatabaseUrl ? parseDatabaseUrl(rawDatabaseUrl, cwd) : 'must not be empty';
  if (typeof database === 'string' && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push(`DATABASE_URL: ${database} (got ${JSON.stringify(redactUrl(rawDatabaseUrl))})`);
  }
  if (parsed.success && parsed.data.DATABASE_SCHEMA && typeof database === 'object' && database.dialect !== 'postgres') {
    problems.push('DATABASE_SCHEMA: only applies to a postgres:// DATABASE_URL');
  }
  if (parsed.success && Boolean(parsed.data.STRIPE_SECRET_KEY) !== Boolean(parsed.data.STRIPE_WEBHOOK_SECRET)) {
    problems.push('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: set both to take payments through Stripe, or neither');
  }
  if (parsed.success) {
    const missing = S3_VARIABLES.filter((name) => !parsed.data[name]);
    if (missing.length > 0 && missing.length < S3_VARIABLES.length)
      problems.push(`${missing.join(', ')}: media on S3 needs all of ${S3_VARIABLES.join(', ')} (leave all unset to keep images in DATA_DIR/media)`);
  }
  let dkimKey: string | null = null;
  if (parsed.success) {
    const d = parsed.data;
    const set = [d.NEWSLETTER_DKIM_DOMAIN, d.NEWSLETTER_DKIM_SELECTOR, d.NEWSLETTER_DKIM_KEY_FILE].filter(Boolean).length;
    if (set !== 0 && set !== 3)
      problems.push('NEWSLETTER_DKIM_DOMAIN, NEWSLETTER_DKIM_SELECTOR and NEWSLETTER_DKIM_KEY_FILE: set all three to sign newsletters, or none');
    if (set === 3) {
      try {
        dkimKey = fs.readFileSync(path.resolve(cwd, d.NEWSLETTER_DKIM_KEY_FILE!), 'utf8');
        if (!dkimKey.includes('PRIVATE KEY')) problems.push('NEWSLETTER_DKIM_KEY_FILE: is not a PEM private key');
      } catch {
        problems.push(`NEWSLETTER_DKIM_KEY_FILE: cannot read ${JSON.stringify(d.NEWSLETTER_DKIM_KEY_FILE)}`);
      }
    }
  }
  if (!parsed.success || typeof database === 'string' || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? (database.dialect === 'sqlite' && database.file !== ':memory:' ? path.dirname(database.file) : './data'));
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: database.dialect === 'postgres' && e.DATABASE_SCHEMA ? { ...database, schema: e.DATABASE_SCHEMA } : database,
    dataDir,
    demoContent: e.DEMO_CONTENT,
    logLevel: e.LOG_LEVEL,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    redisUrl: e.REDIS_URL ?? null,
    purgeWebhookUrl: e.PURGE_WEBHOOK_URL ?? null,
    secretKey: e.SECRET_KEY ?? null,
    trustProxy:
      e.TRUST_PROXY === undefined || e.TRUST_PROXY === 'false'
        ? false
        : e.TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(e.TRUST_PROXY)
            ? Number(e.TRUST_PROXY)
            : e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? `Masthead <no-reply@${new URL(publicUrl).hostname}>`,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL ?? null }
        : null,
    analytics: e.ANALYTICS,
    metricsToken: e.METRICS_TOKEN ?? null,
    newsletters: {
      smtpUrl: e.NEWSLETTER_SMTP_URL ?? null,
      rate: e.NEWSLETTER_RATE,
      connections: e.NEWSLETTER_CONNECTIONS,
      leaseMs: e.NEWSLETTER_LEASE_SECONDS * 1000,
      dkim: dkimKey ? { domainName: e.NEWSLETTER_DKIM_DOMAIN!, keySelector: e.NEWSLETTER_DKIM_SELECTOR!, privateKey: dkimKey } : null,
    },
    worker: e.WORKER === 'on',
    s3:
      e.S3_URL && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            url: e.S3_URL.replace(/\/+$/, ''),
            bucket: e.S3_BUCKET,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            region: e.S3_REGION,
          }
        : null,
  };
}
