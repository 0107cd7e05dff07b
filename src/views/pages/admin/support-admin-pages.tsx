import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { TranslationFieldsets, type FormLanguages } from './translation-fields.js';
import { adminText } from '../../../i18n/admin-text.js';

export interface TierFormValues {
  name: string;
  description: string;
  monthlyPrice: string;
  yearlyPrice: string;
  currency: string;
  voteWeight: string;
  position: string;
  /** The name and description in other languages, as `tr.<lang>.<field>`. */
  translated: Record<string, string>;
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
  languages: FormLanguages;
}) {
  const { values: v, errors: e, idPrefix: p } = props;
  const error = (name: string) => (e[name] ? <p class="field-error">{e[name]}</p> : null);
  return (
    <form method="post" action={props.action} class="panel">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for={`${p}-name`}>{adminText('tiers.field.name')}</label>
      <input id={`${p}-name`} name="name" required maxLength={60} value={v.name} />
      {error('name')}
      <label for={`${p}-description`}>{adminText('tiers.field.description')}</label>
      <textarea id={`${p}-description`} name="description" rows={2} maxLength={500}>
        {v.description}
      </textarea>
      {error('description')}
      <TranslationFieldsets
        languages={props.languages}
        fields={[
          { name: 'name', label: adminText('tiers.field.name'), maxLength: 60 },
          { name: 'description', label: adminText('tiers.field.description'), rows: 2, maxLength: 500 },
        ]}
        values={v.translated}
        errors={e}
        idPrefix={p}
      />
      <label for={`${p}-monthly`}>
        {adminText('tiers.field.monthly')} <span class="hint">{adminText('tiers.field.monthlyHint')}</span>
      </label>
      <input id={`${p}-monthly`} name="monthlyPrice" inputMode="decimal" value={v.monthlyPrice} />
      {error('monthlyPrice')}
      <label for={`${p}-yearly`}>{adminText('tiers.field.yearly')}</label>
      <input id={`${p}-yearly`} name="yearlyPrice" inputMode="decimal" value={v.yearlyPrice} />
      {error('yearlyPrice')}
      <label for={`${p}-currency`}>{adminText('tiers.field.currency')}</label>
      <select id={`${p}-currency`} name="currency">
        {props.currencies.map((c) => (
          <option value={c} selected={v.currency === c}>
            {c}
          </option>
        ))}
      </select>
      {error('currency')}
      <label for={`${p}-weight`}>
        {adminText('tiers.field.weight')} <span class="hint">{adminText('tiers.field.weightHint')}</span>
      </label>
      <input id={`${p}-weight`} name="voteWeight" inputMode="numeric" value={v.voteWeight} />
      {error('voteWeight')}
      <label for={`${p}-position`}>{adminText('tiers.field.position')}</label>
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
  languages: FormLanguages;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('tiers.title')}>
      <p>
        <a href="/admin/members">{adminText('membership.backToMembers')}</a>
      </p>
      <h1>{adminText('tiers.title')}</h1>
      {props.tiers.map((t) => (
        <section>
          <h2>
            {t.values.name}
            {t.archived ? ` ${adminText('tiers.archived')}` : ''}
          </h2>
          <TierForm
            csrf={props.chrome.csrf}
            action={`/admin/tiers/${t.id}`}
            values={t.values}
            errors={t.errors}
            currencies={props.currencies}
            submit={adminText('tiers.save')}
            idPrefix={`t${t.id}`}
            languages={props.languages}
          />
          <form method="post" action={`/admin/tiers/${t.id}/${t.archived ? 'restore' : 'archive'}`} class="actions">
            <input type="hidden" name="_csrf" value={props.chrome.csrf} />
            <button type="submit" class="secondary">
              {t.archived ? adminText('tiers.restore') : adminText('tiers.archive')}
            </button>
          </form>
        </section>
      ))}
      <h2>{adminText('tiers.new')}</h2>
      <TierForm
        csrf={props.chrome.csrf}
        action="/admin/tiers"
        values={props.newTier}
        errors={props.newErrors}
        currencies={props.currencies}
        submit={adminText('tiers.add')}
        idPrefix="new"
        languages={props.languages}
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
  /** The texts in other languages, as `tr.<lang>.<field>`. */
  translated: Record<string, string>;
}

/** The words on /support and in the appeal, how often the appeal shows, and what Stripe has told us. */
export function SupportAdminPage(props: {
  chrome: AdminChrome;
  values: SupportSettingsValues;
  errors: Record<string, string>;
  stripeConfigured: boolean;
  events: { id: string; type: string; at: MomentView; outcome: string }[];
  languages: FormLanguages;
}) {
  const { values: v, errors: e } = props;
  const error = (name: string) => (e[name] ? <p class="field-error">{e[name]}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title={adminText('support.title')}>
      <p>
        <a href="/admin/members">{adminText('membership.backToMembers')}</a>
      </p>
      <h1>{adminText('support.title')}</h1>
      <form method="post" action="/admin/support" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="s-pitch">{adminText('support.field.pitch')}</label>
        <textarea id="s-pitch" name="pitch" rows={4}>
          {v.pitch}
        </textarea>
        {error('pitch')}
        <label for="s-other">{adminText('support.field.otherWays')}</label>
        <textarea id="s-other" name="otherWays" rows={6}>
          {v.otherWays}
        </textarea>
        {error('otherWays')}
        <label for="s-by-hand">
          {adminText('support.field.payByHand')} <span class="hint">{adminText('support.field.payByHandHint')}</span>
        </label>
        <textarea id="s-by-hand" name="payByHand" rows={4}>
          {v.payByHand}
        </textarea>
        {error('payByHand')}
        <label>
          <input type="checkbox" name="appealEnabled" value="1" checked={v.appealEnabled} /> {adminText('support.field.appealEnabled')}
        </label>
        <label for="s-heading">{adminText('support.field.appealHeading')}</label>
        <input id="s-heading" name="appealHeading" maxLength={120} value={v.appealHeading} />
        {error('appealHeading')}
        <label for="s-text">{adminText('support.field.appealText')}</label>
        <textarea id="s-text" name="appealText" rows={3} maxLength={600}>
          {v.appealText}
        </textarea>
        {error('appealText')}
        <label for="s-button">{adminText('support.field.appealButton')}</label>
        <input id="s-button" name="appealButton" maxLength={40} value={v.appealButton} />
        {error('appealButton')}
        <label for="s-skip">{adminText('support.field.skip')}</label>
        <input id="s-skip" name="skipFirstArticles" inputMode="numeric" value={v.skipFirstArticles} />
        {error('skipFirstArticles')}
        <label for="s-days">{adminText('support.field.dismissDays')}</label>
        <input id="s-days" name="dismissDays" inputMode="numeric" value={v.dismissDays} />
        {error('dismissDays')}
        <TranslationFieldsets
          languages={props.languages}
          fields={[
            { name: 'pitch', label: adminText('support.field.pitch'), rows: 4, maxLength: 2000 },
            { name: 'otherWays', label: adminText('support.field.otherWays'), rows: 4, maxLength: 5000 },
            { name: 'payByHand', label: adminText('support.field.payByHand'), rows: 3, maxLength: 3000 },
            { name: 'appealHeading', label: adminText('support.field.appealHeading'), maxLength: 120 },
            { name: 'appealText', label: adminText('support.field.appealText'), rows: 3, maxLength: 600 },
            { name: 'appealButton', label: adminText('support.field.appealButton'), maxLength: 40 },
          ]}
          values={v.translated}
          errors={e}
          idPrefix="s"
        />
        <div class="actions">
          <button type="submit">{adminText('support.save')}</button>
        </div>
      </form>
      <h2>{adminText('support.stripe.heading')}</h2>
      <p>{props.stripeConfigured ? adminText('support.stripe.on') : adminText('support.stripe.off')}</p>
      {props.events.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{adminText('support.events.received')}</th>
              <th scope="col">{adminText('support.events.event')}</th>
              <th scope="col">{adminText('support.events.outcome')}</th>
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
