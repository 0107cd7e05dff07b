import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface RedirectRowView {
  id: number;
  fromPath: string;
  toPath: string;
  source: string;
  createdAt: string;
}

export interface RedirectsAdminView {
  chrome: AdminChrome;
  rows: RedirectRowView[];
  total: number;
  q: string;
  page: number;
  nextHref: string | null;
  prevHref: string | null;
  form: { values: { from: string; to: string }; fields: Record<string, string> };
}

/** /admin/redirects: old addresses that send readers (and search engines) on with a 301. */
export function RedirectsAdminPage({ v }: { v: RedirectsAdminView }) {
  const f = v.form.fields;
  const error = (name: string) => (f[name] ? <p class="field-error">{f[name]}</p> : null);
  return (
    <AdminLayout chrome={v.chrome} title="Redirects">
      <h1>Redirects</h1>
      <p>
        An old address listed here sends readers to the new one, with a permanent redirect that search engines follow. Imports from WordPress and Ghost add one
        for every story and page they bring in. {v.total} in all.
      </p>
      <form method="get" action="/admin/redirects" class="panel search-form">
        <label for="rd-q">Find an address</label>
        <input id="rd-q" name="q" type="search" value={v.q} />
        <div class="actions">
          <button type="submit">Search</button>
        </div>
      </form>
      {v.rows.length ? (
        <div class="table-scroll">
          <table class="redirects-table">
            <thead>
              <tr>
                <th scope="col">Old address</th>
                <th scope="col">Goes to</th>
                <th scope="col">Added by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {v.rows.map((r) => (
                <tr>
                  <td>
                    <code>{r.fromPath}</code>
                  </td>
                  <td>
                    <a href={r.toPath}>{r.toPath}</a>
                  </td>
                  <td>{r.source === 'manual' ? 'An editor' : `${r.source} import`}</td>
                  <td>
                    <form method="post" action={`/admin/redirects/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={v.chrome.csrf} />
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
        <p class="hint">{v.q ? 'No redirect matches that.' : 'No redirects yet.'}</p>
      )}
      {v.prevHref || v.nextHref ? (
        <p class="pagination">
          {v.prevHref ? <a href={v.prevHref}>← Newer</a> : null} {v.nextHref ? <a href={v.nextHref}>Older →</a> : null}
        </p>
      ) : null}
      <h2>Add a redirect</h2>
      <form method="post" action="/admin/redirects" class="panel">
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <label for="rd-from">
          Old address <span class="hint">(such as /2019/05/12/council-vote/ or /?p=123)</span>
        </label>
        <input id="rd-from" name="from" type="text" value={v.form.values.from} aria-invalid={f.from ? 'true' : undefined} />
        {error('from')}
        <label for="rd-to">
          New address <span class="hint">(such as /articles/council-vote)</span>
        </label>
        <input id="rd-to" name="to" type="text" value={v.form.values.to} aria-invalid={f.to ? 'true' : undefined} />
        {error('to')}
        <div class="actions">
          <button type="submit">Add redirect</button>
        </div>
      </form>
    </AdminLayout>
  );
}
