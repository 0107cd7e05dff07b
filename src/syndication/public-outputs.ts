/**
 * Every public output that can carry a story's text, and how to reach it for a given story.
 * The reprint-policy test requests each one for a long story and checks that at most the policy's
 * limit of its text appears, with a link to it. A public GET route must be listed here or in
 * NO_STORY_TEXT below (with the reason), or that test fails: a new output cannot slip past.
 */
export interface StoryRef {
  slug: string;
  section: string;
  tag: string;
  author: string;
  canonical: string;
}

export interface PublicOutput {
  name: string;
  /** The route pattern, as registered with Fastify. */
  route: string;
  url(s: StoryRef): string;
  /** Only part of the response is an excerpt (the story page's <head>); default: all of it. */
  part?: 'head';
}

export const PUBLIC_OUTPUTS: PublicOutput[] = [
  { name: 'story page metadata (description, OpenGraph, Twitter, JSON-LD)', route: '/articles/:slug', url: (s) => `/articles/${s.slug}`, part: 'head' },
  { name: 'home page', route: '/', url: () => '/' },
  { name: 'section page', route: '/sections/:slug', url: (s) => `/sections/${s.section}` },
  { name: 'tag page', route: '/tags/:slug', url: (s) => `/tags/${s.tag}` },
  { name: 'author page', route: '/authors/:slug', url: (s) => `/authors/${s.author}` },
  { name: 'RSS feed', route: '/feed.xml', url: () => '/feed.xml' },
  { name: 'Atom feed', route: '/atom.xml', url: () => '/atom.xml' },
  { name: 'JSON Feed', route: '/feed.json', url: () => '/feed.json' },
  { name: 'Content API list', route: '/api/v1/articles', url: () => '/api/v1/articles' },
  { name: 'Content API story', route: '/api/v1/articles/:slug', url: (s) => `/api/v1/articles/${s.slug}` },
  { name: 'oEmbed', route: '/oembed', url: (s) => `/oembed?url=${encodeURIComponent(s.canonical)}` },
  { name: 'Google News sitemap', route: '/news-sitemap.xml', url: () => '/news-sitemap.xml' },
  { name: 'corrections log', route: '/corrections', url: () => '/corrections' },
  { name: 'corrections feed', route: '/corrections/feed.xml', url: () => '/corrections/feed.xml' },
  { name: 'search page', route: '/search', url: () => '/search?q=levee' },
  { name: 'search API', route: '/api/v1/search', url: () => '/api/v1/search?q=levee' },
];

/** Public GET routes that carry none of a story's text, and why. */
export const NO_STORY_TEXT: Record<string, string> = {
  '/articles/:slug/report': 'the report form shows only what the reader types',
  '/healthz': 'a liveness answer for the supervisor',
  '/readyz': 'a readiness answer for the load balancer',
  '/metrics': 'Prometheus counters, behind a token',
  '/api/v1/search/suggest': 'headlines and addresses only, for the search box',
  '/newsletters/open/:issue/pixel.gif': 'a 1×1 image counting opens of one issue, when counting is on',
  '/newsletters/click/:issue/:link': 'a redirect to a link that was in one issue, counting the click',
  '/newsletters': 'the list of newsletters and the signup form',
  '/newsletters/confirm/:token': 'the confirm button',
  '/newsletters/unsubscribe/:token': 'the unsubscribe button',
  '/newsletters/:slug/:number':
    'a past issue as subscribers got it, read on our own site like the story page itself (the reprint policy governs copies elsewhere; patron-only lists have no public archive)',
  '/account/newsletters': "a reader's own subscriptions",
  '/favicon.ico': 'the site icon',
  '/apple-touch-icon.png': 'the site icon',
  '/icon-192.png': 'the site icon',
  '/icon-512.png': 'the site icon',
  '/site.webmanifest': 'the app manifest: name and icons',
  '/sitemap.xml': 'addresses only',
  '/sitemaps/pages.xml': 'addresses only',
  '/sitemaps/:chunk': 'addresses and dates only',
  '/robots.txt': 'crawler rules',
  '/reprint-policy': 'the policy itself',
  '/.well-known/tdmrep.json': 'rights metadata',
  '/api/v1/openapi.json': 'the API description',
  '/media/:hash/:file': 'images',
  '/ads/click/:id': 'a counting redirect to an advertiser',
  '/ads/creative/:hash/:file': 'ad images',
  '/republish': 'the permission request form',
  '/republish/pixel/:articleId.gif': 'a 1×1 counting image',
  '/account': "a reader's own account page",
  '/account/sign-in': 'the sign-in form',
  '/account/sign-in/:token': 'the sign-in button',
  '/account/export': "a reader's own data",
  '/support': 'tiers and the newsroom’s appeal',
  '/support/thanks': 'a thank-you page',
  '/topics': 'topics patrons proposed: their titles, descriptions and votes; articles only as headline links',
  '/topics/:id': 'one topic as patrons wrote it; the articles that covered it only as headline links',
  '/api/v1/topics': 'topics, their votes and status, as JSON; no article text',
  '/privacy': 'the privacy policy, in the newsroom’s words',
  '/cookies': 'the cookies text and the storage registry',
};

/** Routes outside the public surface: staff-only pages, fingerprinted assets. */
// The ad island is a fingerprinted script like those under /assets/, kept under /ads/ on purpose (see src/ads/CONTEXT.md).
export const isNotPublicOutput = (url: string) =>
  url === '/admin' || url.startsWith('/admin/') || url.startsWith('/assets/') || /^\/ads\/ads\.[a-f0-9]{12}\.js$/.test(url) || url === '*';
