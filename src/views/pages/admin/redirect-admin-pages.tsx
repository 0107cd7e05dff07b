import { adminText } from '../../../i18n/admin-text.js';
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
    <AdminLayout chrome={v.chrome} title={adminText('admin.redirects.title')}>
      <h1>{adminText('admin.redirects.heading')}</h1>
      <p>{adminText('admin.redirects.intro', { total: v.total })}</p>
      <form method="get" action="/admin/redirects" class="panel search-form">
        <label for="rd-q">{adminText('admin.redirects.search.label')}</label>
        <input id="rd-q" name="q" type="search" value={v.q} />
        <div class="actions">
          <button type="submit">{adminText('admin.redirects.search.submit')}</button>
        </div>
      </form>
      {v.rows.length ? (
        <div class="table-scroll">
          <table class="redirects-table">
            <thead>
              <tr>
                <th scope="col">{adminText('admin.redirects.table.from')}</th>
                <th scope="col">{adminText('admin.redirects.table.to')}</th>
                <th scope="col">{adminText('admin.redirects.table.source')}</th>
                <th scope="col">{adminText('admin.redirects.table.actions')}</th>
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
                  <td>
                    {r.source === 'manual'
                      ? adminText('admin.redirects.table.source.manual')
                      : adminText('admin.redirects.table.source.import', { source: r.source })}
                  </td>
                  <td>
                    <form method="post" action={`/admin/redirects/${r.id}/delete`} class="inline">
                      <input type="hidden" name="_csrf" value={v.chrome.csrf} />
                      <button type="submit" class="danger">
                        {adminText('admin.redirects.table.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">{v.q ? adminText('admin.redirects.none.search') : adminText('admin.redirects.none')}</p>
      )}
      {v.prevHref || v.nextHref ? (
        <p class="pagination">
          {v.prevHref ? <a href={v.prevHref}>{adminText('admin.redirects.newer')}</a> : null}{' '}
          {v.nextHref ? <a href={v.nextHref}>{adminText('admin.redirects.older')}</a> : null}
        </p>
      ) : null}
      <h2>{adminText('admin.redirects.add.heading')}</h2>
      <form method="post" action="/admin/redirects" class="panel">
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <label for="rd-from">
          {adminText('admin.redirects.add.from')} <span class="hint">{adminText('admin.redirects.add.from.hint')}</span>
        </label>
        <input id="rd-from" name="from" type="text" value={v.form.values.from} aria-invalid={f.from ? 'true' : undefined} />
        {error('from')}
        <label for="rd-to">
          {adminText('admin.redirects.add.to')} <span class="hint">{adminText('admin.redirects.add.to.hint')}</span>
        </label>
        <input id="rd-to" name="to" type="text" value={v.form.values.to} aria-invalid={f.to ? 'true' : undefined} />
        {error('to')}
        <div class="actions">
          <button type="submit">{adminText('admin.redirects.add.submit')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
