import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface PageRowView {
  id: number;
  path: string;
  title: string;
  inFooter: boolean;
  updatedAt: string;
}

export interface PageFormView {
  /** Null for a new page. */
  id: number | null;
  values: { path: string; title: string; body: string; bodyFormat: 'markdown' | 'html'; inFooter: boolean; footerPosition: string };
  fields: Record<string, string>;
}

function PageForm({ chrome, form }: { chrome: AdminChrome; form: PageFormView }) {
  const { values: v, fields: f } = form;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  const id = form.id ?? 'new';
  return (
    <form method="post" action={form.id ? `/admin/pages/${form.id}` : '/admin/pages'} class="panel">
      <input type="hidden" name="_csrf" value={chrome.csrf} />
      <label for={`pg-title-${id}`}>{adminText('admin.pages.form.title')}</label>
      <input id={`pg-title-${id}`} name="title" type="text" value={v.title} aria-invalid={f.title ? 'true' : undefined} />
      {error('title')}
      <label for={`pg-path-${id}`}>
        {adminText('admin.pages.form.address')} <span class="hint">{adminText('admin.pages.form.address.hint')}</span>
      </label>
      <input id={`pg-path-${id}`} name="path" type="text" value={v.path} aria-invalid={f.path ? 'true' : undefined} />
      {error('path')}
      <label for={`pg-body-${id}`}>
        {adminText('admin.pages.form.text')}{' '}
        <span class="hint">{v.bodyFormat === 'html' ? adminText('admin.pages.form.text.hint.html') : adminText('admin.pages.form.text.hint.markdown')}</span>
      </label>
      <textarea id={`pg-body-${id}`} name="body" rows={16} aria-invalid={f.body ? 'true' : undefined}>
        {v.body}
      </textarea>
      {error('body')}
      <input type="hidden" name="bodyFormat" value={v.bodyFormat} />
      <label>
        <input type="checkbox" name="inFooter" value="1" checked={v.inFooter} /> {adminText('admin.pages.form.inFooter')}
      </label>
      <label for={`pg-pos-${id}`}>
        {adminText('admin.pages.form.footerOrder')} <span class="hint">{adminText('admin.pages.form.footerOrder.hint')}</span>
      </label>
      <input
        id={`pg-pos-${id}`}
        name="footerPosition"
        type="text"
        inputMode="numeric"
        value={v.footerPosition}
        aria-invalid={f.footerPosition ? 'true' : undefined}
      />
      {error('footerPosition')}
      <div class="actions">
        <button type="submit">{form.id ? adminText('admin.pages.form.save') : adminText('admin.pages.form.add')}</button>
      </div>
    </form>
  );
}

/** /admin/pages: the outlet's pages outside the news flow. */
export function PagesAdminPage(props: { chrome: AdminChrome; rows: PageRowView[]; form: PageFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.pages.title')}>
      <h1>{adminText('admin.pages.heading')}</h1>
      <p>{adminText('admin.pages.intro')}</p>
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="pages-table">
            <thead>
              <tr>
                <th scope="col">{adminText('admin.pages.table.title')}</th>
                <th scope="col">{adminText('admin.pages.table.address')}</th>
                <th scope="col">{adminText('admin.pages.table.footer')}</th>
                <th scope="col">{adminText('admin.pages.table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <strong>{r.title}</strong>
                  </td>
                  <td>
                    <a href={r.path}>{r.path}</a>
                  </td>
                  <td>{adminText('admin.pages.table.inFooter', { inFooter: r.inFooter ? 'yes' : 'no' })}</td>
                  <td>
                    <a href={`/admin/pages/${r.id}`}>{adminText('admin.pages.table.edit')}</a>
                    <form method="post" action={`/admin/pages/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />{' '}
                      <button type="submit" class="danger">
                        {adminText('admin.pages.table.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">{adminText('admin.pages.none')}</p>
      )}
      <h2>{adminText('admin.pages.add.heading')}</h2>
      <PageForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}

export function PageEditPage(props: { chrome: AdminChrome; form: PageFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.pages.edit.title', { title: props.form.values.title })}>
      <p>
        <a href="/admin/pages">{adminText('admin.pages.edit.back')}</a>
      </p>
      <h1>{adminText('admin.pages.edit.heading')}</h1>
      <PageForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}
