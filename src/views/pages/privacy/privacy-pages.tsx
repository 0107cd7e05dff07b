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
  return (
    <section class="policy-counting" id="newsletter-counting" aria-labelledby="newsletter-counting-title">
      <h2 id="newsletter-counting-title">Newsletter opens and clicks</h2>
      <p>
        We count how many times each newsletter issue is opened (the mail loads a tiny image from our site) and how many times each of its links is followed
        (the links pass through our site on the way). We count per issue only: the mail and its links carry nothing that says who you are, and we keep no record
        of who opened or clicked what. If your mail program does not load images, no open is counted.
      </p>
    </section>
  );
}

/** /privacy: the newsroom's own text. */
export function PrivacyPage({ v }: { v: PolicyPageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="policy">
        <h1>{v.title}</h1>
        <div class="policy-text" dangerouslySetInnerHTML={{ __html: v.textHtml }} />
        {v.newsletterCounting ? <NewsletterCountingNote /> : null}
      </article>
    </SiteLayout>
  );
}

/** /cookies: the newsroom's text, the table made from the storage registry, and the consent choice. */
export function CookiesPage({ v, rows }: { v: PolicyPageView; rows: StorageRowView[] }) {
  const consent = v.chrome.consent ?? null;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="policy">
        <h1>{v.title}</h1>
        <div class="policy-text" dangerouslySetInnerHTML={{ __html: v.textHtml }} />
        {v.newsletterCounting ? <NewsletterCountingNote /> : null}
        <h2 id="storage">Every cookie and stored item</h2>
        <div class="table-scroll">
          <table class="storage-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">What it is for</th>
                <th scope="col">How long</th>
                <th scope="col">Needed?</th>
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
                  <td>{r.essential ? 'Essential' : 'Only with your consent'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2 id="outside-scripts">Scripts from other companies</h2>
        {consent ? (
          <>
            <p>These load only if you allow them. They come from other companies, which may set cookies of their own under their own policies.</p>
            <ul>
              {consent.scripts.map((s) => (
                <li>
                  <code>{s.src}</code> ({s.kind === 'analytics' ? 'audience measurement' : 'embedded media'})
                </li>
              ))}
            </ul>
            <section id="consent-choice" class="consent-choice" aria-label="Your choice" hidden>
              <p data-consent-status role="status" />
              <p class="consent-actions">
                <button type="button" data-consent="accept">
                  Allow these scripts
                </button>
                <button type="button" data-consent="reject" class="secondary">
                  Refuse them
                </button>
              </p>
            </section>
            <noscript>
              <p>Your browser is not running JavaScript, so none of these scripts can load.</p>
            </noscript>
          </>
        ) : (
          <p>None. Our pages load nothing from other companies’ servers.</p>
        )}
      </article>
    </SiteLayout>
  );
}
