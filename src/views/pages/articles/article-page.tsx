import { SiteLayout } from '../../layouts/site-layout.js';
import { NewsletterSignup } from '../../partials/newsletter-signup.js';
import { ArticleCard } from '../../partials/article-card.js';
import { AdblockNotice, AdScripts, adSlotHtml, KeptAdSlot, splitAfterParagraph } from '../../partials/ad-slot.js';
import { FundingDisclosure } from '../../partials/funding-disclosure.js';
import { Picture } from '../../partials/picture.js';
import { framePart } from '../../partials/frame-part.js';
import { useT } from '../../i18n-context.js';
import type { AppealView, ArticlePageView, Link } from '../../view-models.js';

/** The visible language switcher: links to the story's published translations, each named in its own language. */
function LanguageSwitcher({ v }: { v: ArticlePageView }) {
  const t = useT();
  if (!v.translations.length) return null;
  return (
    <nav class="language-switcher" aria-label={t('layout.languages')}>
      <p>
        {t('story.translations')}{' '}
        {v.translations.map((tr, i) => (
          <>
            {i ? ' · ' : ''}
            <a href={tr.href} hreflang={tr.hreflang} lang={tr.hreflang} rel="alternate">
              {tr.label}
            </a>
          </>
        ))}
      </p>
    </nav>
  );
}

function Byline({ authors }: { authors: Link[] }) {
  const t = useT();
  return (
    <>
      {authors.map((a, i) => (
        <>
          {i === 0 ? '' : i === authors.length - 1 ? t('story.and') : ', '}
          <a rel="author" href={a.href}>
            {a.text}
          </a>
        </>
      ))}
    </>
  );
}

/** The body HTML, with the article-inline ad slot after paragraph N when there is one and the story runs past it. */
function bodyWithInlineAd(v: ArticlePageView): string {
  const inline = v.ads?.slots['article-inline'];
  const parts = inline ? splitAfterParagraph(v.bodyHtml, v.ads!.inlineAfterParagraph) : null;
  return parts ? `${parts[0]}${adSlotHtml(v.ads!, inline!, v.chrome)}${parts[1]}` : v.bodyHtml;
}

/** The story page: headline, standfirst, hero figure, byline, body, sources, related, tags. */
export function ArticlePage({ v }: { v: ArticlePageView }) {
  const ads = v.ads;
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head} lang={v.language} dir={v.dir}>
      <article class="story">
        <LanguageSwitcher v={v} />
        <header class="story-header">
          {v.kicker ? (
            <a class="kicker" href={v.kicker.href}>
              {v.kicker.text}
            </a>
          ) : null}
          <h1>{v.headline}</h1>
          {v.standfirst ? <p class="standfirst">{v.standfirst}</p> : null}
          <p class="meta">
            {v.byline.length ? (
              <span class="byline">
                {t('story.by')} <Byline authors={v.byline} />
              </span>
            ) : null}
            <span class="dates">
              <time datetime={v.published.iso}>{v.published.text}</time>
              {v.updated ? (
                <>
                  {t('story.updated')}
                  <time datetime={v.updated.iso}>{v.updated.text}</time>
                </>
              ) : null}
            </span>
          </p>
        </header>
        {v.funding ? <FundingDisclosure f={v.funding} outletLang={v.chrome.outletLang} /> : null}
        {v.chosenBy.length ? (
          <p class="chosen-by">
            <strong>{t('story.chosenBy.strong')}</strong> {t('story.chosenBy.text')}{' '}
            {v.chosenBy.map((topic, i) => (
              <>
                {i === 0 ? '' : i === v.chosenBy.length - 1 ? t('story.and') : ', '}
                <a href={topic.href}>{topic.text}</a>
              </>
            ))}
            .
          </p>
        ) : null}
        {v.notes.length ? (
          <section class="notes" aria-label={t('story.notes')}>
            {v.notes.map((n) => (
              <p class={`note note-${n.kind}`}>
                <strong>{n.kind === 'correction' ? t('story.note.correction') : t('story.note.clarification')}</strong>{' '}
                <time datetime={n.published.iso}>({n.published.text})</time>: {n.text}
              </p>
            ))}
          </section>
        ) : null}
        {v.hero ? (
          <figure class="hero">
            <Picture p={v.hero} />
            {v.hero.caption || v.hero.credit ? (
              <figcaption>
                {v.hero.caption ? <span class="caption">{v.hero.caption}</span> : null}
                {v.hero.credit ? <span class="credit">{v.hero.credit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <div
          class="story-body"
          data-report-article={v.report.slug}
          data-report-revision={String(v.report.revision)}
          data-quote-headline={v.headline}
          data-quote-url={v.head.canonical ?? ''}
          data-quote-outlet={v.chrome.name}
          data-quote-max={String(v.reprint.maxChars)}
          dangerouslySetInnerHTML={{ __html: bodyWithInlineAd(v) }}
        />
        <p class="reprint-notice">
          {t('story.reprint', { chars: v.reprint.maxChars })} <a href={v.reprint.permissionHref}>{t('story.reprint.ask')}</a>.{' '}
          <a href={v.reprint.href}>{t('story.reprint.policy')}</a>.
        </p>
        <section class="corrections-invite">
          <p>
            {t('story.invite')} <a href={v.report.formHref}>{t('story.invite.form')}</a>. {t('story.invite.read')}{' '}
            <a href={`${v.chrome.prefix}/corrections`}>{t('story.invite.log')}</a>.
          </p>
        </section>
        {/* The dialog's words are the catalog's: the same on every story in this language. */}
        {v.report.island ? framePart(v.chrome, `report-dialog|${v.reprint.maxChars}`, () => <ReportDialogTemplate quoteMax={v.reprint.maxChars} />) : null}
        {v.sources.length ? (
          <section class="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{t('story.sources')}</h2>
            <ul>
              {v.sources.map((s) => (
                <li>
                  <a href={s.href} rel="noopener">
                    {s.text}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {v.tags.length ? (
          <nav class="tags" aria-label={t('story.tags')}>
            <ul>
              {v.tags.map((t) => (
                <li>
                  <a href={t.href} rel="tag">
                    {t.text}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {ads?.slots['article-end'] ? <KeptAdSlot ads={ads} s={ads.slots['article-end']} chrome={v.chrome} /> : null}
        {ads?.notice ? <AdblockNotice n={ads.notice} prefix={v.chrome.prefix} /> : null}
        {v.appeal ? <Appeal a={v.appeal} prefix={v.chrome.prefix} /> : null}
        {v.chrome.newsletterSignup ? <NewsletterSignup v={v.chrome.newsletterSignup} place="article" prefix={v.chrome.prefix} /> : null}
      </article>
      {v.pinnedRelated.length || v.moreRelated.length ? (
        <aside class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{t('story.related')}</h2>
          {v.pinnedRelated.length ? (
            <ul class="pinned">
              {v.pinnedRelated.map((r) => (
                <li>
                  <a href={r.href}>{r.text}</a>
                </li>
              ))}
            </ul>
          ) : null}
          {v.moreRelated.length ? (
            <div class="cards compact">
              {v.moreRelated.map((c) => (
                <ArticleCard card={c} level={3} />
              ))}
            </div>
          ) : null}
        </aside>
      ) : null}
      {ads?.slots.sidebar ? <KeptAdSlot ads={ads} s={ads.slots.sidebar} chrome={v.chrome} /> : null}
      {v.report.island ? <script type="module" src={v.report.island.jsHref} /> : null}
      {ads ? <AdScripts ads={ads} /> : null}
      {v.appeal ? <script type="module" src={v.appeal.jsHref} /> : null}
    </SiteLayout>
  );
}

/** The support appeal: hidden in the shared HTML; its island decides, per reader, whether to show it. */
/** `prefix`: the page language's address prefix (`/uk`), so the join link stays in the reader's language. */
function Appeal({ a, prefix }: { a: AppealView; prefix: string }) {
  const t = useT();
  return (
    <aside
      class="support-appeal"
      id="support-appeal"
      hidden
      data-appeal-skip={String(a.skipFirstArticles)}
      data-appeal-dismiss-days={String(a.dismissDays)}
      aria-labelledby="support-appeal-heading"
    >
      <h2 id="support-appeal-heading" lang={a.langs.heading}>
        {a.heading}
      </h2>
      <p lang={a.langs.text}>{a.text}</p>
      <p class="appeal-actions">
        <a class="appeal-join" href={`${prefix}${a.action.href}`} lang={a.langs.action}>
          {a.action.text}
        </a>{' '}
        <button type="button" class="appeal-dismiss" hidden>
          {t('story.appeal.dismiss')}
        </button>
      </p>
    </aside>
  );
}

/** The report dialog the reader island clones; server-rendered so its text is ours and escaped. */
function ReportDialogTemplate({ quoteMax }: { quoteMax: number }) {
  const t = useT();
  return (
    <template
      id="report-dialog-template"
      data-msg-empty={t('report.empty')}
      data-msg-sending={t('report.sending')}
      data-msg-sent={t('report.sent')}
      data-msg-failed={t('report.failed')}
      data-msg-button={t('report.button')}
      data-msg-button-label={t('report.buttonLabel')}
      data-msg-too-many={t('report.tooMany')}
      data-msg-rejected={t('report.rejected')}
      data-msg-empty-quote={t('problem.report.emptyQuote')}
      data-msg-not-found={t('problem.report.notFound')}
      data-msg-missing-article={t('error.missing.article')}
      data-msg-quote={t('report.quote')}
      data-msg-quote-label={t('report.quoteLabel')}
      data-msg-quote-copied={t('report.quoteCopied')}
      data-msg-quote-trimmed={t('report.quoteTrimmed', { max: quoteMax })}
      data-msg-quote-failed={t('report.quoteFailed')}
    >
      <dialog class="report-dialog" aria-labelledby="report-title">
        <form method="dialog" class="report-form">
          <h2 id="report-title">{t('report.title')}</h2>
          <blockquote class="report-quote" />
          <label for="report-suggestion">{t('report.suggestion')}</label>
          <textarea id="report-suggestion" name="suggestion" required maxLength={2000} />
          <label for="report-email">{t('report.email')}</label>
          <input id="report-email" name="email" type="email" maxLength={254} />
          <p class="report-honeypot" aria-hidden="true">
            <label>
              {t('report.honeypot')} <input name="website" tabIndex={-1} autocomplete="off" />
            </label>
          </p>
          <p class="report-status" role="status" aria-live="polite" />
          <div class="report-actions">
            <button type="submit" value="send">
              {t('report.send')}
            </button>{' '}
            <button type="button" class="report-cancel">
              {t('report.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </template>
  );
}
