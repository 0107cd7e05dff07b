import { useT } from '../../i18n-context.js';
import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface StorageRowView {
  name: string;
  kind: string;
  purpose: string;
  lifetime: string;
  essential: boolean;
}

export interface PolicyPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  title: string;
  /** The newsroom's Markdown, rendered and sanitized by articles/article-body.ts like a story body. */
  textHtml: string;
  /** The outlet counts newsletter opens and clicks (per issue): the page says so, and only then. */
  newsletterCounting: boolean;
}

/** What counting newsletter opens and clicks means for a reader; shown only while it is on. */
function NewsletterCountingNote() {
  const t = useT();
  return (
    <section class="policy-counting" id="newsletter-counting" aria-labelledby="newsletter-counting-title">
      <h2 id="newsletter-counting-title">{t('privacy.counting.title')}</h2>
      <p>{t('privacy.counting.text')}</p>
    </section>
  );
}

/** /privacy: the newsroom's own text. */
export function PrivacyPage({ v }: { v: PolicyPageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="policy">
        <h1>{v.title}</h1>
        <div class="policy-text" lang={v.chrome.outletLang} dangerouslySetInnerHTML={{ __html: v.textHtml }} />
        {v.newsletterCounting ? <NewsletterCountingNote /> : null}
      </article>
    </SiteLayout>
  );
}

/** /cookies: the newsroom's text, the table made from the storage registry, and the consent choice. */
export function CookiesPage({ v, rows }: { v: PolicyPageView; rows: StorageRowView[] }) {
  const consent = v.chrome.consent ?? null;
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="policy">
        <h1>{v.title}</h1>
        <div class="policy-text" lang={v.chrome.outletLang} dangerouslySetInnerHTML={{ __html: v.textHtml }} />
        {v.newsletterCounting ? <NewsletterCountingNote /> : null}
        <h2 id="storage">{t('cookies.storage')}</h2>
        <div class="table-scroll">
          <table class="storage-table">
            <thead>
              <tr>
                <th scope="col">{t('cookies.col.name')}</th>
                <th scope="col">{t('cookies.col.kind')}</th>
                <th scope="col">{t('cookies.col.purpose')}</th>
                <th scope="col">{t('cookies.col.lifetime')}</th>
                <th scope="col">{t('cookies.col.needed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <code>{r.name}</code>
                  </td>
                  <td>{r.kind}</td>
                  <td>{r.purpose}</td>
                  <td>{r.lifetime}</td>
                  <td>{r.essential ? t('cookies.essential') : t('cookies.optional')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2 id="outside-scripts">{t('cookies.outside')}</h2>
        {consent ? (
          <>
            <p>{t('cookies.outside.text')}</p>
            <ul>
              {consent.scripts.map((s) => (
                <li>
                  <code>{s.src}</code> ({s.kind === 'analytics' ? t('cookies.outside.analytics') : t('cookies.outside.embed')})
                </li>
              ))}
            </ul>
            <section id="consent-choice" class="consent-choice" aria-label={t('cookies.choice')} hidden>
              <p data-consent-status role="status" />
              <p class="consent-actions">
                <button type="button" data-consent="accept">
                  {t('cookies.allow')}
                </button>
                <button type="button" data-consent="reject" class="secondary">
                  {t('cookies.refuse')}
                </button>
              </p>
            </section>
            <noscript>
              <p>{t('cookies.noscript')}</p>
            </noscript>
          </>
        ) : (
          <p>{t('cookies.none')}</p>
        )}
      </article>
    </SiteLayout>
  );
}
