import { adminText } from '../../../i18n/admin-text.js';
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
    <AdminLayout chrome={props.chrome} title={adminText('admin.policy.title')}>
      <h1>{adminText('admin.policy.heading')}</h1>
      <form method="post" action="/admin/policy" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="p-max">
          {adminText('admin.policy.maxExcerpt')} <span class="hint">{adminText('admin.policy.maxExcerpt.hint')}</span>
        </label>
        <input id="p-max" name="maxExcerptChars" type="text" inputMode="numeric" value={v.maxExcerptChars} />
        {error('maxExcerptChars')}
        <label for="p-license">{adminText('admin.policy.license')}</label>
        <textarea id="p-license" name="license" rows={3}>
          {v.license}
        </textarea>
        {error('license')}
        <label for="p-contact">{adminText('admin.policy.contact')}</label>
        <input id="p-contact" name="permissionsContact" type="text" value={v.permissionsContact} />
        {error('permissionsContact')}
        <label>
          <input type="checkbox" name="tdmReservation" value="1" checked={v.tdmReservation} /> {adminText('admin.policy.tdmReservation')}
        </label>
        <label for="p-tdm">
          {adminText('admin.policy.tdmPolicyUrl')} <span class="hint">{adminText('admin.policy.tdmPolicyUrl.hint')}</span>
        </label>
        <input id="p-tdm" name="tdmPolicyUrl" type="text" value={v.tdmPolicyUrl} />
        <label for="p-crawlers">
          {adminText('admin.policy.crawlers')} <span class="hint">{adminText('admin.policy.crawlers.hint')}</span>
        </label>
        <textarea id="p-crawlers" name="aiCrawlers" rows={8}>
          {v.aiCrawlers}
        </textarea>
        {error('aiCrawlers')}
        <div class="actions">
          <button type="submit">{adminText('admin.policy.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
