import { SiteLayout } from '../../layouts/site-layout.js';
import { Pagination } from '../../partials/article-card.js';
import type { HeadMeta, PaginationView, SiteChrome } from '../../view-models.js';

export interface LogEntryView {
  kind: 'correction' | 'clarification';
  text: string;
  published: { iso: string; text: string };
  article: { href: string; headline: string };
}

/** The public corrections log: every note, newest first, each linking to its story. */
export function CorrectionsLogPage(props: { chrome: SiteChrome; head: HeadMeta; entries: LogEntryView[]; pagination: PaginationView; contact: string }) {
  const t = props.chrome.t;
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <header class="listing-header">
        <h1>{t('corrections.title')}</h1>
        <p class="intro">
          {props.contact ? t('corrections.introWrite', { contact: props.contact }) : t('corrections.intro')}{' '}
          <a href={`${props.chrome.prefix}/corrections/feed.xml`}>{t('corrections.feed')}</a>.
        </p>
      </header>
      <ol class="corrections-log">
        {props.entries.map((e) => (
          <li class={`note note-${e.kind}`}>
            <p>
              <strong>{e.kind === 'correction' ? t('story.note.correction') : t('story.note.clarification')}</strong> ·{' '}
              <time datetime={e.published.iso}>{e.published.text}</time> · <a href={e.article.href}>{e.article.headline}</a>
            </p>
            <p lang={props.chrome.outletLang}>{e.text}</p>
          </li>
        ))}
      </ol>
      {props.entries.length === 0 ? <p class="empty">{t('corrections.empty')}</p> : null}
      <Pagination p={props.pagination} />
    </SiteLayout>
  );
}

/** The no-JavaScript way to report an error: paste the passage, say what is wrong. */
export function ReportFormPage(props: {
  chrome: SiteChrome;
  head: HeadMeta;
  article: { href: string; headline: string; slug: string };
  values: { quote: string; suggestion: string; email: string };
  error: { field: string; message: string } | null;
  sent: boolean;
}) {
  const t = props.chrome.t;
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>{t('corrections.form.title')}</h1>
        <p>
          {t('corrections.form.about')} <a href={props.article.href}>{props.article.headline}</a>
        </p>
        {props.sent ? (
          <p class="notice" role="status">
            {t('corrections.form.sent')} <a href={props.article.href}>{t('corrections.form.back')}</a>
          </p>
        ) : (
          <form method="post" action={`${props.article.href}/report`} class="report-form">
            {props.error ? (
              <p class="notice error" role="alert">
                {props.error.message}
              </p>
            ) : null}
            <label for="quote">{t('corrections.form.quote')}</label>
            <textarea id="quote" name="quote" rows={4} required maxLength={1000}>
              {props.values.quote}
            </textarea>
            <label for="suggestion">{t('report.suggestion')}</label>
            <textarea id="suggestion" name="suggestion" rows={5} required maxLength={2000}>
              {props.values.suggestion}
            </textarea>
            <label for="email">{t('report.email')}</label>
            <input id="email" name="email" type="email" maxLength={254} value={props.values.email} />
            <p class="report-honeypot" aria-hidden="true">
              <label>
                {t('report.honeypot')} <input name="website" tabIndex={-1} autocomplete="off" />
              </label>
            </p>
            <p>
              <button type="submit">{t('report.send')}</button>
            </p>
          </form>
        )}
      </div>
    </SiteLayout>
  );
}
