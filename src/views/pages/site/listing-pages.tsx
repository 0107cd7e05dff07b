import { SiteLayout } from '../../layouts/site-layout.js';
import { AdblockNotice, AdScripts, AdSlot } from '../../partials/ad-slot.js';
import { ArticleCard, Pagination } from '../../partials/article-card.js';
import type { HomePageView, ListingPageView, MessagePageView } from '../../view-models.js';

/** Home: the latest stories, then each section's newest. */
export function HomePage({ v }: { v: HomePageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <h1 class="visually-hidden">{v.chrome.name}</h1>
      <section class="latest" aria-labelledby="latest-heading">
        <h2 id="latest-heading" class="rule">
          {v.chrome.t('listing.latest')}
        </h2>
        <div class="cards">
          {v.lead.map((c) => (
            <ArticleCard card={c} level={3} />
          ))}
        </div>
        {v.lead.length === 0 ? <p class="empty">{v.chrome.t('listing.empty')}</p> : null}
        <Pagination p={v.pagination} />
      </section>
      {v.ads?.slots.home ? <AdSlot s={v.ads.slots.home} /> : null}
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
      {v.ads?.slots.sidebar ? <AdSlot s={v.ads.slots.sidebar} /> : null}
      {v.ads?.notice ? <AdblockNotice n={v.ads.notice} /> : null}
      {v.ads ? <AdScripts ads={v.ads} /> : null}
    </SiteLayout>
  );
}

/** Section, tag and author pages: a heading, an intro and a paged list of stories. */
export function ListingPage({ v }: { v: ListingPageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <header class="listing-header">
        <h1>{v.heading}</h1>
        {v.intro ? <p class="intro">{v.intro}</p> : null}
      </header>
      <div class="cards">
        {v.cards.map((c) => (
          <ArticleCard card={c} />
        ))}
      </div>
      <Pagination p={v.pagination} />
    </SiteLayout>
  );
}

/** 404 and other plain messages, in the site's frame. */
export function MessagePage({ v }: { v: MessagePageView }) {
  const head = { title: v.title, description: v.message, canonical: null, ogType: 'website' as const, image: null, jsonLd: [], robots: 'noindex' };
  return (
    <SiteLayout chrome={v.chrome} head={head}>
      <div class="message">
        <h1>{v.title}</h1>
        <p>{v.message}</p>
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
