import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { TranslationFieldsets, type FormLanguages } from './translation-fields.js';
import { adminText } from '../../../i18n/admin-text.js';
import { DEFAULT_FUNDER_LINE } from '../../../funders/funder.js';

export interface FunderRowView {
  id: number;
  name: string;
  url: string;
  /** The credit as readers see it, in text. */
  credit: string;
  logoSrc: string | null;
  position: number;
}

export interface FunderFormView {
  /** Null for a new funder. */
  id: number | null;
  values: { name: string; url: string; line: string; position: string };
  /** The credit line in other languages, as `tr.<lang>.line`. */
  translated: Record<string, string>;
  logoSrc: string | null;
  fields: Record<string, string>;
  languages: FormLanguages;
}

function FunderForm({ chrome, form }: { chrome: AdminChrome; form: FunderFormView }) {
  const { values: v, fields: f } = form;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  const id = form.id ?? 'new';
  return (
    <form method="post" action={form.id ? `/admin/funders/${form.id}` : '/admin/funders'} enctype="multipart/form-data" class="panel">
      <input type="hidden" name="_csrf" value={chrome.csrf} />
      <label for={`fu-name-${id}`}>{adminText('funders.field.name')}</label>
      <input id={`fu-name-${id}`} name="name" type="text" value={v.name} aria-invalid={f.name ? 'true' : undefined} />
      {error('name')}
      <label for={`fu-url-${id}`}>
        {adminText('funders.field.url')} <span class="hint">{adminText('funders.field.urlHint')}</span>
      </label>
      <input id={`fu-url-${id}`} name="url" type="text" value={v.url} aria-invalid={f.url ? 'true' : undefined} />
      {error('url')}
      <label for={`fu-line-${id}`}>
        {adminText('funders.field.line')} <span class="hint">{adminText('funders.field.lineHint', { line: DEFAULT_FUNDER_LINE })}</span>
      </label>
      <input id={`fu-line-${id}`} name="line" type="text" value={v.line} aria-invalid={f.line ? 'true' : undefined} />
      {error('line')}
      <TranslationFieldsets
        languages={form.languages}
        fields={[{ name: 'line', label: adminText('funders.field.line'), maxLength: 200 }]}
        values={form.translated}
        errors={f}
        idPrefix={`fu-${id}`}
      />
      <label for={`fu-position-${id}`}>
        {adminText('funders.field.position')} <span class="hint">{adminText('funders.field.positionHint')}</span>
      </label>
      <input id={`fu-position-${id}`} name="position" type="text" inputMode="numeric" value={v.position} aria-invalid={f.position ? 'true' : undefined} />
      {error('position')}
      {form.logoSrc ? (
        <p>
          <img class="funder-logo-preview" src={form.logoSrc} alt={adminText('funders.logo.current')} />
        </p>
      ) : null}
      <label for={`fu-logo-${id}`}>
        {form.logoSrc ? adminText('funders.logo.replace') : adminText('funders.logo.label')} <span class="hint">{adminText('funders.logo.hint')}</span>
      </label>
      <input id={`fu-logo-${id}`} name="logo" type="file" accept="image/jpeg,image/png,image/webp,image/avif" />
      {error('logo')}
      {form.logoSrc ? (
        <label>
          <input type="checkbox" name="removeLogo" value="1" /> {adminText('funders.logo.remove')}
        </label>
      ) : null}
      <div class="actions">
        <button type="submit">{form.id ? adminText('funders.save') : adminText('funders.add')}</button>
      </div>
    </form>
  );
}

/** /admin/funders: who supports the newsroom, credited in every page's footer and on /support. */
export function FundersAdminPage(props: { chrome: AdminChrome; rows: FunderRowView[]; form: FunderFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('funders.title')}>
      <h1>{adminText('funders.title')}</h1>
      <p>{adminText('funders.intro')}</p>
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="funders-table">
            <thead>
              <tr>
                <th scope="col">{adminText('funders.col.order')}</th>
                <th scope="col">{adminText('funders.col.funder')}</th>
                <th scope="col">{adminText('funders.col.credit')}</th>
                <th scope="col">{adminText('funders.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{r.position}</td>
                  <td>
                    {r.logoSrc ? <img class="funder-logo-preview" src={r.logoSrc} alt="" /> : null}
                    <strong>{r.name}</strong>
                    {r.url ? <div class="hint">{r.url}</div> : null}
                  </td>
                  <td>{r.credit}</td>
                  <td>
                    <a href={`/admin/funders/${r.id}`}>{adminText('funders.edit')}</a>
                    <form method="post" action={`/admin/funders/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />{' '}
                      <button type="submit" class="danger">
                        {adminText('funders.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">{adminText('funders.none')}</p>
      )}
      <h2>{adminText('funders.new')}</h2>
      <FunderForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}

export function FunderEditPage(props: { chrome: AdminChrome; form: FunderFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('funders.editTitle', { name: props.form.values.name })}>
      <h1>{adminText('funders.editHeading')}</h1>
      <p>
        <a href="/admin/funders">{adminText('funders.back')}</a>
      </p>
      <FunderForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}
