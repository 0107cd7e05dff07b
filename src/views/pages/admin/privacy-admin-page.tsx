import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface PrivacyFormValues {
  privacyText: string;
  cookiesText: string;
  analyticsScriptUrl: string;
  /** One address a line. */
  embedScriptUrls: string;
  newsletterCounting: boolean;
}

/** /admin/privacy: the two policy texts, and the outside scripts that need readers' consent. */
export function PrivacyAdminPage(props: { chrome: AdminChrome; values: PrivacyFormValues; fields: Record<string, string> }) {
  const { values: v, fields: f } = props;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.privacy.title')}>
      <h1>{adminText('admin.privacy.heading')}</h1>
      <form method="post" action="/admin/privacy" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="pv-privacy">
          {adminText('admin.privacy.policy')} <span class="hint">{adminText('admin.privacy.policy.hint')}</span>
        </label>
        <textarea id="pv-privacy" name="privacyText" rows={18} aria-invalid={f.privacyText ? 'true' : undefined}>
          {v.privacyText}
        </textarea>
        {error('privacyText')}
        <label for="pv-cookies">
          {adminText('admin.privacy.cookies')} <span class="hint">{adminText('admin.privacy.cookies.hint')}</span>
        </label>
        <textarea id="pv-cookies" name="cookiesText" rows={8} aria-invalid={f.cookiesText ? 'true' : undefined}>
          {v.cookiesText}
        </textarea>
        {error('cookiesText')}
        <h2>{adminText('admin.privacy.scripts.heading')}</h2>
        <p class="hint">{adminText('admin.privacy.scripts.intro')}</p>
        <label for="pv-analytics">
          {adminText('admin.privacy.analytics')} <span class="hint">{adminText('admin.privacy.analytics.hint')}</span>
        </label>
        <input id="pv-analytics" name="analyticsScriptUrl" type="text" value={v.analyticsScriptUrl} aria-invalid={f.analyticsScriptUrl ? 'true' : undefined} />
        {error('analyticsScriptUrl')}
        <label for="pv-embeds">
          {adminText('admin.privacy.embeds')} <span class="hint">{adminText('admin.privacy.embeds.hint')}</span>
        </label>
        <textarea id="pv-embeds" name="embedScriptUrls" rows={3} aria-invalid={f.embedScriptUrls ? 'true' : undefined}>
          {v.embedScriptUrls}
        </textarea>
        {error('embedScriptUrls')}
        <h2>{adminText('admin.privacy.counting.heading')}</h2>
        <p class="hint">{adminText('admin.privacy.counting.intro')}</p>
        <label>
          <input type="checkbox" name="newsletterCounting" value="yes" checked={v.newsletterCounting} /> {adminText('admin.privacy.counting')}
        </label>
        <div class="actions">
          <button type="submit">{adminText('admin.privacy.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
