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
        <title>{`${props.title} · ${chrome.siteName} admin`}</title>
        <link rel="stylesheet" href={chrome.cssHref} />
        {props.head}
      </head>
      <body>
        <nav class="admin-bar" aria-label="Admin">
          <a class="brand" href="/admin">
            {chrome.siteName}
          </a>
          {chrome.staff ? (
            <>
              {chrome.nav.map((link) => (
                <a href={link.href}>{link.text}</a>
              ))}
              <a href="/" target="_blank" rel="noopener">
                View site
              </a>
              <form method="post" action="/admin/logout">
                <input type="hidden" name="_csrf" value={chrome.csrf} />
                <button type="submit">Log out {chrome.staff.name}</button>
              </form>
            </>
          ) : null}
        </nav>
        <main id="main">
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
