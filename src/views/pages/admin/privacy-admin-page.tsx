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
    <AdminLayout chrome={props.chrome} title="Privacy and cookies">
      <h1>Privacy and cookies</h1>
      <form method="post" action="/admin/privacy" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="pv-privacy">
          Privacy policy{' '}
          <span class="hint">
            (Markdown; {'{outlet}'} and {'{contact}'} are filled in from the site settings. Shown at /privacy)
          </span>
        </label>
        <textarea id="pv-privacy" name="privacyText" rows={18} aria-invalid={f.privacyText ? 'true' : undefined}>
          {v.privacyText}
        </textarea>
        {error('privacyText')}
        <label for="pv-cookies">
          Cookies page <span class="hint">(Markdown, shown at /cookies above the table of every cookie and stored item)</span>
        </label>
        <textarea id="pv-cookies" name="cookiesText" rows={8} aria-invalid={f.cookiesText ? 'true' : undefined}>
          {v.cookiesText}
        </textarea>
        {error('cookiesText')}
        <h2>Outside scripts</h2>
        <p class="hint">
          Leave these empty and our pages load nothing from other companies, and readers are never asked for consent. Anything here loads only for readers who
          allow it, and the security policy lets in these addresses’ sites only while they are listed.
        </p>
        <label for="pv-analytics">
          Analytics script <span class="hint">(https://…, optional)</span>
        </label>
        <input id="pv-analytics" name="analyticsScriptUrl" type="text" value={v.analyticsScriptUrl} aria-invalid={f.analyticsScriptUrl ? 'true' : undefined} />
        {error('analyticsScriptUrl')}
        <label for="pv-embeds">
          Embed scripts <span class="hint">(https://…, one a line, optional)</span>
        </label>
        <textarea id="pv-embeds" name="embedScriptUrls" rows={3} aria-invalid={f.embedScriptUrls ? 'true' : undefined}>
          {v.embedScriptUrls}
        </textarea>
        {error('embedScriptUrls')}
        <h2>Newsletter opens and clicks</h2>
        <p class="hint">
          Off unless you turn it on. When on, each newsletter issue sent from then on carries a tiny image from our site and its links pass through our site, so
          its page under Newsletters shows how often it was opened and each link followed. Counts are per issue, never per reader, and /privacy and /cookies say
          that we count.
        </p>
        <label>
          <input type="checkbox" name="newsletterCounting" value="yes" checked={v.newsletterCounting} /> Count newsletter opens and clicks (per issue)
        </label>
        <div class="actions">
          <button type="submit">Save</button>
        </div>
      </form>
    </AdminLayout>
  );
}
