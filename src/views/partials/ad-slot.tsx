import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { MessagesContext, useT } from '../i18n-context.js';
import { rawHtml } from '../render.js';
import type { AdCreativeView, AdSlotView, AdsView, SiteChrome } from '../view-models.js';
import { keptHtml } from './frame-part.js';

/**
 * An ad slot. It ships hidden: the island (src/ads/reader/ad-island.ts) picks one of the inert
 * <template> creatives and shows the slot. Its class names look like an ad on purpose, so cosmetic
 * filters hide it and the separate check script can tell. `data-not-body` keeps it out of the text
 * the corrections island maps when the slot sits inside the story body.
 */
export function AdSlot({ s }: { s: AdSlotView }) {
  const t = useT();
  return (
    <aside class={`ad-slot advertisement ad-slot-${s.slot}`} data-ad-slot={s.slot} data-not-body="" aria-label={t('frame.ad.label')} hidden>
      <p class="ad-label" aria-hidden="true">
        {t('frame.ad.label')}
      </p>
      <div class="ad-creative" />
      {s.creatives.map((c) => (
        <Creative c={c} />
      ))}
    </aside>
  );
}

function Creative({ c }: { c: AdCreativeView }) {
  const t = useT();
  return (
    <template
      data-ad-id={String(c.id)}
      data-weight={String(c.weight)}
      data-starts={c.starts}
      data-ends={c.ends ?? ''}
      data-cap={c.cap === null ? '' : String(c.cap)}
    >
      <a class="ad-link" href={c.href} rel="sponsored noopener">
        {c.image ? (
          <img
            src={c.image.src}
            srcset={c.image.srcset}
            sizes="(min-width: 48rem) 46rem, 100vw"
            width={c.image.width}
            height={c.image.height}
            alt={c.image.alt}
          />
        ) : (
          <div class="ad-html" dangerouslySetInnerHTML={{ __html: c.html ?? '' }} />
        )}
      </a>
      {c.advertiser ? <p class="ad-by">{t('frame.ad.from', { advertiser: c.advertiser })}</p> : null}
    </template>
  );
}

/**
 * The slot as HTML (rendered apart, so it is handed the page's words): kept in `ads.parts` when there are
 * some, under its language, its slot and its creatives' ids, since a creative shows only its campaign
 * (which an ads write purges) and the page's words.
 */
export function adSlotHtml(ads: AdsView, s: AdSlotView, chrome: SiteChrome): string {
  const part = () => <AdSlot s={s} />;
  if (!ads.parts) return renderToString(<MessagesContext.Provider value={chrome.t}>{part()}</MessagesContext.Provider>);
  return keptHtml(ads.parts, `${chrome.language}|${s.slot}|${s.creatives.map((c) => c.id).join(',')}`, chrome.t, part);
}

/** The slot in the page (see adSlotHtml). */
export function KeptAdSlot({ ads, s, chrome }: { ads: AdsView; s: AdSlotView; chrome: SiteChrome }): VNode {
  return ads.parts ? rawHtml(adSlotHtml(ads, s, chrome)) : <AdSlot s={s} />;
}

const BLOCK_TAG = /<(\/?)(p|blockquote|ul|ol|figure|pre|table)\b[^>]*>/gi;

/**
 * Splits body HTML after its nth top-level paragraph. Null when fewer than n paragraphs are followed
 * by more of the story (an ad after the last paragraph belongs to the article-end slot).
 */
export function splitAfterParagraph(html: string, n: number): [string, string] | null {
  let depth = 0;
  let paragraphs = 0;
  for (const m of html.matchAll(BLOCK_TAG)) {
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'p') {
      if (closing && depth === 0 && ++paragraphs === n) {
        const at = m.index + m[0].length;
        const rest = html.slice(at);
        return rest.trim() ? [html.slice(0, at), rest] : null;
      }
      continue;
    }
    depth = Math.max(0, depth + (closing ? -1 : 1));
  }
  return null;
}

/** The ad-block notice: hidden in the shared page; the check script shows it only when a blocker hid ads that were there. */
export function AdblockNotice({ n, prefix }: { n: NonNullable<AdsView['notice']>; prefix: string }) {
  const t = useT();
  return (
    <aside class="reader-note" data-adblock-notice="" data-dismiss-days={String(n.dismissDays)} aria-labelledby="reader-note-heading" hidden>
      <h2 id="reader-note-heading">{t('frame.adblock.heading')}</h2>
      <p>{t('frame.adblock.text')}</p>
      <p class="reader-note-actions">
        <a class="reader-note-join" href={`${prefix}${n.joinHref}`}>
          {t('frame.adblock.action')}
        </a>{' '}
        <button type="button" class="reader-note-dismiss">
          {t('frame.adblock.dismiss')}
        </button>
      </p>
    </aside>
  );
}

/** The ad island, then the check (module scripts run in document order, so the check sees what the island did). */
export function AdScripts({ ads }: { ads: AdsView }) {
  return (
    <>
      <script type="module" src={ads.islandHref} />
      {ads.checkHref ? <script type="module" src={ads.checkHref} /> : null}
    </>
  );
}
