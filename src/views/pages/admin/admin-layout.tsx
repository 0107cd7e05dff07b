import { adminText } from '../../../i18n/admin-text.js';
import type { ComponentChildren } from 'preact';

/** What every admin page knows about who is looking and where assets live. */
export interface AdminChrome {
  siteName: string;
  cssHref: string;
  staff: { name: string; role: string } | null;
  /** The pages this staff member may open (empty without a session). */
  nav: { href: string; text: string }[];
  csrf: string;
  notice?: string | null;
  error?: string | null;
}

/** The newsroom frame: navigation, a logout button, notices. Never cached, never indexed. */
export function AdminLayout(props: { chrome: AdminChrome; title: string; head?: ComponentChildren; children: ComponentChildren }) {
  const { chrome } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{adminText('frame.title', { page: props.title, site: chrome.siteName })}</title>
        <link rel="stylesheet" href={chrome.cssHref} />
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {adminText('frame.skip')}
        </a>
        <header class="admin-bar">
          <a class="brand" href="/admin">
            {chrome.siteName}
          </a>
          {chrome.staff ? (
            // On a phone the navigation folds into this menu; it opens without JavaScript.
            <details class="admin-menu">
              <summary>{adminText('frame.menu')}</summary>
              <AdminNav chrome={chrome} label={adminText('frame.menu.label')} />
            </details>
          ) : null}
        </header>
        {chrome.staff ? (
          <aside class="admin-sidebar">
            <AdminNav chrome={chrome} label={adminText('frame.sidebar.label')} />
          </aside>
        ) : null}
        <main id="main" class={chrome.staff ? 'with-sidebar' : undefined} tabIndex={-1}>
          {chrome.notice ? (
            <p class="notice" role="status">
              {chrome.notice}
            </p>
          ) : null}
          {chrome.error ? (
            <p class="notice error" role="alert">
              {chrome.error}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The admin's links, the site link and the logout button: in the sidebar on wide screens, in the menu on small ones. */
function AdminNav({ chrome, label }: { chrome: AdminChrome; label: string }) {
  if (!chrome.staff) return null;
  return (
    <nav class="admin-nav" aria-label={label}>
      <ul>
        {chrome.nav.map((link) => (
          <li>
            <a href={link.href}>{link.text}</a>
          </li>
        ))}
        <li>
          <a href="/" target="_blank" rel="noopener">
            {adminText('frame.viewSite')}
          </a>
        </li>
      </ul>
      <form method="post" action="/admin/logout">
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <button type="submit" class="secondary">
          {adminText('frame.logOut', { name: chrome.staff.name })}
        </button>
      </form>
    </nav>
  );
}
