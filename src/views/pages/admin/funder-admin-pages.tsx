import { AdminLayout, type AdminChrome } from './admin-layout.js';

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
  logoSrc: string | null;
  fields: Record<string, string>;
}

function FunderForm({ chrome, form }: { chrome: AdminChrome; form: FunderFormView }) {
  const { values: v, fields: f } = form;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  const id = form.id ?? 'new';
  return (
    <form method="post" action={form.id ? `/admin/funders/${form.id}` : '/admin/funders'} enctype="multipart/form-data" class="panel">
      <input type="hidden" name="_csrf" value={chrome.csrf} />
      <label for={`fu-name-${id}`}>Name</label>
      <input id={`fu-name-${id}`} name="name" type="text" value={v.name} aria-invalid={f.name ? 'true' : undefined} />
      {error('name')}
      <label for={`fu-url-${id}`}>
        Address <span class="hint">(https://…, optional)</span>
      </label>
      <input id={`fu-url-${id}`} name="url" type="text" value={v.url} aria-invalid={f.url ? 'true' : undefined} />
      {error('url')}
      <label for={`fu-line-${id}`}>
        Credit line{' '}
        <span class="hint">
          (optional; {'{funder}'} is replaced by the name, {'{outlet}'} by ours. Empty: “The work of {'{outlet}'} is supported by {'{funder}'}.”)
        </span>
      </label>
      <input id={`fu-line-${id}`} name="line" type="text" value={v.line} aria-invalid={f.line ? 'true' : undefined} />
      {error('line')}
      <label for={`fu-position-${id}`}>
        Order <span class="hint">(lower numbers first)</span>
      </label>
      <input id={`fu-position-${id}`} name="position" type="text" inputMode="numeric" value={v.position} aria-invalid={f.position ? 'true' : undefined} />
      {error('position')}
      {form.logoSrc ? (
        <p>
          <img class="funder-logo-preview" src={form.logoSrc} alt="Current logo" />
        </p>
      ) : null}
      <label for={`fu-logo-${id}`}>
        {form.logoSrc ? 'Replace logo' : 'Logo'} <span class="hint">(optional; JPEG, PNG, WebP or AVIF)</span>
      </label>
      <input id={`fu-logo-${id}`} name="logo" type="file" accept="image/jpeg,image/png,image/webp,image/avif" />
      {error('logo')}
      {form.logoSrc ? (
        <label>
          <input type="checkbox" name="removeLogo" value="1" /> Remove the logo
        </label>
      ) : null}
      <div class="actions">
        <button type="submit">{form.id ? 'Save funder' : 'Add funder'}</button>
      </div>
    </form>
  );
}

/** /admin/funders: who supports the newsroom, credited in every page's footer and on /support. */
export function FundersAdminPage(props: { chrome: AdminChrome; rows: FunderRowView[]; form: FunderFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title="Funders">
      <h1>Funders</h1>
      <p>Every funder listed here is credited in the footer of every page and on the support page.</p>
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="funders-table">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Funder</th>
                <th scope="col">Credit as readers see it</th>
                <th scope="col">Actions</th>
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
                    <a href={`/admin/funders/${r.id}`}>Edit</a>
                    <form method="post" action={`/admin/funders/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />{' '}
                      <button type="submit" class="danger">
                        Remove
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">No funders yet.</p>
      )}
      <h2>Add a funder</h2>
      <FunderForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}

export function FunderEditPage(props: { chrome: AdminChrome; form: FunderFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={`Edit funder: ${props.form.values.name}`}>
      <h1>Edit funder</h1>
      <p>
        <a href="/admin/funders">← All funders</a>
      </p>
      <FunderForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}
