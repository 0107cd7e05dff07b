import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface FormError {
  field: string;
  message: string;
  /** Worded from the page language's catalog; else still the service's English (marked so on other languages' pages). */
  translated?: boolean;
}

function ErrorNote({ error, field, lang }: { error: FormError | null; field: string; lang?: string | undefined }) {
  if (error?.field !== field) return null;
  return (
    <p class="notice error" id={`${field}-error`} role="alert" lang={error.translated ? undefined : lang}>
      {error.message}
    </p>
  );
}

export interface SignInPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  email: string;
  next: string;
  error: FormError | null;
  /** The link was mailed: say so instead of showing the form. */
  sent: boolean;
}

/** One form for signing in and signing up: the email decides, and the page never says which. */
export function SignInPage(v: SignInPageView) {
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>{t('account.signIn.heading')}</h1>
        {v.sent ? (
          <p class="notice" role="status">
            {t('account.signIn.sent')}
          </p>
        ) : (
          <>
            <p>{t('account.signIn.intro')}</p>
            <form method="post" action={`${v.chrome.prefix}/account/sign-in`} class="stack">
              <input type="hidden" name="next" value={v.next} />
              <label for="email">{t('account.signIn.email')}</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="email"
                required
                maxLength={254}
                value={v.email}
                aria-invalid={v.error?.field === 'email' ? 'true' : undefined}
                aria-describedby={v.error?.field === 'email' ? 'email-error' : undefined}
              />
              <ErrorNote error={v.error} field="email" lang={v.chrome.serviceLang} />
              <button type="submit">{t('account.signIn.submit')}</button>
            </form>
          </>
        )}
      </div>
    </SiteLayout>
  );
}

export interface SignInLinkPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  token: string;
  /** The form token bound to this browser's pre-session cookie (login CSRF). */
  csrf: string;
  next: string;
  valid: boolean;
  error: string | null;
}

/** The page a mailed link opens. Signing in takes a click, so mail scanners that follow links do not use it up. */
export function SignInLinkPage(v: SignInLinkPageView) {
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>{v.valid ? t('account.signIn.title') : t('account.link.expired')}</h1>
        {v.error ? (
          <p class="notice error" role="alert">
            {v.error}
          </p>
        ) : null}
        {v.valid ? (
          <form method="post" action={`/account/sign-in/${v.token}${v.next === '/account' ? '' : `?next=${encodeURIComponent(v.next)}`}`}>
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit">{t('account.link.continue')}</button>
          </form>
        ) : (
          <p>
            {t('account.link.again')} <a href={`${v.chrome.prefix}/account/sign-in`}>{t('account.link.ask')}</a>.
          </p>
        )}
      </div>
    </SiteLayout>
  );
}

export interface AccountPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  csrf: string;
  email: string;
  name: string;
  memberSince: string;
  notice: string | null;
  error: FormError | null;
  patron: { tier: string; until: string | null; source: 'stripe' | 'manual' } | null;
  /** Past and present patronages, newest first. */
  history: { tier: string; status: string; until: string | null; source: string }[];
  sessions: number;
  /** A Stripe customer, and Stripe configured: offer the billing portal. */
  manageBilling: boolean;
}

/** A reader's own page: who we think they are, their patronage, and their data (export, erase). */
export function AccountPage(v: AccountPageView) {
  const t = v.chrome.t;
  const p = v.chrome.prefix;
  const en = v.chrome.serviceLang;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>{t('account.title')}</h1>
        {v.notice ? (
          <p class="notice" role="status">
            {v.notice}
          </p>
        ) : null}
        {v.error?.field === 'form' ? (
          <p class="notice error" role="alert" lang={v.error.translated ? undefined : en}>
            {v.error.message}
          </p>
        ) : null}
        <p>{t('account.signedInAs', { email: v.email, since: v.memberSince })}</p>
        <section aria-labelledby="patron-heading">
          <h2 id="patron-heading">{t('account.patronage')}</h2>
          {v.patron ? (
            <p>
              {v.patron.until ? t('account.patronUntil', { tier: v.patron.tier, until: v.patron.until }) : t('account.patron', { tier: v.patron.tier })}{' '}
              <a href={`${p}/topics`}>{t('account.voteLink')}</a>.
            </p>
          ) : (
            <p>
              {t('account.notPatron')} <a href={`${p}/support`}>{t('account.becomeOne')}</a> {t('account.notPatronAfter')}
            </p>
          )}
          {v.manageBilling ? (
            <form method="post" action={`${p}/account/billing`}>
              <input type="hidden" name="_csrf" value={v.csrf} />
              <button type="submit">{t('account.billing')}</button>
            </form>
          ) : v.patron?.source === 'manual' ? (
            <p>{t('account.manual')}</p>
          ) : null}
          {v.history.length ? (
            <table class="history">
              <thead>
                <tr>
                  <th scope="col">{t('account.history.tier')}</th>
                  <th scope="col">{t('account.history.status')}</th>
                  <th scope="col">{t('account.history.until')}</th>
                  <th scope="col">{t('account.history.paidBy')}</th>
                </tr>
              </thead>
              <tbody>
                {v.history.map((h) => (
                  <tr>
                    <td>{h.tier}</td>
                    <td>{h.status}</td>
                    <td>{h.until ?? t('account.history.noEnd')}</td>
                    <td>{h.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        <section aria-labelledby="name-heading">
          <h2 id="name-heading">{t('account.name.heading')}</h2>
          <form method="post" action={`${p}/account/name`} class="stack">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <label for="name">{t('account.name.label')}</label>
            <input id="name" name="name" maxLength={80} value={v.name} autocomplete="name" aria-invalid={v.error?.field === 'name' ? 'true' : undefined} />
            <ErrorNote error={v.error} field="name" lang={en} />
            <button type="submit">{t('account.save')}</button>
          </form>
        </section>
        <section aria-labelledby="data-heading">
          <h2 id="data-heading">{t('account.data.heading')}</h2>
          <p>
            <a href={`${p}/account/export`} download>
              {t('account.data.export')}
            </a>{' '}
            (JSON).
          </p>
          <form method="post" action={`${p}/account/sign-out`} class="inline">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit">{t('account.signOut')}</button>
          </form>{' '}
          {v.sessions > 1 ? (
            <form method="post" action={`${p}/account/sign-out-everywhere`} class="inline">
              <input type="hidden" name="_csrf" value={v.csrf} />
              <button type="submit">{t('account.signOutAll', { count: v.sessions })}</button>
            </form>
          ) : null}
          <h3>{t('account.delete.heading')}</h3>
          <p>{t('account.delete.text')}</p>
          <form method="post" action={`${p}/account/delete`} class="stack">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <label for="confirm">{t('account.delete.confirm')}</label>
            <input id="confirm" name="confirm" type="email" required maxLength={254} aria-invalid={v.error?.field === 'confirm' ? 'true' : undefined} />
            <ErrorNote error={v.error} field="confirm" lang={en} />
            <button type="submit" class="danger">
              {t('account.delete.submit')}
            </button>
          </form>
        </section>
      </div>
    </SiteLayout>
  );
}

/** After erasure: nothing left to show but the way back. */
export function AccountDeletedPage(v: { chrome: SiteChrome; head: HeadMeta }) {
  const t = v.chrome.t;
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>{t('account.deleted.title')}</h1>
        <p>{t('account.deleted.text')}</p>
        <p>
          <a href={v.chrome.homeHref}>{t('error.home')}</a>
        </p>
      </div>
    </SiteLayout>
  );
}
