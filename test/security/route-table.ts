/**
 * Who may use each route, and how each state-changing route is protected from cross-site requests:
 * ONE line per route, read by the authorization and CSRF matrix tests. The tests enumerate the
 * routes from the router, so a new route without a line here fails them.
 *
 * To add a route: one line, `'METHOD /path/:param': { allow: WHO, csrf: … }`. HEAD routes follow
 * their GET line. `csrf` is required on POST/PUT/PATCH/DELETE: 'token' (refused without the form
 * token), or `{ exempt: why }` when a forged request can do nothing (say why).
 */

export const IDENTITIES = ['anonymous', 'reader', 'patron', 'contributor', 'writer', 'editor', 'admin', 'owner', 'partner key', 'expired session'] as const;
export type Identity = (typeof IDENTITIES)[number];

export const EVERYONE: readonly Identity[] = IDENTITIES;
export const STAFF: readonly Identity[] = ['contributor', 'writer', 'editor', 'admin', 'owner'];
export const EDITORS: readonly Identity[] = ['editor', 'admin', 'owner'];
export const ADMINS: readonly Identity[] = ['admin', 'owner'];
export const MEMBERS: readonly Identity[] = ['reader', 'patron'];
export const PATRONS: readonly Identity[] = ['patron'];

/**
 * `own`: the route has its own token, bound to a cookie that only the page carrying its form sets
 * (the sign-in link). The matrix checks that no token and a forged one are refused; the reason names
 * the test that sends the real one, which the matrix cannot mint.
 */
export type CsrfRule = 'token' | { exempt: string } | { gap: string } | { own: string };

export interface RouteRule {
  /** Who gets past authorization; everyone else must get 401, 403 or a redirect to a sign-in page. */
  allow: readonly Identity[];
  /** For state-changing routes: how a cross-site request is refused. */
  csrf?: CsrfRule;
  /** For routes whose answer to a permitted request is itself a 401 (a wrong password): any non-5xx answer counts. */
  anyAnswer?: string;
}

const ANONYMOUS_FORM = 'no session gives it any authority: a forged post does only what the attacker could send directly (rate-limited per IP)';

export const ROUTES: Record<string, RouteRule> = {
  // Reader pages, feeds and files: open to all.
  'GET /': { allow: EVERYONE },
  'GET /.well-known/tdmrep.json': { allow: EVERYONE },
  'GET /articles/:slug': { allow: EVERYONE },
  'GET /articles/:slug/report': { allow: EVERYONE },
  'GET /atom.xml': { allow: EVERYONE },
  'GET /authors/:slug': { allow: EVERYONE },
  'GET /corrections': { allow: EVERYONE },
  'GET /corrections/feed.xml': { allow: EVERYONE },
  'GET /feed.json': { allow: EVERYONE },
  'GET /feed.xml': { allow: EVERYONE },
  'GET /media/:hash/:file': { allow: EVERYONE },
  'GET /news-sitemap.xml': { allow: EVERYONE },
  'GET /oembed': { allow: EVERYONE },
  'GET /privacy': { allow: EVERYONE },
  'GET /search': { allow: EVERYONE },
  'GET /api/v1/search': { allow: EVERYONE },
  'GET /api/v1/search/suggest': { allow: EVERYONE },
  'GET /cookies': { allow: EVERYONE },
  'GET /reprint-policy': { allow: EVERYONE },
  'GET /republish': { allow: EVERYONE },
  'GET /republish/pixel/:articleId.gif': { allow: EVERYONE },
  'GET /favicon.ico': { allow: EVERYONE },
  'GET /apple-touch-icon.png': { allow: EVERYONE },
  'GET /icon-192.png': { allow: EVERYONE },
  'GET /icon-512.png': { allow: EVERYONE },
  'GET /site.webmanifest': { allow: EVERYONE },
  'GET /robots.txt': { allow: EVERYONE },
  // Operations: the balancer's and Prometheus's. /metrics needs METRICS_TOKEN (403 when unset, as in these tests).
  'GET /healthz': { allow: EVERYONE },
  'GET /readyz': { allow: EVERYONE },
  'GET /metrics': { allow: [], anyAnswer: 'needs the METRICS_TOKEN bearer token, which no identity here holds: 403 while unset, 401 without it' },
  'GET /sections/:slug': { allow: EVERYONE },
  'GET /sitemap.xml': { allow: EVERYONE },
  'GET /sitemaps/:chunk': { allow: EVERYONE },
  'GET /sitemaps/pages.xml': { allow: EVERYONE },
  'GET /support': { allow: EVERYONE },
  'GET /support/thanks': { allow: EVERYONE },
  'GET /tags/:slug': { allow: EVERYONE },
  'GET /topics': { allow: EVERYONE },
  'GET /topics/:id': { allow: EVERYONE },

  // Reader forms that need no account.
  'POST /articles/:slug/report': { allow: EVERYONE, csrf: { exempt: ANONYMOUS_FORM } },
  'GET /newsletters': { allow: EVERYONE },
  'POST /newsletters/subscribe': {
    allow: EVERYONE,
    csrf: { exempt: ANONYMOUS_FORM + '; a forged signup only triggers a confirmation mail, limited per address' },
  },
  'GET /newsletters/confirm/:token': { allow: EVERYONE },
  'POST /newsletters/confirm/:token': {
    allow: EVERYONE,
    csrf: { exempt: 'the secret token in the URL is the whole authority; a forger who has it could confirm anyway' },
  },
  'GET /newsletters/unsubscribe/:token': { allow: EVERYONE },
  'POST /newsletters/unsubscribe/:token': {
    allow: EVERYONE,
    csrf: { exempt: 'RFC 8058 one-click: mail clients POST without cookies; the secret token is the authority' },
  },
  'GET /newsletters/:slug/:number': { allow: EVERYONE },
  'GET /newsletters/open/:issue/pixel.gif': { allow: EVERYONE },
  'GET /newsletters/click/:issue/:link': { allow: EVERYONE },
  'GET /account/newsletters': { allow: MEMBERS },
  'POST /account/newsletters': { allow: MEMBERS, csrf: 'token' },
  'POST /api/v1/corrections': { allow: EVERYONE, csrf: { exempt: ANONYMOUS_FORM } },
  'POST /republish': { allow: EVERYONE, csrf: { exempt: ANONYMOUS_FORM } },
  // Ads: creatives, the click redirect and the impression beacon count only aggregates, per campaign and day.
  'GET /ads/click/:id': { allow: EVERYONE },
  'GET /ads/creative/:hash/:file': { allow: EVERYONE },
  'POST /ads/impression': { allow: EVERYONE, csrf: { exempt: ANONYMOUS_FORM } },
  'POST /webhooks/stripe': { allow: EVERYONE, csrf: { exempt: 'Stripe signs every delivery (stripe-signature over the raw body); cookies play no part' } },

  // Reader accounts.
  'GET /account': { allow: MEMBERS },
  'GET /account/export': { allow: MEMBERS },
  'GET /account/sign-in': { allow: EVERYONE },
  'GET /account/sign-in/:token': { allow: EVERYONE },
  'POST /account/sign-in': { allow: EVERYONE, csrf: { exempt: 'asks for a link by email: only the mailbox owner can use it, and no session is read' } },
  'POST /account/sign-in/:token': {
    allow: EVERYONE,
    anyAnswer: "without the link page's signed nonce cookie every caller is refused; the emailed link is the authority",
    csrf: { own: 'signed mh_signin nonce cookie + form token; the real flow and cross-site refusals are in test/membership/sign-in.test.ts' },
  },
  'POST /account/name': { allow: MEMBERS, csrf: 'token' },
  'POST /account/sign-out': { allow: MEMBERS, csrf: 'token' },
  'POST /account/sign-out-everywhere': { allow: MEMBERS, csrf: 'token' },
  'POST /account/billing': { allow: MEMBERS, csrf: 'token' },
  'POST /account/delete': { allow: MEMBERS, csrf: 'token' },
  'POST /support/checkout': { allow: MEMBERS, csrf: 'token' },

  // Topics: patrons propose and vote.
  'POST /topics': { allow: PATRONS, csrf: 'token' },
  'POST /topics/:id/votes': { allow: PATRONS, csrf: 'token' },
  'POST /topics/:id/votes/withdraw': { allow: PATRONS, csrf: 'token' },

  // The public API. Partner keys unlock full text; nothing here is closed to anyone.
  'GET /api/v1/articles': { allow: EVERYONE },
  'GET /api/v1/articles/:slug': { allow: EVERYONE },
  'GET /api/v1/openapi.json': { allow: EVERYONE },
  'GET /api/v1/topics': { allow: EVERYONE },
  'POST /api/v1/topics': { allow: PATRONS, csrf: 'token' },
  'POST /api/v1/topics/:id/votes': { allow: PATRONS, csrf: 'token' },
  'DELETE /api/v1/topics/:id/votes': { allow: PATRONS, csrf: 'token' },

  // The newsroom's login.
  'GET /admin/login': { allow: EVERYONE },
  'GET /admin/login/link/:token': { allow: EVERYONE },
  'POST /admin/login': { allow: EVERYONE, csrf: 'token', anyAnswer: 'a wrong password is answered 401 by design' },
  'POST /admin/login/link/:token': { allow: EVERYONE, csrf: 'token' },
  'POST /admin/logout': { allow: STAFF, csrf: 'token' },

  // Articles and images: every role writes; resource checks (own stories) are in the services.
  'GET /admin': { allow: STAFF },
  'GET /admin/articles/new': { allow: STAFF },
  'GET /admin/articles/:id': { allow: STAFF },
  'GET /admin/articles/:id/diff': { allow: STAFF },
  'GET /admin/articles/:id/preview': { allow: STAFF },
  'GET /admin/articles/:id/revisions': { allow: STAFF },
  'POST /admin/articles': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id/delete': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id/newsletter': { allow: EDITORS, csrf: 'token' },
  'POST /admin/articles/:id/translate': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id/revisions/:revision/restore': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id/autosave': { allow: STAFF, csrf: 'token' },
  'POST /admin/articles/:id/autosaves/:autosave/restore': { allow: STAFF, csrf: 'token' },
  'GET /admin/editor/tags': { allow: STAFF },
  'GET /admin/editor/authors': { allow: STAFF },
  'GET /admin/editor/related': { allow: STAFF },
  'POST /admin/media': { allow: STAFF, csrf: 'token' },

  // Every staff member's own account.
  'GET /admin/sessions': { allow: STAFF },
  'POST /admin/sessions/logout-everywhere': { allow: STAFF, csrf: 'token' },
  'POST /admin/password': { allow: STAFF, csrf: 'token' },

  // Editors and above: the analytics dashboard.
  'GET /admin/analytics': { allow: EDITORS },
  'GET /admin/front-page': { allow: EDITORS },
  'POST /admin/front-page/pin': { allow: EDITORS, csrf: 'token' },
  'POST /admin/front-page/move': { allow: EDITORS, csrf: 'token' },
  'POST /admin/front-page/unpin': { allow: EDITORS, csrf: 'token' },
  // Editors and above: advertising campaigns and their report.
  'GET /admin/ads': { allow: EDITORS },
  'GET /admin/ads/new': { allow: EDITORS },
  'POST /admin/ads': { allow: EDITORS, csrf: 'token' },
  'GET /admin/ads/report.csv': { allow: EDITORS },
  'POST /admin/ads/settings': { allow: EDITORS, csrf: 'token' },
  'GET /admin/ads/:id': { allow: EDITORS },
  'POST /admin/ads/:id': { allow: EDITORS, csrf: 'token' },
  // Editors and above: corrections desk, topics, reprint policy and partners, the audit log.
  'GET /admin/audit': { allow: EDITORS },
  'GET /admin/corrections': { allow: EDITORS },
  'GET /admin/corrections/:id': { allow: EDITORS },
  'POST /admin/corrections/:id/note': { allow: EDITORS, csrf: 'token' },
  'POST /admin/corrections/:id/status': { allow: EDITORS, csrf: 'token' },
  'GET /admin/topics': { allow: EDITORS },
  'GET /admin/topics/:id': { allow: EDITORS },
  'POST /admin/topics/:id': { allow: EDITORS, csrf: 'token' },
  'POST /admin/topics/:id/articles': { allow: EDITORS, csrf: 'token' },
  'POST /admin/topics/:id/articles/:articleId/remove': { allow: EDITORS, csrf: 'token' },
  'POST /admin/topics/:id/merge': { allow: EDITORS, csrf: 'token' },
  'POST /admin/topics/:id/status': { allow: EDITORS, csrf: 'token' },
  'GET /admin/policy': { allow: EDITORS },
  'POST /admin/policy': { allow: EDITORS, csrf: 'token' },
  'GET /admin/partners': { allow: EDITORS },
  'GET /admin/partners/grants/new': { allow: EDITORS },
  'GET /admin/partners/requests/:id': { allow: EDITORS },
  'POST /admin/partners/grants': { allow: EDITORS, csrf: 'token' },
  'POST /admin/partners/grants/:id/revoke': { allow: EDITORS, csrf: 'token' },
  'POST /admin/partners/requests/:id/grant': { allow: EDITORS, csrf: 'token' },
  'POST /admin/partners/requests/:id/refuse': { allow: EDITORS, csrf: 'token' },

  // Admins and owners: members, tiers, the support page, settings, users.
  'GET /admin/members': { allow: ADMINS },
  'GET /admin/members/:id': { allow: ADMINS },
  'POST /admin/members/grant': { allow: ADMINS, csrf: 'token' },
  'POST /admin/members/patronages/:id/end': { allow: ADMINS, csrf: 'token' },
  'GET /admin/tiers': { allow: ADMINS },
  'POST /admin/tiers': { allow: ADMINS, csrf: 'token' },
  'POST /admin/tiers/:id': { allow: ADMINS, csrf: 'token' },
  'POST /admin/tiers/:id/archive': { allow: ADMINS, csrf: 'token' },
  'POST /admin/tiers/:id/restore': { allow: ADMINS, csrf: 'token' },
  'GET /admin/support': { allow: ADMINS },
  'POST /admin/support': { allow: ADMINS, csrf: 'token' },
  'GET /admin/funders': { allow: ADMINS },
  'POST /admin/funders': { allow: ADMINS, csrf: 'token' },
  'GET /admin/newsletters': { allow: EDITORS },
  'POST /admin/newsletters': { allow: EDITORS, csrf: 'token' },
  'GET /admin/newsletters/:id': { allow: EDITORS },
  'POST /admin/newsletters/:id': { allow: EDITORS, csrf: 'token' },
  'POST /admin/newsletters/:id/issues': { allow: EDITORS, csrf: 'token' },
  'GET /admin/newsletters/issues/:id/preview': { allow: EDITORS },
  'POST /admin/newsletters/issues/:id/cancel': { allow: EDITORS, csrf: 'token' },
  'GET /admin/funders/:id': { allow: ADMINS },
  'POST /admin/funders/:id': { allow: ADMINS, csrf: 'token' },
  'POST /admin/funders/:id/delete': { allow: ADMINS, csrf: 'token' },
  'GET /admin/pages': { allow: EDITORS },
  'POST /admin/pages': { allow: EDITORS, csrf: 'token' },
  'GET /admin/pages/:id': { allow: EDITORS },
  'POST /admin/pages/:id': { allow: EDITORS, csrf: 'token' },
  'POST /admin/pages/:id/delete': { allow: EDITORS, csrf: 'token' },
  'GET /admin/redirects': { allow: EDITORS },
  'POST /admin/redirects': { allow: EDITORS, csrf: 'token' },
  'POST /admin/redirects/:id/delete': { allow: EDITORS, csrf: 'token' },
  'GET /admin/jobs': { allow: ADMINS },
  'POST /admin/jobs/:id/retry': { allow: ADMINS, csrf: 'token' },
  'POST /admin/jobs/:id/discard': { allow: ADMINS, csrf: 'token' },
  'GET /admin/privacy': { allow: ADMINS },
  'POST /admin/privacy': { allow: ADMINS, csrf: 'token' },
  'GET /admin/settings': { allow: ADMINS },
  'POST /admin/settings': { allow: ADMINS, csrf: 'token' },
  'POST /admin/settings/logo': { allow: ADMINS, csrf: 'token' },
  'GET /admin/users': { allow: ADMINS },
  'POST /admin/users': { allow: ADMINS, csrf: 'token' },
  'POST /admin/users/:id/role': { allow: ADMINS, csrf: 'token' },
};

/** Content-hashed static files: their addresses change with every build, so they match by pattern. */
export const ROUTE_PATTERNS: { pattern: RegExp; rule: RouteRule }[] = [
  { pattern: /^GET \/assets\/[\w.-]+$/, rule: { allow: EVERYONE } },
  { pattern: /^GET \/admin\/assets\/[\w.-]+$/, rule: { allow: EVERYONE } },
  { pattern: /^GET \/ads\/ads\.[\w]+\.js$/, rule: { allow: EVERYONE } },
];

/** The rule for one router entry (`HEAD` follows `GET`), or null when the table has no line for it. */
export function ruleFor(method: string, url: string): RouteRule | null {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return ROUTES[key] ?? ROUTE_PATTERNS.find((p) => p.pattern.test(key))?.rule ?? null;
}

export const isStateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
