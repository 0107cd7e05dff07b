import { AdminLayout, type AdminChrome } from './admin-layout.js';

export function LoginPage({ chrome, email, next }: { chrome: AdminChrome; email: string; next: string }) {
  return (
    <AdminLayout chrome={chrome} title="Log in">
      <div class="panel narrow">
        <h1>Log in to the newsroom</h1>
        <form method="post" action="/admin/login">
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <div class="actions">
            <button type="submit">Log in</button>
          </div>
        </form>
        <p class="hint">No password yet? Ask an administrator for a one-time login link.</p>
      </div>
    </AdminLayout>
  );
}

/** A login link is confirmed with a button, so link scanners in mail systems cannot use it up. */
export function LoginLinkPage({ chrome, token, valid }: { chrome: AdminChrome; token: string; valid: boolean }) {
  return (
    <AdminLayout chrome={chrome} title="Log in with a link">
      <div class="panel narrow">
        <h1>Log in with a link</h1>
        {valid ? (
          <form method="post" action={`/admin/login/link/${token}`}>
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <p>This link logs you in once. It stops working after you use it.</p>
            <div class="actions">
              <button type="submit">Log in</button>
            </div>
          </form>
        ) : (
          <p>This login link has expired or was already used. Ask an administrator for a new one.</p>
        )}
      </div>
    </AdminLayout>
  );
}
