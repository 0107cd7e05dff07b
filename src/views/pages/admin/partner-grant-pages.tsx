import { adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

/** Written permissions to reprint: the grant form, the grants table, a grant made on its own, and its key shown once. */

export interface GrantRowView {
  id: number;
  partnerName: string;
  scope: string;
  fullText: boolean;
  /** 'no end' or the last day, UTC. */
  expires: string;
  state: 'active' | 'expired' | 'revoked';
  /** e.g. `mhk_AbCd…`: enough to match a key a partner quotes, never the key. */
  keyPrefixes: string[];
  fetches: number;
  views: number;
  requestHref: string | null;
  revokeAction: string | null;
  notes: string;
  granted: MomentView;
}

/** The grant form's values and where it posts. */
export interface GrantFormView {
  action: string;
  partnerName: string;
  scopeKind: 'all' | 'section' | 'articles';
  section: string;
  /** Article slugs, one a line. */
  articles: string;
  fullText: boolean;
  /** `YYYY-MM-DD`, or '' for no end. */
  expiresOn: string;
  notes: string;
  sections: { slug: string; name: string }[];
  error: { field: string; message: string } | null;
}

const GRANT_STATES = {
  active: () => adminText('admin.partners.grants.state.active'),
  expired: () => adminText('admin.partners.grants.state.expired'),
  revoked: () => adminText('admin.partners.grants.state.revoked'),
} as const;
/** 'Yes' or 'No' in the admin's words. */
export const yesNo = (yes: boolean) => (yes ? adminText('admin.partners.yes') : adminText('admin.partners.no'));

const fieldError = (form: GrantFormView, fields: string[]) =>
  form.error && fields.includes(form.error.field) ? <p class="field-error">{form.error.message}</p> : null;

/** Who may reprint what: the grant form, used for a request and on its own. */
export function GrantForm(props: { chrome: AdminChrome; form: GrantFormView; submit: string }) {
  const { form } = props;
  const known = ['partnerName', 'scope', 'section', 'articles', 'expiresAt', 'notes'];
  return (
    <form method="post" action={form.action}>
      <input type="hidden" name="_csrf" value={props.chrome.csrf} />
      {form.error && !known.includes(form.error.field) ? <p class="notice error">{form.error.message}</p> : null}
      <label for="g-partner">{adminText('admin.partners.form.partner')}</label>
      <input id="g-partner" name="partnerName" type="text" required maxLength={200} value={form.partnerName} />
      {fieldError(form, ['partnerName'])}
      <fieldset>
        <legend>{adminText('admin.partners.form.which')}</legend>
        <label>
          <input type="radio" name="scope" value="all" checked={form.scopeKind === 'all'} /> {adminText('admin.partners.form.everything')}
        </label>
        <label>
          <input type="radio" name="scope" value="section" checked={form.scopeKind === 'section'} /> {adminText('admin.partners.form.oneSection')}
        </label>
        <select id="g-section" name="section" aria-label={adminText('admin.partners.form.section')}>
          <option value="">{adminText('admin.partners.form.chooseSection')}</option>
          {form.sections.map((s) => (
            <option value={s.slug} selected={s.slug === form.section}>
              {s.name}
            </option>
          ))}
        </select>
        {fieldError(form, ['section'])}
        <label>
          <input type="radio" name="scope" value="articles" checked={form.scopeKind === 'articles'} /> {adminText('admin.partners.form.theseArticles')}
        </label>
        <textarea id="g-articles" name="articles" rows={4} maxLength={40000} aria-label={adminText('admin.partners.form.articleSlugs')}>
          {form.articles}
        </textarea>
        {fieldError(form, ['articles', 'scope'])}
      </fieldset>
      <label>
        <input type="checkbox" name="fullText" value="yes" checked={form.fullText} /> {adminText('admin.partners.form.fullText')}
      </label>
      <label for="g-expires">
        {adminText('admin.partners.form.ends')} <span class="hint">{adminText('admin.partners.form.endsHint')}</span>
      </label>
      <input id="g-expires" name="expiresAt" type="date" value={form.expiresOn} />
      {fieldError(form, ['expiresAt'])}
      <label for="g-notes">
        {adminText('admin.partners.form.notes')} <span class="hint">{adminText('admin.partners.form.notesHint')}</span>
      </label>
      <textarea id="g-notes" name="notes" rows={3} maxLength={2000}>
        {form.notes}
      </textarea>
      {fieldError(form, ['notes'])}
      <div class="actions">
        <button type="submit">{props.submit}</button>
      </div>
    </form>
  );
}

/** Every grant with its keys, usage and state, and a revoke button while it is active. */
export function GrantsTable(props: { chrome: AdminChrome; grants: GrantRowView[] }) {
  return props.grants.length === 0 ? (
    <p>{adminText('admin.partners.grants.empty')}</p>
  ) : (
    <table>
      <thead>
        <tr>
          <th scope="col">{adminText('admin.partners.grants.partner')}</th>
          <th scope="col">{adminText('admin.partners.grants.covers')}</th>
          <th scope="col">{adminText('admin.partners.grants.fullText')}</th>
          <th scope="col">{adminText('admin.partners.grants.ends')}</th>
          <th scope="col">{adminText('admin.partners.grants.key')}</th>
          <th scope="col">{adminText('admin.partners.grants.fetches')}</th>
          <th scope="col">{adminText('admin.partners.grants.views')}</th>
          <th scope="col">{adminText('admin.partners.grants.state')}</th>
        </tr>
      </thead>
      <tbody>
        {props.grants.map((g) => (
          <tr id={`grant-${g.id}`}>
            <td>
              {g.partnerName}
              <br />
              <span class="hint">
                {adminText('admin.partners.grants.granted', { id: String(g.id), when: <Moment m={g.granted} /> })}
                {g.requestHref ? (
                  <>
                    {' '}
                    (<a href={g.requestHref}>{adminText('admin.partners.grants.requestLink')}</a>)
                  </>
                ) : null}
              </span>
              {g.notes ? (
                <>
                  <br />
                  <span class="hint">{g.notes}</span>
                </>
              ) : null}
            </td>
            <td>{g.scope}</td>
            <td>{yesNo(g.fullText)}</td>
            <td>{g.expires}</td>
            <td>
              {g.keyPrefixes.map((p) => (
                <code>{p}…</code>
              ))}
            </td>
            <td>{g.fetches}</td>
            <td>{g.views}</td>
            <td>
              <span class={`status status-${g.state}`}>{GRANT_STATES[g.state]()}</span>
              {g.revokeAction ? (
                <form method="post" action={g.revokeAction}>
                  <input type="hidden" name="_csrf" value={props.chrome.csrf} />
                  <button type="submit" class="danger">
                    {adminText('admin.partners.grants.revoke')}
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A grant made without a request (a partner who wrote in, or an agreement made elsewhere). */
export function NewGrantPage(props: { chrome: AdminChrome; form: GrantFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.partners.newGrant.title')}>
      <h1>{adminText('admin.partners.newGrant.heading')}</h1>
      <section class="panel">
        <GrantForm chrome={props.chrome} form={props.form} submit={adminText('admin.partners.form.grant')} />
      </section>
      <p>
        <a href="/admin/partners">{adminText('admin.partners.all')}</a>
      </p>
    </AdminLayout>
  );
}

/** Right after granting: the key, this once. */
export function GrantKeyPage(props: {
  chrome: AdminChrome;
  grant: { id: number; partnerName: string; scope: string; fullText: boolean; expires: string };
  key: string;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.partners.key.title')}>
      <h1>{adminText('admin.partners.key.heading', { partner: props.grant.partnerName })}</h1>
      <div class="panel">
        <p>{adminText('admin.partners.key.once', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <code class="once">{props.key}</code>
      </div>
      <p>
        {adminText('admin.partners.key.summary', {
          id: String(props.grant.id),
          scope: props.grant.scope,
          fullText: props.grant.fullText ? 'yes' : 'no',
          expires: props.grant.expires,
        })}
      </p>
      <p>
        <a href="/admin/partners">{adminText('admin.partners.all')}</a>
      </p>
    </AdminLayout>
  );
}
