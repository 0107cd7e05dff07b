import { AdminLayout, type AdminChrome } from './admin-layout.js';

/** Editors set the reprint policy: the limit, the statement, who to ask, and machine rights. */
export function PolicyAdminPage(props: {
  chrome: AdminChrome;
  values: { maxExcerptChars: string; license: string; permissionsContact: string; tdmReservation: boolean; tdmPolicyUrl: string; aiCrawlers: string };
  fields: Record<string, string>;
}) {
  const { values: v, fields: f } = props;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title="Reprint policy">
      <h1>Reprint policy</h1>
      <form method="post" action="/admin/policy" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="p-max">
          Longest quote anyone may take, in characters <span class="hint">(feeds, the API, embeds and previews all follow it)</span>
        </label>
        <input id="p-max" name="maxExcerptChars" type="text" inputMode="numeric" value={v.maxExcerptChars} />
        {error('maxExcerptChars')}
        <label for="p-license">Licence statement</label>
        <textarea id="p-license" name="license" rows={3}>
          {v.license}
        </textarea>
        {error('license')}
        <label for="p-contact">Contact for permissions</label>
        <input id="p-contact" name="permissionsContact" type="text" value={v.permissionsContact} />
        {error('permissionsContact')}
        <label>
          <input type="checkbox" name="tdmReservation" value="1" checked={v.tdmReservation} /> Reserve text and data mining rights (TDMRep)
        </label>
        <label for="p-tdm">
          TDM policy address <span class="hint">(empty: our reprint policy page)</span>
        </label>
        <input id="p-tdm" name="tdmPolicyUrl" type="text" value={v.tdmPolicyUrl} />
        <label for="p-crawlers">
          Crawlers robots.txt keeps out <span class="hint">(one user-agent a line)</span>
        </label>
        <textarea id="p-crawlers" name="aiCrawlers" rows={8}>
          {v.aiCrawlers}
        </textarea>
        {error('aiCrawlers')}
        <div class="actions">
          <button type="submit">Save policy</button>
        </div>
      </form>
    </AdminLayout>
  );
}
