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
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <header class="listing-header">
        <h1>Corrections and clarifications</h1>
        <p class="intro">
          When we get something wrong, we fix it and say so here. A correction fixes an error of fact; a clarification adds context or makes a passage clearer.
          To report an error, select the words in the story and press Ctrl+Enter, or use the link at the end of every story
          {props.contact ? ` or write to ${props.contact}` : ''}. <a href="/corrections/feed.xml">Follow this log by RSS</a>.
        </p>
      </header>
      <ol class="corrections-log">
        {props.entries.map((e) => (
          <li class={`note note-${e.kind}`}>
            <p>
              <strong>{e.kind === 'correction' ? 'Correction' : 'Clarification'}</strong> · <time datetime={e.published.iso}>{e.published.text}</time> ·{' '}
              <a href={e.article.href}>{e.article.headline}</a>
            </p>
            <p>{e.text}</p>
          </li>
        ))}
      </ol>
      {props.entries.length === 0 ? <p class="empty">No corrections yet.</p> : null}
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
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>Suggest a correction or clarification</h1>
        <p>
          About: <a href={props.article.href}>{props.article.headline}</a>
        </p>
        {props.sent ? (
          <p class="notice" role="status">
            Thank you. An editor will look at your report. <a href={props.article.href}>Back to the story</a>
          </p>
        ) : (
          <form method="post" action={`${props.article.href}/report`} class="report-form">
            {props.error ? (
              <p class="notice error" role="alert">
                {props.error.message}
              </p>
            ) : null}
            <label for="quote">The passage (copy the words from the story)</label>
            <textarea id="quote" name="quote" rows={4} required maxLength={1000}>
              {props.values.quote}
            </textarea>
            <label for="suggestion">What is wrong, and what should it say?</label>
            <textarea id="suggestion" name="suggestion" rows={5} required maxLength={2000}>
              {props.values.suggestion}
            </textarea>
            <label for="email">Your email (optional, for a reply)</label>
            <input id="email" name="email" type="email" maxLength={254} value={props.values.email} />
            <p class="report-honeypot" aria-hidden="true">
              <label>
                Leave empty <input name="website" tabIndex={-1} autocomplete="off" />
              </label>
            </p>
            <p>
              <button type="submit">Send</button>
            </p>
          </form>
        )}
      </div>
    </SiteLayout>
  );
}
