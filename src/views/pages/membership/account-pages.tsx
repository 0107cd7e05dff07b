import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface FormError {
  field: string;
  message: string;
}

function ErrorNote({ error, field }: { error: FormError | null; field: string }) {
  if (error?.field !== field) return null;
  return (
    <p class="notice error" id={`${field}-error`} role="alert">
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
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>Sign in or create an account</h1>
        {v.sent ? (
          <p class="notice" role="status">
            Check your email. If the address is right, a link to sign in is on its way; it works once, for 30 minutes. No password needed.
          </p>
        ) : (
          <>
            <p>Enter your email and we will send you a link. If you are new here, the link creates your reader account. We never share your address.</p>
            <form method="post" action="/account/sign-in" class="stack">
              <input type="hidden" name="next" value={v.next} />
              <label for="email">Email</label>
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
              <ErrorNote error={v.error} field="email" />
              <button type="submit">Email me a link</button>
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
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>{v.valid ? 'Sign in' : 'This link no longer works'}</h1>
        {v.error ? (
          <p class="notice error" role="alert">
            {v.error}
          </p>
        ) : null}
        {v.valid ? (
          <form method="post" action={`/account/sign-in/${v.token}${v.next === '/account' ? '' : `?next=${encodeURIComponent(v.next)}`}`}>
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit">Continue to your account</button>
          </form>
        ) : (
          <p>
            Links work once and expire after 30 minutes. <a href="/account/sign-in">Ask for a new one</a>.
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
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>Your account</h1>
        {v.notice ? (
          <p class="notice" role="status">
            {v.notice}
          </p>
        ) : null}
        {v.error?.field === 'form' ? (
          <p class="notice error" role="alert">
            {v.error.message}
          </p>
        ) : null}
        <p>
          Signed in as <strong>{v.email}</strong>, a reader since {v.memberSince}.
        </p>
        <section aria-labelledby="patron-heading">
          <h2 id="patron-heading">Patronage</h2>
          {v.patron ? (
            <p>
              You are a patron ({v.patron.tier}){v.patron.until ? `, until ${v.patron.until}` : ''}. Thank you: you keep this newsroom independent, and you can{' '}
              <a href="/topics">vote on what we cover next</a>.
            </p>
          ) : (
            <p>
              You are not a patron yet. <a href="/support">Become one</a> for about the price of a coffee a month, and vote on the topics we cover.
            </p>
          )}
          {v.manageBilling ? (
            <form method="post" action="/account/billing">
              <input type="hidden" name="_csrf" value={v.csrf} />
              <button type="submit">Manage or cancel your card payment</button>
            </form>
          ) : v.patron?.source === 'manual' ? (
            <p>Your patronage was arranged with us directly; write to us to change it.</p>
          ) : null}
          {v.history.length ? (
            <table class="history">
              <thead>
                <tr>
                  <th scope="col">Tier</th>
                  <th scope="col">Status</th>
                  <th scope="col">Until</th>
                  <th scope="col">Paid by</th>
                </tr>
              </thead>
              <tbody>
                {v.history.map((h) => (
                  <tr>
                    <td>{h.tier}</td>
                    <td>{h.status}</td>
                    <td>{h.until ?? 'no end date'}</td>
                    <td>{h.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        <section aria-labelledby="name-heading">
          <h2 id="name-heading">Your name</h2>
          <form method="post" action="/account/name" class="stack">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <label for="name">Name (optional; shown to nobody but our staff)</label>
            <input id="name" name="name" maxLength={80} value={v.name} autocomplete="name" aria-invalid={v.error?.field === 'name' ? 'true' : undefined} />
            <ErrorNote error={v.error} field="name" />
            <button type="submit">Save</button>
          </form>
        </section>
        <section aria-labelledby="data-heading">
          <h2 id="data-heading">Your data</h2>
          <p>
            <a href="/account/export" download>
              Download everything we hold about you
            </a>{' '}
            (JSON).
          </p>
          <form method="post" action="/account/sign-out" class="inline">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit">Sign out</button>
          </form>{' '}
          {v.sessions > 1 ? (
            <form method="post" action="/account/sign-out-everywhere" class="inline">
              <input type="hidden" name="_csrf" value={v.csrf} />
              <button type="submit">Sign out on all {v.sessions} devices</button>
            </form>
          ) : null}
          <h3>Delete your account</h3>
          <p>
            This erases your account, your sign-in history and your votes, and ends any payment with us. Topics you proposed stay, without your name. It cannot
            be undone.
          </p>
          <form method="post" action="/account/delete" class="stack">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <label for="confirm">Type your email address to confirm</label>
            <input id="confirm" name="confirm" type="email" required maxLength={254} aria-invalid={v.error?.field === 'confirm' ? 'true' : undefined} />
            <ErrorNote error={v.error} field="confirm" />
            <button type="submit" class="danger">
              Delete my account
            </button>
          </form>
        </section>
      </div>
    </SiteLayout>
  );
}

/** After erasure: nothing left to show but the way back. */
export function AccountDeletedPage(v: { chrome: SiteChrome; head: HeadMeta }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <div class="message account">
        <h1>Your account is deleted</h1>
        <p>We have erased your account and everything tied to it. Thank you for reading; you are welcome back any time.</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </div>
    </SiteLayout>
  );
}
