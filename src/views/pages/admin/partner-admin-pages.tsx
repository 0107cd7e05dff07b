import { adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface RequestRowView {
  id: number;
  href: string;
  organisation: string;
  contact: string;
  wantsFullText: boolean;
  status: 'new' | 'granted' | 'refused';
  received: MomentView;
}

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

export interface ViewRowView {
  articleHeadline: string;
  articleHref: string;
  referrerHost: string;
  views: number;
  lastDay: string;
}

/** The request as it came in: every value typed by someone outside the newsroom. */
export interface RequestDetailView {
  id: number;
  organisation: string;
  contactName: string;
  contactEmail: string;
  website: string;
  articles: string;
  purpose: string;
  wantsFullText: boolean;
  status: 'new' | 'granted' | 'refused';
  received: MomentView;
  decided: MomentView | null;
  decidedBy: string | null;
  decisionNote: string;
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

const REQUEST_STATES = {
  new: () => adminText('admin.partners.requests.state.new'),
  granted: () => adminText('admin.partners.requests.state.granted'),
  refused: () => adminText('admin.partners.requests.state.refused'),
} as const;
const GRANT_STATES = {
  active: () => adminText('admin.partners.grants.state.active'),
  expired: () => adminText('admin.partners.grants.state.expired'),
  revoked: () => adminText('admin.partners.grants.state.revoked'),
} as const;
const yesNo = (yes: boolean) => (yes ? adminText('admin.partners.yes') : adminText('admin.partners.no'));

const fieldError = (form: GrantFormView, fields: string[]) =>
  form.error && fields.includes(form.error.field) ? <p class="field-error">{form.error.message}</p> : null;

/** Who may reprint what: the grant form, used for a request and on its own. */
function GrantForm(props: { chrome: AdminChrome; form: GrantFormView; submit: string }) {
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

/** Requests (undecided first), grants with their keys and usage, and where republished copies are read. */
export function PartnersPage(props: { chrome: AdminChrome; requests: RequestRowView[]; grants: GrantRowView[]; views: ViewRowView[] }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.partners.list.heading')}>
      <h1>{adminText('admin.partners.list.heading')}</h1>
      <p class="actions">
        <a class="button" href="/admin/partners/grants/new">
          {adminText('admin.partners.list.newGrant')}
        </a>
        <a href="/republish" target="_blank" rel="noopener">
          {adminText('admin.partners.list.publicForm')}
        </a>
      </p>
      <h2>{adminText('admin.partners.requests.heading')}</h2>
      {props.requests.length === 0 ? (
        <p>{adminText('admin.partners.requests.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{adminText('admin.partners.requests.received')}</th>
              <th scope="col">{adminText('admin.partners.requests.organisation')}</th>
              <th scope="col">{adminText('admin.partners.requests.contact')}</th>
              <th scope="col">{adminText('admin.partners.requests.fullText')}</th>
              <th scope="col">{adminText('admin.partners.requests.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.requests.map((r) => (
              <tr>
                <td>
                  <Moment m={r.received} />
                </td>
                <td>
                  <a href={r.href}>{r.organisation}</a>
                </td>
                <td>{r.contact}</td>
                <td>{yesNo(r.wantsFullText)}</td>
                <td>
                  <span class={`status status-${r.status}`}>{REQUEST_STATES[r.status]()}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{adminText('admin.partners.grants.heading')}</h2>
      {props.grants.length === 0 ? (
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
      )}
      <p class="hint">{adminText('admin.partners.grants.hint')}</p>
      <h2>{adminText('admin.partners.views.heading')}</h2>
      {props.views.length === 0 ? (
        <p>{adminText('admin.partners.views.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{adminText('admin.partners.views.article')}</th>
              <th scope="col">{adminText('admin.partners.views.site')}</th>
              <th scope="col">{adminText('admin.partners.views.views')}</th>
              <th scope="col">{adminText('admin.partners.views.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {props.views.map((v) => (
              <tr>
                <td>
                  <a href={v.articleHref}>{v.articleHeadline}</a>
                </td>
                <td>{v.referrerHost || adminText('admin.partners.views.noSite')}</td>
                <td>{v.views}</td>
                <td>{v.lastDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** One request: what they asked, and the grant and refuse forms while it is undecided. */
export function PartnerRequestPage(props: {
  chrome: AdminChrome;
  request: RequestDetailView;
  form: GrantFormView;
  refuse: { action: string; note: string; error: string | null };
}) {
  const r = props.request;
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.partners.request.title', { id: String(r.id) })}>
      <h1>{adminText('admin.partners.request.heading', { organisation: r.organisation })}</h1>
      <div class="panel">
        <p>
          <span class={`status status-${r.status}`}>{REQUEST_STATES[r.status]()}</span>{' '}
          {adminText('admin.partners.request.received', { when: <Moment m={r.received} /> })}
          {r.decided ? (
            <>
              {' · '}
              {adminText('admin.partners.request.decided', {
                when: <Moment m={r.decided} />,
                who: r.decidedBy ?? adminText('admin.partners.request.unknown'),
              })}
            </>
          ) : null}
        </p>
        <dl>
          <dt>{adminText('admin.partners.request.contact')}</dt>
          <dd>
            {r.contactName} &lt;{r.contactEmail}&gt;
          </dd>
          <dt>{adminText('admin.partners.request.website')}</dt>
          {/* Typed by a stranger: shown as text, never made a link. */}
          <dd>{r.website || adminText('admin.partners.request.noWebsite')}</dd>
          <dt>{adminText('admin.partners.request.articles')}</dt>
          <dd class="diff">{r.articles}</dd>
          <dt>{adminText('admin.partners.request.purpose')}</dt>
          <dd class="diff">{r.purpose}</dd>
          <dt>{adminText('admin.partners.request.fullText')}</dt>
          <dd>{r.wantsFullText ? adminText('admin.partners.request.askedFor') : adminText('admin.partners.request.notAskedFor')}</dd>
          {r.decisionNote ? (
            <>
              <dt>{adminText('admin.partners.request.decisionNote')}</dt>
              <dd>{r.decisionNote}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {r.status === 'new' ? (
        <div class="grid-2">
          <section class="panel">
            <h2>{adminText('admin.partners.request.grant')}</h2>
            <GrantForm chrome={props.chrome} form={props.form} submit={adminText('admin.partners.form.grant')} />
          </section>
          <section class="panel">
            <h2>{adminText('admin.partners.request.refuse')}</h2>
            <form method="post" action={props.refuse.action}>
              <input type="hidden" name="_csrf" value={props.chrome.csrf} />
              <label for="refuse-note">
                {adminText('admin.partners.request.note')} <span class="hint">{adminText('admin.partners.request.noteHint')}</span>
              </label>
              <textarea id="refuse-note" name="note" rows={3} maxLength={2000}>
                {props.refuse.note}
              </textarea>
              {props.refuse.error ? <p class="field-error">{props.refuse.error}</p> : null}
              <div class="actions">
                <button type="submit" class="danger">
                  {adminText('admin.partners.request.refuseButton')}
                </button>
              </div>
            </form>
          </section>
        </div>
      ) : null}
      <p>
        <a href="/admin/partners">{adminText('admin.partners.all')}</a>
      </p>
    </AdminLayout>
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
