import type { ComponentChildren } from 'preact';
import { ConsentBanner } from '../partials/consent-banner.js';
import { FunderCredits } from '../partials/funder-credits.js';
import { NewsletterSignup } from '../partials/newsletter-signup.js';
import { jsonForScript } from '../render.js';
import type { HeadMeta, SiteChrome } from '../view-models.js';

/** The frame of every public page: head metadata, masthead, navigation, footer. */
export function SiteLayout(props: { chrome: SiteChrome; head: HeadMeta; lang?: string; children: ComponentChildren }) {
  const { chrome, head } = props;
  const title = head.title === chrome.name ? chrome.name : `${head.title} | ${chrome.name}`;
  return (
    <html lang={props.lang ?? chrome.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={head.description} />
        {head.robots ? <meta name="robots" content={head.robots} /> : null}
        {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
        {head.prev ? <link rel="prev" href={head.prev} /> : null}
        {head.oembed ? <link rel="alternate" type="application/json+oembed" href={head.oembed} title={head.title} /> : null}
        {head.next ? <link rel="next" href={head.next} /> : null}
        <link rel="icon" href={chrome.iconHref} type="image/svg+xml" />
        <link rel="stylesheet" href={chrome.cssHref} />
        {(head.stylesheets ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="alternate" type="application/rss+xml" title={`${chrome.name} (RSS)`} href="/feed.xml" />
        <link rel="alternate" type="application/atom+xml" title={`${chrome.name} (Atom)`} href="/atom.xml" />
        <link rel="alternate" type="application/feed+json" title={`${chrome.name} (JSON Feed)`} href="/feed.json" />
        <meta property="og:site_name" content={chrome.name} />
        <meta property="og:type" content={head.ogType} />
        <meta property="og:title" content={head.title} />
        <meta property="og:description" content={head.description} />
        {head.canonical ? <meta property="og:url" content={head.canonical} /> : null}
        {head.image ? (
          <>
            <meta property="og:image" content={head.image.url} />
            <meta property="og:image:width" content={String(head.image.width)} />
            <meta property="og:image:height" content={String(head.image.height)} />
            <meta property="og:image:alt" content={head.image.alt} />
          </>
        ) : null}
        {head.article ? (
          <>
            <meta property="article:published_time" content={head.article.publishedTime} />
            <meta property="article:modified_time" content={head.article.modifiedTime} />
            {head.article.section ? <meta property="article:section" content={head.article.section} /> : null}
            {head.article.tags.map((t) => (
              <meta property="article:tag" content={t} />
            ))}
          </>
        ) : null}
        <meta name="twitter:card" content={head.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={head.title} />
        <meta name="twitter:description" content={head.description} />
        {head.image ? <meta name="twitter:image" content={head.image.url} /> : null}
        {head.image ? <meta name="twitter:image:alt" content={head.image.alt} /> : null}
        {head.jsonLd.map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        ))}
        {chrome.viewBeaconHref && head.analytics ? (
          <script
            type="module"
            src={chrome.viewBeaconHref}
            data-view-beacon="/api/v1/view"
            data-article={head.analytics.articleId === null ? undefined : String(head.analytics.articleId)}
            data-section={head.analytics.sectionId === null ? undefined : String(head.analytics.sectionId)}
          />
        ) : null}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="masthead">
          <div class="wrap">
            <a class="brand" href={chrome.homeHref}>
              {chrome.logoUrl ? <img class="logo" src={chrome.logoUrl} alt={chrome.name} /> : chrome.name}
            </a>
            {chrome.tagline ? <p class="tagline">{chrome.tagline}</p> : null}
            <form class="header-search" method="get" action="/search" role="search">
              <label for="header-search-q" class="visually-hidden">
                Search stories
              </label>
              <input id="header-search-q" type="search" name="q" placeholder="Search stories" maxLength={300} />
              <button type="submit">Search</button>
            </form>
            <p class="reader-nav">
              <a href="/support">Support us</a>
              <a href="/topics">Topics patrons chose</a>
              <a href="/account">Your account</a>
            </p>
          </div>
          <nav class="sections wrap" aria-label="Sections">
            <ul>
              {chrome.sections.map((s) => (
                <li>
                  <a href={s.href}>{s.text}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {chrome.newsletterSignup ? <NewsletterSignup v={chrome.newsletterSignup} place="footer" /> : null}
            <FunderCredits funders={chrome.funders ?? []} label="Our funders" />
            <p>
              © {chrome.year} {chrome.name}. <a href={chrome.feedHref}>RSS feed</a> · <a href="/corrections">Corrections</a> · <a href="/reprint-policy">Reprint policy</a> ·{' '}
              <a href="/support">Support us</a> · <a href="/newsletters">Newsletters</a> · <a href="/privacy">Privacy</a> · <a href="/cookies">Cookies</a>
            </p>
          </div>
        </footer>
        {chrome.consent ? <ConsentBanner c={chrome.consent} /> : null}
      </body>
    </html>
  );
}
