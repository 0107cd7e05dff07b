import type { ReaderProblem } from '../i18n/reader-problem.js';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ZodError } from 'zod';
import type { Asset } from './assets.js';
import { HttpError } from './errors.js';
import { readerLanguage, stripLanguagePrefix } from './language-prefix.js';
import { etagFor, matchesEtag, type PageCache } from './page-cache.js';
import { serveAssets } from './static-assets.js';

export interface MessagePageRenderer {
  /** `language`: the reader's (from the URL prefix), null for the default; `what` names what a 404 could not find. */
  (page: { status: number; title: string; message: string; language: string | null; what?: string; problem?: ReaderProblem }): Promise<string>;
}

export interface HttpServerOptions {
  logLevel: string;
  /** See Config.trustProxy. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  stylesheet: Asset;
  /** More public assets (islands' scripts and styles), content-hashed and immutable. */
  assets: Asset[];
  /** Full-page cache for logged-out readers, consulted before routing. */
  pageCache: PageCache;
  renderMessagePage: MessagePageRenderer;
  /** Signs cookies (staff and member sessions, the admin's CSRF secret). */
  cookieSecret: string;
  /** Other origins our forms redirect to (Stripe Checkout and its billing portal, when configured). */
  formActionOrigins: string[];
  /** Outside script origins the outlet configured (privacy settings); empty by default. Read per request, cached by the caller. */
  scriptOrigins?: () => Promise<string[]>;
  /** Each domain's `register…Routes`, called in order. */
  routes: ((app: FastifyInstance) => void)[];
  /**
   * Handlers that run in the node:http listener after the page cache and before Fastify (the view
   * beacon): each returns true when it answered. Cheap URL checks only: every cache miss passes them.
   */
  early?: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
  /**
   * Asked before the 404 page, for GET and HEAD requests no route matched (static pages, redirects
   * from old addresses): each returns true when it answered. Only misses pay for them.
   */
  missing?: ((req: FastifyRequest, reply: FastifyReply) => Promise<boolean>)[];
  /** Counts each request Fastify answers, by route pattern and status, with its latency. */
  metrics?: {
    requests: { inc(labels: { method: string; route: string; status: string }): void };
    latency: { observe(labels: { method: string; route: string }, seconds: number): void };
  };
  /**
   * Reader pages in other languages, under `/<code>/` (http/language-prefix.ts). `prefixes`: the codes
   * that may be taken off at all (the catalog languages); `check`: per request, whether the outlet
   * publishes in that language ('other'), serves it at the root ('default': redirect there), or not at all.
   */
  languages?: { prefixes: readonly string[]; check: (language: string) => Promise<'other' | 'default' | 'none'> };
}

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<Compilers['buildValidator']>;
type SerializerFactory = NonNullable<Compilers['buildSerializer']>;
// Fastify's own schema compilers, resolved from where Fastify itself would resolve them.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
let lazyValidator: ValidatorFactory | null = null;
let lazySerializer: SerializerFactory | null = null;
const schemaCompilers: Compilers = {
  buildValidator: (...args) => (lazyValidator ??= (fastifyRequire('@fastify/ajv-compiler') as () => ValidatorFactory)())(...args),
  buildSerializer: (...args) => (lazySerializer ??= (fastifyRequire('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)())(...args),
};

/** A proxy's request id is kept when it looks like one (no spaces or control characters, short); otherwise we make our own. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, as registered: the reprint-policy test walks this so no output slips past. */
    routeList: { method: string; url: string }[];
  }
}

/**
 * `formActions`: origins a form on our pages may end up at (browsers check form-action on the redirect too).
 * `scripts`: outside origins the outlet configured scripts from (loaded only after consent); they may also
 * fetch, show images and frames from their own origin. None by default: then only 'self'.
 */
function securityHeaders(formActions: string[], scripts: string[] = []) {
  const self = (...extra: string[]) => ["'self'", ...extra].join(' ');
  const outside = scripts.length ? `; connect-src ${self(...scripts)}; frame-src ${self(...scripts)}` : '';
  return {
    'content-security-policy': `default-src 'self'; img-src ${self('data:', ...scripts)}; style-src 'self'; script-src ${self(...scripts)}; object-src 'none'; base-uri 'self'; form-action ${self(...formActions)}; frame-ancestors 'self'${outside}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'SAMEORIGIN',
    'permissions-policy': 'browsing-topics=(), interest-cohort=()',
  };
}

const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');

/** Fastify's own refusals, in our words: what was wrong and what to do instead. */
const FRAMEWORK_MESSAGES: Record<string, { status: number; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    message: 'This address is not valid: it has a % that is not followed by two hexadecimal digits. Check the link, or go to the front page.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    message: 'This address does not accept that kind of content. Send a form (application/x-www-form-urlencoded or multipart/form-data) or JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'The request body is not as long as its Content-Length header says.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'The request is too large for this address. Shorten the text or send a smaller file.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'The request says it is JSON but its body is empty.' },
};

/**
 * A bad query or form field on a reader page, in the reader's words: the page number (the one parameter readers
 * edit by hand, in a listing's address) by name; anything else as a bad address or form.
 */
function requestProblem(err: ZodError): ReaderProblem {
  return err.issues[0]?.path[0] === 'page' ? { code: 'problem.request.page' } : { code: 'problem.request' };
}

/** A 4xx message that names the problem, from the kinds of errors a request can cause. */
function describeClientError(err: unknown): { status: number; message: string } | null {
  if (err instanceof HttpError) return { status: err.statusCode, message: err.message };
  if (err instanceof ZodError) {
    return { status: 400, message: err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') };
  }
  const e = err as { statusCode?: number; message?: string; code?: string };
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, message: 'This form has expired or did not come from this site. Reload the page and try again.' };
  }
  const framework = e.code ? FRAMEWORK_MESSAGES[e.code] : undefined;
  if (framework) return framework;
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's other client errors (bad JSON, body too large, unsupported media type) have safe, specific messages.
    return { status: e.statusCode, message: e.message ?? 'Bad request' };
  }
  return null;
}

/** The HTTP shell: security headers, errors as pages (never stack traces), static assets, then the domains' routes. */
export function buildHttpServer(opts: HttpServerOptions): FastifyInstance {
  const cache = opts.pageCache;
  const early = opts.early ?? [];
  const routeList: { method: string; url: string }[] = [];
  // The purge counter when each request arrived: a page rendered across a purge is not stored.
  const generations = new WeakMap<IncomingMessage, number>();
  const app = Fastify({
    // Cache hits are answered here, before Fastify routes the request: this is what keeps a cached
    // article near the speed of a bare node:http server.
    serverFactory: (handler) =>
      http.createServer((req, res) => {
        if (cache.serve(req, res)) return;
        for (const answer of early) if (answer(req, res)) return;
        generations.set(req, cache.generation());
        handler(req, res);
      }),
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    trustProxy: opts.trustProxy,
    // One log line per request costs throughput on the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Every log line of a request carries its id (pino's reqId); the proxy's X-Request-Id when it sent a sane one.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Fastify builds its JSON-schema validator and serializer (ajv, fast-json-stringify) when the server is
    // made, a large part of start-up. No route declares a Fastify schema (input is checked with zod), so
    // they are loaded only if one ever does.
    schemaController: { compilersFactory: schemaCompilers },
    ...(opts.languages ? { rewriteUrl: (req: IncomingMessage) => stripLanguagePrefix(req, opts.languages!.prefixes) } : {}),
    // A URL the router cannot decode (`/%`, `/a/%zz`) never reaches a route: answer it like any other bad request.
    frameworkErrors: (err, req, reply) => {
      void sendError(err, req, reply);
    },
  });

  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeList.push({ method, url: r.url });
  });

  // Plain HTML forms (the no-JavaScript paths readers and editors use) post urlencoded bodies.
  void app.register(fastifyFormbody, { bodyLimit: 2 * 1024 * 1024 });
  // At the root, so both the admin scope and readers' account pages read the same signed cookies.
  void app.register(fastifyCookie, { secret: opts.cookieSecret });

  const metrics = opts.metrics;
  if (metrics) {
    app.addHook('onResponse', (req, reply, done) => {
      // The route's pattern, never the raw URL: one series per route, whatever readers type.
      const route = req.routeOptions.url ?? 'unmatched';
      metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      metrics.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
      done();
    });
  }

  const headers = securityHeaders(opts.formActionOrigins);
  let withScripts: { key: string; headers: ReturnType<typeof securityHeaders> } | null = null;
  const setSecurityHeaders = (reply: FastifyReply, origins: string[]) => {
    if (!origins.length) return void reply.headers(headers);
    const key = origins.join(' ');
    if (withScripts?.key !== key) withScripts = { key, headers: securityHeaders(opts.formActionOrigins, origins) };
    reply.headers(withScripts.headers);
  };
  // The request id, then the security headers, in one callback-style hook: every request Fastify routes
  // (each cache miss) passes here, and an async hook per header costs a promise and a turn each.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    if (!opts.scriptOrigins) {
      setSecurityHeaders(reply, []);
      return done();
    }
    opts.scriptOrigins().then(
      (origins) => {
        setSecurityHeaders(reply, origins);
        done();
      },
      (err: Error) => done(err),
    );
  });

  if (opts.languages) {
    const check = opts.languages.check;
    app.addHook('onRequest', async (req, reply) => {
      const language = readerLanguage(req);
      if (!language) return;
      const known = await check(language);
      if (known === 'none') throw new HttpError(404, 'There is no page at this address. It may have moved, or the link may be mistyped.');
      // The default language lives at the root: one address per page.
      if (known === 'default') return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(req.url);
    });
  }

  app.addHook('onSend', async (req, reply, payload) => {
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (!cacheControl.startsWith('public')) return payload;
    if (!cache.isShareable(req.raw)) {
      // A personal request (session cookie, Authorization) must never land in a shared cache downstream.
      reply.header('cache-control', 'private, no-store');
      return payload;
    }
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = etagFor(body);
    reply.header('etag', etag).header('vary', 'Accept-Encoding').header('x-cache', 'MISS');
    const keys = String(reply.getHeader('surrogate-key') ?? '')
      .split(' ')
      .filter(Boolean);
    if (keys.length) {
      // The address the reader asked for (with its language prefix), not the rewritten one.
      cache.store({
        url: (req.raw as { originalUrl?: string }).originalUrl ?? req.raw.url ?? req.url,
        generation: generations.get(req.raw) ?? -1,
        headers: reply.getHeaders() as OutgoingHttpHeaders,
        body,
        keys,
      });
    }
    const inm = req.headers['if-none-match'];
    if (inm && matchesEtag(inm, etag)) {
      reply.code(304);
      return '';
    }
    // The bytes just made, so node:http does not encode a string payload again.
    return body;
  });

  async function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
    const client = describeClientError(err);
    if (!client) req.log.error({ err }, 'request failed');
    const status = client?.status ?? 500;
    const message = client?.message ?? 'Something went wrong on our side. Please try again in a moment.';
    reply.code(status).header('cache-control', 'no-store');
    // Framework errors can arrive before the onRequest hooks that set the security headers.
    if (!reply.getHeader('content-security-policy')) reply.headers(headers);
    if (wantsJson(req)) return reply.send({ error: message });
    const title = status === 404 ? 'Page not found' : status < 500 ? 'That request did not work' : 'Server error';
    const what = err instanceof HttpError ? err.what : undefined;
    // A reader page says a bad query or form field in the reader's language (the parameter names are code, and the
    // zod wording English, so neither is shown there); the admin (English) and the JSON answer above keep the detail.
    const reader = !req.url.startsWith('/admin');
    const csrf = (err as { code?: string }).code;
    const problem: ReaderProblem | undefined =
      err instanceof ZodError && reader
        ? requestProblem(err)
        : err instanceof HttpError
          ? err.problem
          : csrf === 'FST_CSRF_INVALID_TOKEN' || csrf === 'FST_CSRF_MISSING_SECRET'
            ? { code: 'problem.formExpired' }
            : undefined;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        await opts.renderMessagePage({ status, title, message, language: readerLanguage(req), ...(what ? { what } : {}), ...(problem ? { problem } : {}) }),
      );
  }
  app.setErrorHandler(async (err, req, reply) => sendError(err, req, reply));

  app.setNotFoundHandler(async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      for (const answer of opts.missing ?? []) if (await answer(req, reply)) return reply;
    }
    reply.code(404).header('cache-control', 'public, max-age=60');
    const message = 'There is no page at this address. It may have moved, or the link may be mistyped.';
    if (wantsJson(req)) return reply.send({ error: 'not found' });
    // /uk/no-such-thing is not a prefixed page, but its reader reads Ukrainian: say "not found" in it.
    const first = /^\/([a-z]{2,3})(?:[/?#]|$)/.exec(req.url)?.[1];
    const asked = first && opts.languages?.prefixes.includes(first) && (await opts.languages.check(first)) === 'other' ? first : null;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(await opts.renderMessagePage({ status: 404, title: 'Page not found', message, language: readerLanguage(req) ?? asked }));
  });

  serveAssets(app, [opts.stylesheet, ...opts.assets]);

  for (const register of opts.routes) register(app);
  return app;
}
