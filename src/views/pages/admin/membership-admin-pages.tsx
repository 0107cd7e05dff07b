import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { adminText } from '../../../i18n/admin-text.js';

export interface MemberRowView {
  href: string;
  email: string;
  name: string;
  joined: MomentView;
  patron: boolean;
}

export interface TierOptionView {
  id: number;
  name: string;
}

export interface GrantFormValues {
  email: string;
  tierId: string;
  until: string;
  note: string;
}

export const EMPTY_GRANT: GrantFormValues = { email: '', tierId: '', until: '', note: '' };

function GrantForm(props: { csrf: string; tiers: TierOptionView[]; values: GrantFormValues; errors: Record<string, string> }) {
  const { values: v, errors: e } = props;
  const error = (name: string) => (e[name] ? <p class="field-error">{e[name]}</p> : null);
  return (
    <form method="post" action="/admin/members/grant" class="panel">
      <h2>{adminText('grant.heading')}</h2>
      <p class="hint">{adminText('grant.hint')}</p>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for="g-email">{adminText('grant.field.email')}</label>
      <input id="g-email" name="email" type="email" required maxLength={254} value={v.email} />
      {error('email')}
      <label for="g-tier">{adminText('grant.field.tier')}</label>
      <select id="g-tier" name="tierId">
        <option value="" selected={v.tierId === ''}>
          {adminText('grant.noTier')}
        </option>
        {props.tiers.map((t) => (
          <option value={String(t.id)} selected={v.tierId === String(t.id)}>
            {t.name}
          </option>
        ))}
      </select>
      {error('tierId')}
      <label for="g-until">
        {adminText('grant.field.until')} <span class="hint">{adminText('grant.field.untilHint')}</span>
      </label>
      <input id="g-until" name="until" type="date" value={v.until} />
      {error('until')}
      <label for="g-note">{adminText('grant.field.note')}</label>
      <input id="g-note" name="note" maxLength={500} value={v.note} />
      {error('note')}
      <div class="actions">
        <button type="submit">{adminText('grant.submit')}</button>
      </div>
    </form>
  );
}

/** Readers with accounts, who among them are patrons, and the hand-grant form. */
export function MembersAdminPage(props: {
  chrome: AdminChrome;
  query: string;
  members: MemberRowView[];
  patronCount: number;
  nextHref: string | null;
  tiers: TierOptionView[];
  grant: GrantFormValues;
  grantErrors: Record<string, string>;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('members.title')}>
      <h1>{adminText('members.title')}</h1>
      <p>
        {adminText('members.patronCount', { count: props.patronCount })} <a href="/admin/tiers">{adminText('tiers.title')}</a> ·{' '}
        <a href="/admin/support">{adminText('support.title')}</a>
      </p>
      <form method="get" action="/admin/members" class="search-row" role="search">
        <label for="q">{adminText('members.search.label')}</label>
        <input id="q" name="q" type="search" value={props.query} maxLength={254} placeholder={adminText('members.search.placeholder')} />
        <button type="submit">{adminText('members.search.submit')}</button>
      </form>
      {props.members.length === 0 ? (
        <p class="empty">{props.query ? adminText('members.empty.match') : adminText('members.empty.none')}</p>
      ) : (
        <table class="list-on-phone">
          <thead>
            <tr>
              <th scope="col">{adminText('members.column.email')}</th>
              <th scope="col">{adminText('members.column.name')}</th>
              <th scope="col">{adminText('members.column.joined')}</th>
              <th scope="col">{adminText('members.column.patron')}</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr>
                <td>
                  <a href={m.href}>{m.email}</a>
                </td>
                <td data-label={adminText('members.column.name')}>{m.name}</td>
                <td data-label={adminText('members.column.joined')}>
                  <Moment m={m.joined} />
                </td>
                <td data-label={adminText('members.column.patron')}>{m.patron ? adminText('members.patron.yes') : adminText('members.patron.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>{adminText('members.more')}</a>
        </p>
      ) : null}
      <GrantForm csrf={props.chrome.csrf} tiers={props.tiers} values={props.grant} errors={props.grantErrors} />
    </AdminLayout>
  );
}

export interface PatronageRowView {
  tier: string;
  source: string;
  status: string;
  until: string;
  note: string;
  grantedBy: string;
  endAction: string | null;
}

/** One member: who, since when, and every patronage, with a way to end the ones granted by hand. */
export function MemberAdminPage(props: {
  chrome: AdminChrome;
  email: string;
  name: string;
  joined: MomentView;
  stripeCustomer: string | null;
  patron: boolean;
  patronages: PatronageRowView[];
  tiers: TierOptionView[];
}) {
  return (
    <AdminLayout chrome={props.chrome} title={props.email}>
      <p>
        <a href="/admin/members">{adminText('membership.backToMembers')}</a>
      </p>
      <h1>{props.email}</h1>
      <p>
        {props.name
          ? adminText('member.joinedNamed', { name: props.name, when: <Moment m={props.joined} /> })
          : adminText('member.joined', { when: <Moment m={props.joined} /> })}{' '}
        {props.patron ? adminText('member.patronNow') : adminText('member.notPatronNow')}
        {props.stripeCustomer ? ` ${adminText('member.stripeCustomer', { id: props.stripeCustomer })}` : ''}
      </p>
      <h2>{adminText('member.patronages')}</h2>
      {props.patronages.length === 0 ? (
        <p class="empty">{adminText('member.patronages.none')}</p>
      ) : (
        <table class="list-on-phone">
          <thead>
            <tr>
              <th scope="col">{adminText('member.column.tier')}</th>
              <th scope="col">{adminText('member.column.paidBy')}</th>
              <th scope="col">{adminText('member.column.status')}</th>
              <th scope="col">{adminText('member.column.until')}</th>
              <th scope="col">{adminText('member.column.note')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {props.patronages.map((p) => (
              <tr>
                <td>{p.tier}</td>
                <td data-label={adminText('member.column.paidBy')}>{p.source}</td>
                <td data-label={adminText('member.column.status')}>{p.status}</td>
                <td data-label={adminText('member.column.until')}>{p.until}</td>
                <td data-label={adminText('member.column.note')}>
                  {p.note}
                  {p.grantedBy ? <span class="hint"> ({p.grantedBy})</span> : null}
                </td>
                <td>
                  {p.endAction ? (
                    <form method="post" action={p.endAction}>
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />
                      <button type="submit" class="secondary">
                        {adminText('member.endNow')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GrantForm csrf={props.chrome.csrf} tiers={props.tiers} values={{ ...EMPTY_GRANT, email: props.email }} errors={{}} />
    </AdminLayout>
  );
}
