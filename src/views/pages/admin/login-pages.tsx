import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export function LoginPage({ chrome, email, next }: { chrome: AdminChrome; email: string; next: string }) {
  return (
    <AdminLayout chrome={chrome} title={adminText('admin.login.title')}>
      <div class="panel narrow">
        <h1>{adminText('admin.login.heading')}</h1>
        <form method="post" action="/admin/login">
          <input type="hidden" name="_csrf" value={chrome.csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="email">{adminText('admin.login.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email} />
          <label for="password">{adminText('admin.login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <div class="actions">
            <button type="submit">{adminText('admin.login.submit')}</button>
          </div>
        </form>
        <p class="hint">{adminText('admin.login.noPassword')}</p>
      </div>
    </AdminLayout>
  );
}

/** A login link is confirmed with a button, so link scanners in mail systems cannot use it up. */
export function LoginLinkPage({ chrome, token, valid }: { chrome: AdminChrome; token: string; valid: boolean }) {
  return (
    <AdminLayout chrome={chrome} title={adminText('admin.login.link.title')}>
      <div class="panel narrow">
        <h1>{adminText('admin.login.link.heading')}</h1>
        {valid ? (
          <form method="post" action={`/admin/login/link/${token}`}>
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <p>{adminText('admin.login.link.once')}</p>
            <div class="actions">
              <button type="submit">{adminText('admin.login.link.submit')}</button>
            </div>
          </form>
        ) : (
          <p>{adminText('admin.login.link.spent')}</p>
        )}
      </div>
    </AdminLayout>
  );
}
