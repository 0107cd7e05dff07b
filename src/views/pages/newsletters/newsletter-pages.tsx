import { SiteLayout } from '../../layouts/site-layout.js';
import { NewsletterSignup } from '../../partials/newsletter-signup.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface NewsletterListView {
  chrome: SiteChrome;
  head: HeadMeta;
  newsletters: {
    slug: string;
    name: string;
    description: string;
    /** Who may receive it, in words ("Anyone", "Readers with an account", "Patrons"). */
    audience: string;
    open: boolean;
    issues: { href: string; text: string; date: string }[];
  }[];
  error: string | null;
  email: string;
}

/** /newsletters: every newsletter, its signup and its archive. */
export function NewsletterListPage({ v }: { v: NewsletterListView }) {
  const t = v.chrome.t;
  const p = v.chrome.prefix;
  const open = v.newsletters.filter((n) => n.open).map((n) => ({ slug: n.slug, name: n.name, description: n.description }));
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <h1>{t('newsletters.title')}</h1>
      {v.error ? (
        <p class="newsletter-error" role="alert">
          {v.error}
        </p>
      ) : null}
      <ul class="newsletter-list">
        {v.newsletters.map((n) => (
          <li>
            <h2>{n.name}</h2>
            {n.description ? <p>{n.description}</p> : null}
            <p>
              <small>{t('newsletters.for', { audience: n.audience })}</small>
            </p>
            {!n.open ? (
              <p>
                <a href={`${p}/account/newsletters`}>{t('newsletters.signInTo')}</a>
                {t('newsletters.toReceive')}
              </p>
            ) : null}
            {n.issues.length ? (
              <>
                <h3>{t('newsletters.past')}</h3>
                <ul class="newsletter-archive">
                  {n.issues.map((i) => (
                    <li>
                      <a href={i.href}>{i.text}</a> <small>{i.date}</small>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {v.newsletters.length === 0 ? <p>{t('newsletters.none')}</p> : null}
      <NewsletterSignup v={{ newsletters: open }} place="page" prefix={p} />
    </SiteLayout>
  );
}

export interface NewsletterActionView {
  chrome: SiteChrome;
  head: HeadMeta;
  title: string;
  message: string;
  /** A one-button form (confirm, unsubscribe), or null when the action is done. */
  form: { action: string; button: string } | null;
}

/** Check your inbox / confirm / unsubscribe: a message and at most one button. */
export function NewsletterActionPage({ v }: { v: NewsletterActionView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message">
        <h1>{v.title}</h1>
        <p>{v.message}</p>
        {v.form ? (
          <form method="post" action={v.form.action}>
            <button type="submit">{v.form.button}</button>
          </form>
        ) : (
          <p>
            <a href="/">Go to the front page</a>
          </p>
        )}
      </div>
    </SiteLayout>
  );
}

export interface ArchivedIssueView {
  chrome: SiteChrome;
  head: HeadMeta;
  newsletter: { name: string; href: string };
  subject: string;
  date: string;
  intro: string[];
  stories: { href: string; headline: string; standfirst: string }[];
}

/** A past issue on the web: its introduction and the stories it carried, linked. */
export function ArchivedIssuePage({ v }: { v: ArchivedIssueView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="newsletter-issue-frame">
        <p>
          <a href={v.newsletter.href}>{v.newsletter.name}</a> · {v.date}
        </p>
        <h1>{v.subject}</h1>
        {v.intro.map((p) => (
          <p>{p}</p>
        ))}
        {v.stories.map((s) => (
          <section>
            <h2>
              <a href={s.href}>{s.headline}</a>
            </h2>
            {s.standfirst ? <p>{s.standfirst}</p> : null}
          </section>
        ))}
      </article>
    </SiteLayout>
  );
}

export interface AccountNewslettersView {
  chrome: SiteChrome;
  head: HeadMeta;
  email: string;
  csrf: string;
  saved: boolean;
  newsletters: { slug: string; name: string; description: string; checked: boolean; note: string }[];
}

/** /account/newsletters: a signed-in reader's subscriptions, as checkboxes. */
export function AccountNewslettersPage({ v }: { v: AccountNewslettersView }) {
  const t = v.chrome.t;
  const p = v.chrome.prefix;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <h1>{t('newsletters.mine.title')}</h1>
      {v.saved ? <p role="status">{t('account.saved')}</p> : null}
      <p>{t('newsletters.mine.sentTo', { email: v.email })}</p>
      {v.newsletters.length === 0 ? <p>{t('newsletters.none')}</p> : null}
      <form method="post" action={`${p}/account/newsletters`}>
        <input type="hidden" name="_csrf" value={v.csrf} />
        <ul class="newsletter-list">
          {v.newsletters.map((n) => (
            <li>
              <label>
                <input type="checkbox" name="newsletters" value={n.slug} checked={n.checked} /> {n.name}
              </label>
              {n.description ? <p>{n.description}</p> : null}
              {n.note ? (
                <p>
                  <small>{n.note}</small>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        <p>
          <button type="submit">{t('account.save')}</button>
        </p>
      </form>
      <p>
        <a href={`${p}/account`}>{t('newsletters.mine.back')}</a>
      </p>
    </SiteLayout>
  );
}
