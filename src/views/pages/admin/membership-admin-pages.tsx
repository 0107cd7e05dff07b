import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

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
      <h2>Grant patronage by hand</h2>
      <p class="hint">For a bank transfer, a grant or a gift. A new address becomes a reader account; they sign in with it.</p>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for="g-email">Email</label>
      <input id="g-email" name="email" type="email" required maxLength={254} value={v.email} />
      {error('email')}
      <label for="g-tier">Tier</label>
      <select id="g-tier" name="tierId">
        <option value="" selected={v.tierId === ''}>
          No tier (a vote counts once)
        </option>
        {props.tiers.map((t) => (
          <option value={String(t.id)} selected={v.tierId === String(t.id)}>
            {t.name}
          </option>
        ))}
      </select>
      {error('tierId')}
      <label for="g-until">
        Last day <span class="hint">(empty: until further notice)</span>
      </label>
      <input id="g-until" name="until" type="date" value={v.until} />
      {error('until')}
      <label for="g-note">Note (who paid, how)</label>
      <input id="g-note" name="note" maxLength={500} value={v.note} />
      {error('note')}
      <div class="actions">
        <button type="submit">Grant</button>
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
    <AdminLayout chrome={props.chrome} title="Members">
      <h1>Members</h1>
      <p>
        {props.patronCount} current patron{props.patronCount === 1 ? '' : 's'}. <a href="/admin/tiers">Tiers</a> ·{' '}
        <a href="/admin/support">Support page and appeal</a>
      </p>
      <form method="get" action="/admin/members" class="search-row" role="search">
        <label for="q">Find a member by email</label>
        <input id="q" name="q" type="search" value={props.query} maxLength={254} placeholder="name@example.org" />
        <button type="submit">Search</button>
      </form>
      {props.members.length === 0 ? (
        <p class="empty">No members{props.query ? ' match' : ' yet'}.</p>
      ) : (
        <table class="list-on-phone">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Joined</th>
              <th scope="col">Patron</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr>
                <td>
                  <a href={m.href}>{m.email}</a>
                </td>
                <td data-label="Name">{m.name}</td>
                <td data-label="Joined">
                  <Moment m={m.joined} />
                </td>
                <td data-label="Patron">{m.patron ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>More members</a>
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
        <a href="/admin/members">← Members</a>
      </p>
      <h1>{props.email}</h1>
      <p>
        {props.name ? `${props.name}, ` : ''}joined <Moment m={props.joined} />. {props.patron ? 'A patron now.' : 'Not a patron now.'}
        {props.stripeCustomer ? ` Stripe customer ${props.stripeCustomer}.` : ''}
      </p>
      <h2>Patronages</h2>
      {props.patronages.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <table class="list-on-phone">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Paid by</th>
              <th scope="col">Status</th>
              <th scope="col">Until</th>
              <th scope="col">Note</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {props.patronages.map((p) => (
              <tr>
                <td>{p.tier}</td>
                <td data-label="Paid by">{p.source}</td>
                <td data-label="Status">{p.status}</td>
                <td data-label="Until">{p.until}</td>
                <td data-label="Note">
                  {p.note}
                  {p.grantedBy ? <span class="hint"> ({p.grantedBy})</span> : null}
                </td>
                <td>
                  {p.endAction ? (
                    <form method="post" action={p.endAction}>
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />
                      <button type="submit" class="secondary">
                        End now
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

export interface TierFormValues {
  name: string;
  description: string;
  monthlyPrice: string;
  yearlyPrice: string;
  currency: string;
  voteWeight: string;
  position: string;
}

export interface TierRowView {
  id: number;
  values: TierFormValues;
  archived: boolean;
  errors: Record<string, string>;
}

function TierForm(props: {
  csrf: string;
  action: string;
  values: TierFormValues;
  errors: Record<string, string>;
  currencies: readonly string[];
  submit: string;
  idPrefix: string;
}) {
  const { values: v, errors: e, idPrefix: p } = props;
  const error = (name: string) => (e[name] ? <p class="field-error">{e[name]}</p> : null);
  return (
    <form method="post" action={props.action} class="panel">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for={`${p}-name`}>Name</label>
      <input id={`${p}-name`} name="name" required maxLength={60} value={v.name} />
      {error('name')}
      <label for={`${p}-description`}>Description</label>
      <textarea id={`${p}-description`} name="description" rows={2} maxLength={500}>
        {v.description}
      </textarea>
      {error('description')}
      <label for={`${p}-monthly`}>
        Monthly price <span class="hint">(e.g. 4.50; empty: not offered monthly)</span>
      </label>
      <input id={`${p}-monthly`} name="monthlyPrice" inputMode="decimal" value={v.monthlyPrice} />
      {error('monthlyPrice')}
      <label for={`${p}-yearly`}>Yearly price</label>
      <input id={`${p}-yearly`} name="yearlyPrice" inputMode="decimal" value={v.yearlyPrice} />
      {error('yearlyPrice')}
      <label for={`${p}-currency`}>Currency</label>
      <select id={`${p}-currency`} name="currency">
        {props.currencies.map((c) => (
          <option value={c} selected={v.currency === c}>
            {c}
          </option>
        ))}
      </select>
      {error('currency')}
      <label for={`${p}-weight`}>
        Vote weight <span class="hint">(how many times a patron's vote on a topic counts; 1 = equal votes)</span>
      </label>
      <input id={`${p}-weight`} name="voteWeight" inputMode="numeric" value={v.voteWeight} />
      {error('voteWeight')}
      <label for={`${p}-position`}>Order on the support page</label>
      <input id={`${p}-position`} name="position" inputMode="numeric" value={v.position} />
      {error('position')}
      <div class="actions">
        <button type="submit">{props.submit}</button>
      </div>
    </form>
  );
}

/** Tiers: what patrons can choose, at what price, and how much their vote weighs. */
export function TiersAdminPage(props: {
  chrome: AdminChrome;
  tiers: TierRowView[];
  newTier: TierFormValues;
  newErrors: Record<string, string>;
  currencies: readonly string[];
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Tiers">
      <p>
        <a href="/admin/members">← Members</a>
      </p>
      <h1>Tiers</h1>
      {props.tiers.map((t) => (
        <section>
          <h2>
            {t.values.name}
            {t.archived ? ' (archived)' : ''}
          </h2>
          <TierForm
            csrf={props.chrome.csrf}
            action={`/admin/tiers/${t.id}`}
            values={t.values}
            errors={t.errors}
            currencies={props.currencies}
            submit="Save tier"
            idPrefix={`t${t.id}`}
          />
          <form method="post" action={`/admin/tiers/${t.id}/${t.archived ? 'restore' : 'archive'}`} class="actions">
            <input type="hidden" name="_csrf" value={props.chrome.csrf} />
            <button type="submit" class="secondary">
              {t.archived ? 'Offer it again' : 'Stop offering it'}
            </button>
          </form>
        </section>
      ))}
      <h2>New tier</h2>
      <TierForm
        csrf={props.chrome.csrf}
        action="/admin/tiers"
        values={props.newTier}
        errors={props.newErrors}
        currencies={props.currencies}
        submit="Add tier"
        idPrefix="new"
      />
    </AdminLayout>
  );
}

export interface SupportSettingsValues {
  pitch: string;
  otherWays: string;
  payByHand: string;
  appealEnabled: boolean;
  appealHeading: string;
  appealText: string;
  appealButton: string;
  dismissDays: string;
  skipFirstArticles: string;
}

/** The words on /support and in the appeal, how often the appeal shows, and what Stripe has told us. */
export function SupportAdminPage(props: {
  chrome: AdminChrome;
  values: SupportSettingsValues;
  errors: Record<string, string>;
  stripeConfigured: boolean;
  events: { id: string; type: string; at: MomentView; outcome: string }[];
}) {
  const { values: v, errors: e } = props;
  const error = (name: string) => (e[name] ? <p class="field-error">{e[name]}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title="Support page and appeal">
      <p>
        <a href="/admin/members">← Members</a>
      </p>
      <h1>Support page and appeal</h1>
      <form method="post" action="/admin/support" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="s-pitch">Why support us (top of /support; blank lines separate paragraphs)</label>
        <textarea id="s-pitch" name="pitch" rows={4}>
          {v.pitch}
        </textarea>
        {error('pitch')}
        <label for="s-other">Other ways to support (bank details, in kind…)</label>
        <textarea id="s-other" name="otherWays" rows={6}>
          {v.otherWays}
        </textarea>
        {error('otherWays')}
        <label for="s-by-hand">
          Joining without a card{' '}
          <span class="hint">
            (shown on every tier while card payments are not set up: bank details, or what to write; the contact address from Settings is added below it)
          </span>
        </label>
        <textarea id="s-by-hand" name="payByHand" rows={4}>
          {v.payByHand}
        </textarea>
        {error('payByHand')}
        <label>
          <input type="checkbox" name="appealEnabled" value="1" checked={v.appealEnabled} /> Show the appeal at the end of stories (patrons never see it)
        </label>
        <label for="s-heading">Appeal heading</label>
        <input id="s-heading" name="appealHeading" maxLength={120} value={v.appealHeading} />
        {error('appealHeading')}
        <label for="s-text">Appeal text</label>
        <textarea id="s-text" name="appealText" rows={3} maxLength={600}>
          {v.appealText}
        </textarea>
        {error('appealText')}
        <label for="s-button">Button</label>
        <input id="s-button" name="appealButton" maxLength={40} value={v.appealButton} />
        {error('appealButton')}
        <label for="s-skip">Stories a reader reads before the appeal first shows</label>
        <input id="s-skip" name="skipFirstArticles" inputMode="numeric" value={v.skipFirstArticles} />
        {error('skipFirstArticles')}
        <label for="s-days">Days a dismissed appeal stays away</label>
        <input id="s-days" name="dismissDays" inputMode="numeric" value={v.dismissDays} />
        {error('dismissDays')}
        <div class="actions">
          <button type="submit">Save</button>
        </div>
      </form>
      <h2>Card payments</h2>
      <p>
        {props.stripeConfigured
          ? 'Stripe is configured. Its webhook endpoint is /webhooks/stripe; the latest events it sent are below.'
          : 'Stripe is not configured (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET). Readers see the other ways to support you; grant patronage by hand on the Members page.'}
      </p>
      {props.events.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((ev) => (
              <tr>
                <td>
                  <Moment m={ev.at} />
                </td>
                <td>
                  {ev.type} <span class="hint">{ev.id}</span>
                </td>
                <td>{ev.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminLayout>
  );
}
