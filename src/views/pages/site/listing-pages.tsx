import { SiteLayout } from '../../layouts/site-layout.js';
import { AdblockNotice, AdScripts, KeptAdSlot } from '../../partials/ad-slot.js';
import { ArticleCard, Pagination } from '../../partials/article-card.js';
import type { HomePageView, ListingPageView, MessagePageView } from '../../view-models.js';

/** Home, page 1: the lead and secondary stories, the latest stories, then each section's newest not shown above. */
export function HomePage({ v }: { v: HomePageView }) {
  const nothing = !v.top?.lead && v.latest.length === 0;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <h1 class="visually-hidden">{v.chrome.name}</h1>
      {v.top?.lead ? (
        <section class="front-top" aria-label={v.chrome.t('listing.top')}>
          <div class="front-lead">
            <ArticleCard card={v.top.lead} level={2} variant="lead" />
          </div>
          {v.top.secondary.length ? (
            <div class="front-secondary">
              {v.top.secondary.map((c) => (
                <ArticleCard card={c} level={3} variant="secondary" />
              ))}
            </div>
          ) : null}
        </section>
      ) : null}
      {v.latest.length || nothing ? (
        <section class="latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" class="rule">
            {v.top ? v.chrome.t('listing.latest') : v.chrome.t('listing.older.heading')}
          </h2>
          <div class="story-list">
            {v.latest.map((c) => (
              <ArticleCard card={c} level={3} variant="row" />
            ))}
          </div>
          {nothing ? <p class="empty">{v.chrome.t('listing.empty')}</p> : null}
        </section>
      ) : null}
      <Pagination p={v.pagination} />
      {v.ads?.slots.home ? <KeptAdSlot ads={v.ads} s={v.ads.slots.home} chrome={v.chrome} /> : null}
      {v.fronts.map((f) => (
        <section class="front" aria-label={f.section.text}>
          <h2 class="rule">
            <a href={f.section.href}>{f.section.text}</a>
          </h2>
          <div class="cards compact">
            {f.cards.map((c) => (
              <ArticleCard card={c} level={3} />
            ))}
          </div>
        </section>
      ))}
      {v.ads?.slots.sidebar ? <KeptAdSlot ads={v.ads} s={v.ads.slots.sidebar} chrome={v.chrome} /> : null}
      {v.ads?.notice ? <AdblockNotice n={v.ads.notice} prefix={v.chrome.prefix} /> : null}
      {v.ads ? <AdScripts ads={v.ads} /> : null}
    </SiteLayout>
  );
}

/** Section, tag and author pages: a heading, an intro, a section's newest story set large, and a paged list. */
export function ListingPage({ v }: { v: ListingPageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <header class="listing-header">
        <h1>{v.heading}</h1>
        {v.intro ? <p class="intro">{v.intro}</p> : null}
      </header>
      {v.lead ? (
        <div class="listing-lead">
          <ArticleCard card={v.lead} variant="lead" />
        </div>
      ) : null}
      <div class={v.lead ? 'story-list' : 'cards'}>
        {v.cards.map((c) => (
          <ArticleCard card={c} variant={v.lead ? 'row' : 'plain'} />
        ))}
      </div>
      <Pagination p={v.pagination} />
    </SiteLayout>
  );
}

/** 404 and other plain messages, in the site's frame. */
export function MessagePage({ v }: { v: MessagePageView }) {
  // A message kept in English on a page in another language is said to be English, and stays out of the page's description.
  const english = v.kept && v.chrome.serviceLang ? v.chrome.serviceLang : undefined;
  const head = {
    title: v.title,
    description: english ? v.title : v.message,
    canonical: null,
    ogType: 'website' as const,
    image: null,
    jsonLd: [],
    robots: 'noindex',
  };
  return (
    <SiteLayout chrome={v.chrome} head={head}>
      <div class="message">
        <h1>{v.title}</h1>
        {english ? (
          <p>
            {v.chrome.t('error.client.detail')} <span lang={english}>{v.message}</span>
          </p>
        ) : (
          <p>{v.message}</p>
        )}
        {v.links.length ? (
          <ul>
            {v.links.map((l) => (
              <li>
                <a href={l.href}>{l.text}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </SiteLayout>
  );
}
