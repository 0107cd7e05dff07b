import type { ComponentChildren } from 'preact';
import { ConsentBanner } from '../partials/consent-banner.js';
import { FunderCredits } from '../partials/funder-credits.js';
import { MessagesContext } from '../i18n-context.js';
import { NewsletterSignup } from '../partials/newsletter-signup.js';
import { framePart } from '../partials/frame-part.js';
import { jsonForScript } from '../render.js';
import type { HeadMeta, SiteChrome } from '../view-models.js';

/** The frame of every public page: head metadata, masthead, navigation, footer. */
export function SiteLayout(props: { chrome: SiteChrome; head: HeadMeta; lang?: string; dir?: 'ltr' | 'rtl'; children: ComponentChildren }) {
  const { chrome, head } = props;
  const t = chrome.t;
  const title = head.title === chrome.name ? chrome.name : `${head.title} | ${chrome.name}`;
  const lang = props.lang ?? chrome.language;
  // A story in a language the outlet has no catalog for: the page is in its language, the frame says which it is in.
  const frameLang = lang.split('-')[0] === chrome.language ? undefined : chrome.language;
  const frameDir = frameLang && (props.dir ?? chrome.dir) !== chrome.dir ? chrome.dir : undefined;
  return (
    <MessagesContext.Provider value={t}>
      <html lang={lang} dir={props.dir ?? chrome.dir}>
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
          <link rel="icon" href="/favicon.ico" sizes="32x32" />
          {(head.alternates ?? []).map((a) => (
            <link rel="alternate" hreflang={a.hreflang} href={a.href} />
          ))}
          <link rel="icon" href={chrome.iconHref} type="image/svg+xml" />
          <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
          <link rel="manifest" href="/site.webmanifest" />
          <link rel="stylesheet" href={chrome.cssHref} />
          {(head.stylesheets ?? []).map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          {framePart(chrome, 'feed-links', () => (
            <FeedLinks chrome={chrome} />
          ))}
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
          {framePart(chrome, `masthead|${frameLang}|${frameDir}`, () => (
            <Masthead chrome={chrome} frameLang={frameLang} frameDir={frameDir} />
          ))}
          <main id="main" class="wrap" tabIndex={-1}>
            {props.children}
          </main>
          {framePart(chrome, `footer|${frameLang}|${frameDir}`, () => (
            <Footer chrome={chrome} frameLang={frameLang} frameDir={frameDir} />
          ))}
        </body>
      </html>
    </MessagesContext.Provider>
  );
}

interface FrameProps {
  chrome: SiteChrome;
  /** `lang` and `dir` of the frame when the page's own differ (a story in a language without a catalog). */
  frameLang: string | undefined;
  frameDir: 'ltr' | 'rtl' | undefined;
}

/** The skip link and the masthead: name, tagline, search, reader links, sections. */
function Masthead({ chrome, frameLang, frameDir }: FrameProps) {
  const t = chrome.t;
  const p = chrome.prefix;
  return (
    <>
      <a class="skip" href="#main" lang={frameLang} dir={frameDir}>
        {t('layout.skip')}
      </a>
      <header class="masthead" lang={frameLang} dir={frameDir}>
        <div class="wrap">
          <a class="brand" href={chrome.homeHref}>
            {chrome.logoUrl ? <img class="logo" src={chrome.logoUrl} alt={chrome.name} /> : chrome.name}
          </a>
          {chrome.tagline ? (
            <p class="tagline" lang={chrome.taglineLang}>
              {chrome.tagline}
            </p>
          ) : null}
          <form class="header-search" method="get" action={`${p}/search`} role="search">
            <label for="header-search-q" class="visually-hidden">
              {t('layout.search.label')}
            </label>
            <input id="header-search-q" type="search" name="q" placeholder={t('layout.search.label')} maxLength={300} />
            <button type="submit">{t('layout.search.button')}</button>
          </form>
          <p class="reader-nav">
            <a href={`${p}/support`}>{t('layout.nav.support')}</a>
            <a href={`${p}/topics`}>{t('layout.nav.topics')}</a>
            <a href={`${p}/account`}>{t('layout.nav.account')}</a>
          </p>
        </div>
        <nav class="sections wrap" aria-label={t('layout.nav.sections')}>
          <ul>
            {chrome.sections.map((s) => (
              <li>
                <a href={s.href}>{s.text}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
    </>
  );
}

/** The footer (signup, funders, the outlet's links) and the consent banner. */
function Footer({ chrome, frameLang, frameDir }: FrameProps) {
  const t = chrome.t;
  const p = chrome.prefix;
  return (
    <>
      <footer class="site-footer" lang={frameLang} dir={frameDir}>
        <div class="wrap">
          {chrome.newsletterSignup ? <NewsletterSignup v={chrome.newsletterSignup} place="footer" prefix={p} /> : null}
          <FunderCredits funders={chrome.funders ?? []} label={t('layout.footer.funders')} />
          <p>
            © {chrome.year} {chrome.name}. <a href={chrome.feedHref}>{t('layout.footer.rss')}</a> ·{' '}
            <a href={`${p}/corrections`}>{t('layout.footer.corrections')}</a> · <a href={`${p}/reprint-policy`}>{t('layout.footer.reprint')}</a> ·{' '}
            <a href={`${p}/support`}>{t('layout.nav.support')}</a> · <a href={`${p}/newsletters`}>{t('layout.footer.newsletters')}</a> ·{' '}
            <a href={`${p}/privacy`}>{t('layout.footer.privacy')}</a> · <a href={`${p}/cookies`}>{t('layout.footer.cookies')}</a>
          </p>
          {chrome.footerLinks?.length ? (
            <ul class="footer-pages">
              {chrome.footerLinks.map((l) => (
                <li>
                  <a href={l.href} lang={chrome.outletLang}>
                    {l.text}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </footer>
      {chrome.consent ? <ConsentBanner c={chrome.consent} prefix={p} /> : null}
    </>
  );
}

/** The outlet's feeds, in the page language's words (formatted messages: worth keeping rendered). */
function FeedLinks({ chrome }: { chrome: SiteChrome }) {
  const t = chrome.t;
  const p = chrome.prefix;
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={t('layout.feed.rss', { outlet: chrome.name })} href={`${p}/feed.xml`} />
      <link rel="alternate" type="application/atom+xml" title={t('layout.feed.atom', { outlet: chrome.name })} href={`${p}/atom.xml`} />
      <link rel="alternate" type="application/feed+json" title={t('layout.feed.json', { outlet: chrome.name })} href={`${p}/feed.json`} />
    </>
  );
}
