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
      <label for="g-partner">Partner</label>
      <input id="g-partner" name="partnerName" type="text" required maxLength={200} value={form.partnerName} />
      {fieldError(form, ['partnerName'])}
      <fieldset>
        <legend>Which articles</legend>
        <label>
          <input type="radio" name="scope" value="all" checked={form.scopeKind === 'all'} /> Everything we publish
        </label>
        <label>
          <input type="radio" name="scope" value="section" checked={form.scopeKind === 'section'} /> One section:
        </label>
        <select id="g-section" name="section" aria-label="Section">
          <option value="">Choose a section</option>
          {form.sections.map((s) => (
            <option value={s.slug} selected={s.slug === form.section}>
              {s.name}
            </option>
          ))}
        </select>
        {fieldError(form, ['section'])}
        <label>
          <input type="radio" name="scope" value="articles" checked={form.scopeKind === 'articles'} /> These articles (slugs, one a line):
        </label>
        <textarea id="g-articles" name="articles" rows={4} maxLength={40000} aria-label="Article slugs">
          {form.articles}
        </textarea>
        {fieldError(form, ['articles', 'scope'])}
      </fieldset>
      <label>
        <input type="checkbox" name="fullText" value="yes" checked={form.fullText} /> Full text (the partner may reprint whole articles)
      </label>
      <label for="g-expires">
        Ends after <span class="hint">(the last day, UTC; empty for no end)</span>
      </label>
      <input id="g-expires" name="expiresAt" type="date" value={form.expiresOn} />
      {fieldError(form, ['expiresAt'])}
      <label for="g-notes">
        Notes <span class="hint">(terms agreed, who asked; the newsroom sees these, the partner does not)</span>
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
    <AdminLayout chrome={props.chrome} title="Reprint partners">
      <h1>Reprint partners</h1>
      <p class="actions">
        <a class="button" href="/admin/partners/grants/new">
          New grant
        </a>
        <a href="/republish" target="_blank" rel="noopener">
          The public request form
        </a>
      </p>
      <h2>Requests</h2>
      {props.requests.length === 0 ? (
        <p>No requests yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Organisation</th>
              <th scope="col">Contact</th>
              <th scope="col">Full text?</th>
              <th scope="col">Status</th>
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
                <td>{r.wantsFullText ? 'yes' : 'no'}</td>
                <td>
                  <span class={`status status-${r.status}`}>{r.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Grants</h2>
      {props.grants.length === 0 ? (
        <p>No grants yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Covers</th>
              <th scope="col">Full text</th>
              <th scope="col">Ends</th>
              <th scope="col">Key</th>
              <th scope="col">Fetches</th>
              <th scope="col">Views</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.grants.map((g) => (
              <tr id={`grant-${g.id}`}>
                <td>
                  {g.partnerName}
                  <br />
                  <span class="hint">
                    #{g.id}, granted <Moment m={g.granted} />
                    {g.requestHref ? (
                      <>
                        {' '}
                        (<a href={g.requestHref}>request</a>)
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
                <td>{g.fullText ? 'yes' : 'no'}</td>
                <td>{g.expires}</td>
                <td>
                  {g.keyPrefixes.map((p) => (
                    <code>{p}…</code>
                  ))}
                </td>
                <td>{g.fetches}</td>
                <td>{g.views}</td>
                <td>
                  <span class={`status status-${g.state}`}>{g.state}</span>
                  {g.revokeAction ? (
                    <form method="post" action={g.revokeAction}>
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />
                      <button type="submit" class="danger">
                        Revoke
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">Fetches: full texts taken with the grant's key. Views: readers of republished copies of the articles it fetched, from any site.</p>
      <h2>Republished copies read</h2>
      {props.views.length === 0 ? (
        <p>No views of republished copies yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Site</th>
              <th scope="col">Views</th>
              <th scope="col">Last seen (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {props.views.map((v) => (
              <tr>
                <td>
                  <a href={v.articleHref}>{v.articleHeadline}</a>
                </td>
                <td>{v.referrerHost || '(not given)'}</td>
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
    <AdminLayout chrome={props.chrome} title={`Request ${r.id}`}>
      <h1>Request from {r.organisation}</h1>
      <div class="panel">
        <p>
          <span class={`status status-${r.status}`}>{r.status}</span> Received <Moment m={r.received} />
          {r.decided ? (
            <>
              {' · decided '}
              <Moment m={r.decided} /> by {r.decidedBy ?? 'unknown'}
            </>
          ) : null}
        </p>
        <dl>
          <dt>Contact</dt>
          <dd>
            {r.contactName} &lt;{r.contactEmail}&gt;
          </dd>
          <dt>Website</dt>
          {/* Typed by a stranger: shown as text, never made a link. */}
          <dd>{r.website || '(none given)'}</dd>
          <dt>Articles</dt>
          <dd class="diff">{r.articles}</dd>
          <dt>Purpose</dt>
          <dd class="diff">{r.purpose}</dd>
          <dt>Full text</dt>
          <dd>{r.wantsFullText ? 'asked for' : 'not asked for'}</dd>
          {r.decisionNote ? (
            <>
              <dt>Decision note</dt>
              <dd>{r.decisionNote}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {r.status === 'new' ? (
        <div class="grid-2">
          <section class="panel">
            <h2>Grant</h2>
            <GrantForm chrome={props.chrome} form={props.form} submit="Grant and make a key" />
          </section>
          <section class="panel">
            <h2>Refuse</h2>
            <form method="post" action={props.refuse.action}>
              <input type="hidden" name="_csrf" value={props.chrome.csrf} />
              <label for="refuse-note">
                Note <span class="hint">(why, for the file)</span>
              </label>
              <textarea id="refuse-note" name="note" rows={3} maxLength={2000}>
                {props.refuse.note}
              </textarea>
              {props.refuse.error ? <p class="field-error">{props.refuse.error}</p> : null}
              <div class="actions">
                <button type="submit" class="danger">
                  Refuse
                </button>
              </div>
            </form>
          </section>
        </div>
      ) : null}
      <p>
        <a href="/admin/partners">All partners</a>
      </p>
    </AdminLayout>
  );
}

/** A grant made without a request (a partner who wrote in, or an agreement made elsewhere). */
export function NewGrantPage(props: { chrome: AdminChrome; form: GrantFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title="New grant">
      <h1>New reprint grant</h1>
      <section class="panel">
        <GrantForm chrome={props.chrome} form={props.form} submit="Grant and make a key" />
      </section>
      <p>
        <a href="/admin/partners">All partners</a>
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
    <AdminLayout chrome={props.chrome} title="Key issued">
      <h1>Permission granted to {props.grant.partnerName}</h1>
      <div class="panel">
        <p>
          <strong>Copy this key now and send it to the partner by a private channel.</strong> It is shown only this once: we keep a fingerprint of it, not the
          key, so nobody can show it again. If it is lost or leaks, revoke the grant and grant again.
        </p>
        <code class="once">{props.key}</code>
      </div>
      <p>
        Grant #{props.grant.id} covers {props.grant.scope}, {props.grant.fullText ? 'full text' : 'no full text'}, ends: {props.grant.expires}.
      </p>
      <p>
        <a href="/admin/partners">All partners</a>
      </p>
    </AdminLayout>
  );
}
