import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, Link, SiteChrome } from '../../view-models.js';

/** One result: the snippet arrives split into plain and searched-for pieces (escaped as text). */
export interface SearchResultView {
  href: string;
  headline: string;
  kicker: Link | null;
  published: { iso: string; text: string } | null;
  snippet: { text: string; hit: boolean }[];
}

export interface SearchPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  q: string;
  /** Shown instead of results: why the search could not run, in words a reader can act on. */
  message: string | null;
  /** "12 stories", "About 40,000 stories: the best of the newest 1,500 are shown". */
  summary: string | null;
  note: string | null;
  results: SearchResultView[];
  sections: { slug: string; name: string; selected: boolean }[];
  /** Filters that came with the link (tag, author): shown with a link that drops each. */
  activeFilters: { label: string; removeHref: string }[];
  hidden: { name: string; value: string }[];
  from: string;
  to: string;
  prev: string | null;
  next: string | null;
  page: number;
  /** The suggest-as-you-type island, when built: only this page loads it. */
  suggestJsHref: string | null;
}

/** /search: the form (works without JavaScript), then the results with highlighted snippets. */
export function SearchPage({ v }: { v: SearchPageView }) {
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <header class="listing-header">
        <h1>{t('search.title')}</h1>
      </header>
      <form class="search-form" method="get" action={`${v.chrome.prefix}/search`} role="search">
        <p class="search-main">
          <label for="search-q" class="visually-hidden">
            {t('search.label')}
          </label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={v.q}
            maxLength={300}
            placeholder={t('search.placeholder')}
            data-suggest={v.suggestJsHref ? '/api/v1/search/suggest' : undefined}
          />
          <button type="submit">{t('layout.search.button')}</button>
        </p>
        <details class="search-filters" open={Boolean(v.from || v.to || v.sections.some((s) => s.selected))}>
          <summary>{t('search.filters')}</summary>
          <p>
            <label for="search-section">{t('search.section')}</label>
            <select id="search-section" name="section">
              <option value="">{t('search.anySection')}</option>
              {v.sections.map((s) => (
                <option value={s.slug} selected={s.selected}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-from">{t('search.from')}</label>
            <input id="search-from" type="date" name="from" value={v.from} />
          </p>
          <p>
            <label for="search-to">{t('search.to')}</label>
            <input id="search-to" type="date" name="to" value={v.to} />
          </p>
        </details>
        {v.hidden.map((h) => (
          <input type="hidden" name={h.name} value={h.value} />
        ))}
      </form>
      {v.activeFilters.length ? (
        <ul class="search-active">
          {v.activeFilters.map((f) => (
            <li>
              {f.label} <a href={f.removeHref}>{t('search.remove')}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {v.message ? <p class="search-message">{v.message}</p> : null}
      {v.summary ? <p class="search-summary">{v.summary}</p> : null}
      {v.note ? <p class="search-note">{v.note}</p> : null}
      {v.results.length ? (
        <ol class="search-results" start={(v.page - 1) * 10 + 1}>
          {v.results.map((r) => (
            <li class="search-result">
              {r.kicker ? (
                <a class="kicker" href={r.kicker.href}>
                  {r.kicker.text}
                </a>
              ) : null}
              <h2 class="card-headline">
                <a href={r.href}>{r.headline}</a>
              </h2>
              <p class="search-snippet">{r.snippet.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</p>
              {r.published ? (
                <p class="meta">
                  <time datetime={r.published.iso}>{r.published.text}</time>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {v.prev || v.next ? (
        <nav class="pagination" aria-label={t('search.pages')}>
          {v.prev ? (
            <a rel="prev" href={v.prev}>
              {t('search.prev')}
            </a>
          ) : (
            <span />
          )}
          <span class="page-number">{t('search.page', { page: v.page })}</span>
          {v.next ? (
            <a rel="next" href={v.next}>
              {t('search.next')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      {v.suggestJsHref ? <script type="module" src={v.suggestJsHref} /> : null}
    </SiteLayout>
  );
}
