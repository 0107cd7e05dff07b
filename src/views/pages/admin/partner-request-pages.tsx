import { adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { GrantForm, yesNo, type GrantFormView } from './partner-grant-pages.js';

/** Requests to republish, as they came in from the public form: the list's table and one request's page. */

export interface RequestRowView {
  id: number;
  href: string;
  organisation: string;
  contact: string;
  wantsFullText: boolean;
  status: 'new' | 'granted' | 'refused';
  received: MomentView;
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

const REQUEST_STATES = {
  new: () => adminText('admin.partners.requests.state.new'),
  granted: () => adminText('admin.partners.requests.state.granted'),
  refused: () => adminText('admin.partners.requests.state.refused'),
} as const;

/** The requests, undecided first, each linking to its page. */
export function RequestsTable(props: { requests: RequestRowView[] }) {
  return props.requests.length === 0 ? (
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
