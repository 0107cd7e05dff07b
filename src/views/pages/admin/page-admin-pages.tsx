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
      <label for={`pg-title-${id}`}>Title</label>
      <input id={`pg-title-${id}`} name="title" type="text" value={v.title} aria-invalid={f.title ? 'true' : undefined} />
      {error('title')}
      <label for={`pg-path-${id}`}>
        Address <span class="hint">(such as /about or /contact)</span>
      </label>
      <input id={`pg-path-${id}`} name="path" type="text" value={v.path} aria-invalid={f.path ? 'true' : undefined} />
      {error('path')}
      <label for={`pg-body-${id}`}>
        Text{' '}
        <span class="hint">
          {v.bodyFormat === 'html'
            ? '(HTML, imported; cleaned on save like a story)'
            : '(Markdown: blank lines between paragraphs, ## for a heading, [words](https://…) for a link)'}
        </span>
      </label>
      <textarea id={`pg-body-${id}`} name="body" rows={16} aria-invalid={f.body ? 'true' : undefined}>
        {v.body}
      </textarea>
      {error('body')}
      <input type="hidden" name="bodyFormat" value={v.bodyFormat} />
      <label>
        <input type="checkbox" name="inFooter" value="1" checked={v.inFooter} /> Link to it from the footer of every page
      </label>
      <label for={`pg-pos-${id}`}>
        Footer order <span class="hint">(lower numbers first)</span>
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
        <button type="submit">{form.id ? 'Save page' : 'Add page'}</button>
      </div>
    </form>
  );
}

/** /admin/pages: the outlet's pages outside the news flow. */
export function PagesAdminPage(props: { chrome: AdminChrome; rows: PageRowView[]; form: PageFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title="Pages">
      <h1>Pages</h1>
      <p>Pages such as About and Contact. Each one is served at its own address; the ones marked for the footer are linked from every page.</p>
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="pages-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Address</th>
                <th scope="col">Footer</th>
                <th scope="col">Actions</th>
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
                  <td>{r.inFooter ? 'Yes' : 'No'}</td>
                  <td>
                    <a href={`/admin/pages/${r.id}`}>Edit</a>
                    <form method="post" action={`/admin/pages/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={props.chrome.csrf} />{' '}
                      <button type="submit" class="danger">
                        Delete
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">No pages yet.</p>
      )}
      <h2>Add a page</h2>
      <PageForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}

export function PageEditPage(props: { chrome: AdminChrome; form: PageFormView }) {
  return (
    <AdminLayout chrome={props.chrome} title={`Edit page: ${props.form.values.title}`}>
      <p>
        <a href="/admin/pages">← All pages</a>
      </p>
      <h1>Edit page</h1>
      <PageForm chrome={props.chrome} form={props.form} />
    </AdminLayout>
  );
}
