import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { TranslationFieldsets, type FormLanguages } from './translation-fields.js';
import { adminText } from '../../../i18n/admin-text.js';
import { CATALOG_LANGUAGES } from '../../../i18n/languages.js';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  /** When the account was made, in the outlet's zone. */
  created: MomentView;
  roleOptions: string[];
}

/** Staff list, add-user form, and the one-time login link right after creating someone. */
export function UsersPage(props: {
  chrome: AdminChrome;
  users: UserRow[];
  roles: string[];
  createdLink: string | null;
  form: { email: string; name: string; role: string };
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('users.title')}>
      <h1>{adminText('users.title')}</h1>
      {props.createdLink ? (
        <div class="panel">
          <p>{adminText('users.createdLink', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <code class="once">{props.createdLink}</code>
        </div>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{adminText('users.column.email')}</th>
            <th scope="col">{adminText('users.column.name')}</th>
            <th scope="col">{adminText('users.column.role')}</th>
            <th scope="col">{adminText('users.column.since')}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>
                {u.roleOptions.length ? (
                  <form method="post" action={`/admin/users/${u.id}/role`} class="actions flush">
                    <input type="hidden" name="_csrf" value={props.chrome.csrf} />
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      {adminText('users.roleOf', { email: u.email })}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {u.roleOptions.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      {adminText('users.changeRole')}
                    </button>
                  </form>
                ) : (
                  u.role
                )}
              </td>
              <td>
                <Moment m={u.created} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="panel spaced">
        <h2>{adminText('users.add.heading')}</h2>
        <form method="post" action="/admin/users">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <label for="new-email">{adminText('users.add.email')}</label>
          <input id="new-email" name="email" type="email" required value={props.form.email} />
          <label for="new-name">{adminText('users.add.name')}</label>
          <input id="new-name" name="name" type="text" value={props.form.name} />
          <label for="new-role">{adminText('users.add.role')}</label>
          <select id="new-role" name="role">
            {props.roles.map((r) => (
              <option value={r} selected={r === props.form.role}>
                {r}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit">{adminText('users.add.submit')}</button>
          </div>
        </form>
      </div>
    </AdminLayout>
  );
}

export function SessionsPage(props: {
  chrome: AdminChrome;
  sessions: { current: boolean; userAgent: string; ip: string; loggedIn: MomentView; lastSeen: MomentView }[];
  passwordSet: boolean;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('sessions.title')}>
      <h1>{adminText('sessions.heading')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{adminText('sessions.column.browser')}</th>
            <th scope="col">{adminText('sessions.column.ip')}</th>
            <th scope="col">{adminText('sessions.column.loggedIn')}</th>
            <th scope="col">{adminText('sessions.column.lastSeen')}</th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td>
                {s.userAgent || adminText('sessions.unknownBrowser')} {s.current ? <strong>{adminText('sessions.thisOne')}</strong> : null}
              </td>
              <td>{s.ip}</td>
              <td>
                <Moment m={s.loggedIn} />
              </td>
              <td>
                <Moment m={s.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/sessions/logout-everywhere" class="actions">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <button type="submit" class="danger">
          {adminText('sessions.logOutEverywhere')}
        </button>
      </form>
      <div class="panel spaced">
        <h2>{props.passwordSet ? adminText('sessions.password.change') : adminText('sessions.password.set')}</h2>
        <form method="post" action="/admin/password">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <label for="password">
            {adminText('sessions.password.field')} <span class="hint">{adminText('sessions.password.hint')}</span>
          </label>
          <input id="password" name="password" type="password" autocomplete="new-password" minLength={12} required />
          <div class="actions">
            <button type="submit">{adminText('sessions.password.save')}</button>
          </div>
        </form>
      </div>
    </AdminLayout>
  );
}

export function AuditPage(props: {
  chrome: AdminChrome;
  entries: { at: MomentView; actor: string; action: string; subject: string; detail: string }[];
  page: number;
  hasNext: boolean;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('audit.title')}>
      <h1>{adminText('audit.title')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{adminText('audit.column.when')}</th>
            <th scope="col">{adminText('audit.column.who')}</th>
            <th scope="col">{adminText('audit.column.what')}</th>
            <th scope="col">{adminText('audit.column.on')}</th>
            <th scope="col">{adminText('audit.column.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>
                <Moment m={e.at} />
              </td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="actions">
        {props.page > 1 ? <a href={`/admin/audit?page=${props.page - 1}`}>{adminText('audit.newer')}</a> : null}
        {props.hasNext ? <a href={`/admin/audit?page=${props.page + 1}`}>{adminText('audit.older')}</a> : null}
      </p>
    </AdminLayout>
  );
}

/** Languages the settings offer: BCP 47 tags our validation accepts, named in their own language. */
const LANGUAGES = [
  'en',
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-IE',
  'en-NZ',
  'es',
  'es-MX',
  'es-US',
  'fr',
  'fr-CA',
  'de',
  'it',
  'pt',
  'pt-BR',
  'nl',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'sk',
  'ro',
  'hu',
  'el',
  'bg',
  'hr',
  'sl',
  'et',
  'lv',
  'lt',
  'uk',
  'tr',
  'ga',
  'cy',
  'ca',
  'eu',
  'gl',
  'ar',
  'he',
  'hi',
  'bn',
  'ur',
  'ja',
  'ko',
  'vi',
  'id',
  'ms',
  'th',
  'sw',
];

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Every IANA zone this Node knows, with UTC first. */
function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/**
 * Site settings. `values` are the form's strings (translations as `tr.<lang>.<field>`); `languages` the
 * outlet's, so each other language gets its own tagline and description.
 */
export function SettingsPage(props: { chrome: AdminChrome; values: Record<string, string>; fieldErrors: Record<string, string>; languages: FormLanguages }) {
  const fields: [string, string, 'text' | 'email' | 'language' | 'timeZone'][] = [
    ['name', adminText('settings.field.name'), 'text'],
    ['tagline', adminText('settings.field.tagline'), 'text'],
    ['description', adminText('settings.field.description'), 'text'],
    ['language', adminText('settings.field.language'), 'language'],
    ['languages', adminText('settings.field.languages', { available: CATALOG_LANGUAGES.join(', ') }), 'text'],
    ['timeZone', adminText('settings.field.timeZone'), 'timeZone'],
    ['contactEmail', adminText('settings.field.contactEmail'), 'email'],
    ['correctionsEmail', adminText('settings.field.correctionsEmail'), 'email'],
  ];
  const select = (name: string, options: { value: string; text: string }[]) => {
    const current = props.values[name] ?? '';
    // A stored value outside the list (set before these lists existed) stays choosable.
    const all = options.some((o) => o.value === current) || !current ? options : [{ value: current, text: current }, ...options];
    return (
      <select id={`s-${name}`} name={name} aria-invalid={props.fieldErrors[name] ? 'true' : undefined}>
        {all.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.text}
          </option>
        ))}
      </select>
    );
  };
  return (
    <AdminLayout chrome={props.chrome} title={adminText('settings.title')}>
      <h1>{adminText('settings.title')}</h1>
      <form method="post" action="/admin/settings" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        {fields.map(([name, label, type]) => (
          <>
            <label for={`s-${name}`}>{label}</label>
            {type === 'language' ? (
              select(
                name,
                LANGUAGES.map((l) => ({ value: l, text: `${languageName(l)} (${l})` })),
              )
            ) : type === 'timeZone' ? (
              select(
                name,
                timeZones().map((z) => ({ value: z, text: z.replaceAll('_', ' ') })),
              )
            ) : (
              <input id={`s-${name}`} name={name} type={type} value={props.values[name] ?? ''} aria-invalid={props.fieldErrors[name] ? 'true' : undefined} />
            )}
            {props.fieldErrors[name] ? <p class="field-error">{props.fieldErrors[name]}</p> : null}
          </>
        ))}
        <TranslationFieldsets
          languages={props.languages}
          fields={[
            { name: 'tagline', label: adminText('settings.field.tagline'), maxLength: 200 },
            { name: 'description', label: adminText('settings.field.description'), maxLength: 500 },
          ]}
          values={props.values}
          errors={props.fieldErrors}
          idPrefix="s"
        />
        <div class="actions">
          <button type="submit">{adminText('settings.save')}</button>
        </div>
      </form>
      <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="panel">
        <h2>{adminText('settings.logo.heading')}</h2>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        {props.values.logoUrl ? (
          <img class="hero-preview" src={props.values.logoUrl} alt={adminText('settings.logo.current')} />
        ) : (
          <p class="hint">{adminText('settings.logo.none')}</p>
        )}
        <label for="s-logo">
          {adminText('settings.logo.upload')} <span class="hint">{adminText('settings.logo.uploadHint')}</span>
        </label>
        <input id="s-logo" name="logo" type="file" accept="image/jpeg,image/png,image/webp" />
        {props.fieldErrors.logoUrl ? <p class="field-error">{props.fieldErrors.logoUrl}</p> : null}
        {props.values.logoUrl ? (
          <label>
            <input type="checkbox" name="removeLogo" value="1" /> {adminText('settings.logo.remove')}
          </label>
        ) : null}
        <div class="actions">
          <button type="submit">{adminText('settings.logo.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
