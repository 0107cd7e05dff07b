import { adminText } from '../../../i18n/admin-text.js';
import type { DiffPart } from '../../../articles/word-diff.js';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface AdminArticleRow {
  id: number;
  headline: string;
  status: string;
  section: string;
  updatedAt: string;
  /** The last change, relative ("3 hr. ago") with the time in the outlet's zone as its title. */
  updated: { iso: string; text: string; title: string };
  publishedAt: string | null;
  canEdit: boolean;
}

export interface ArticleFilters {
  status: string;
  section: string;
  author: string;
  q: string;
}

export function ArticleListPage(props: {
  chrome: AdminChrome;
  rows: AdminArticleRow[];
  filters: ArticleFilters;
  sections: { slug: string; name: string }[];
  page: number;
  hasNext: boolean;
}) {
  const f = props.filters;
  const qs = (page: number) => `/admin?${new URLSearchParams({ ...f, page: String(page) }).toString()}`;
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.articles.list.title')}>
      <h1>{adminText('admin.articles.list.heading')}</h1>
      <form method="get" action="/admin" class="filters" role="search">
        <div>
          <label for="f-q">{adminText('admin.articles.filter.search')}</label>
          <input id="f-q" name="q" type="search" value={f.q} />
        </div>
        <div>
          <label for="f-status">{adminText('admin.articles.filter.status')}</label>
          <select id="f-status" name="status">
            {['', 'draft', 'scheduled', 'published'].map((s) => (
              <option value={s} selected={s === f.status}>
                {s ? adminText('admin.articles.status', { status: s }) : adminText('admin.articles.filter.any')}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-section">{adminText('admin.articles.filter.section')}</label>
          <select id="f-section" name="section">
            <option value="">{adminText('admin.articles.filter.any')}</option>
            {props.sections.map((s) => (
              <option value={s.slug} selected={s.slug === f.section}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-author">{adminText('admin.articles.filter.author')}</label>
          <input id="f-author" name="author" type="text" value={f.author} />
        </div>
        <div>
          <button type="submit">{adminText('admin.articles.filter.submit')}</button>
        </div>
      </form>
      <table class="list-on-phone article-list">
        <thead>
          <tr>
            <th scope="col">{adminText('admin.articles.table.headline')}</th>
            <th scope="col">{adminText('admin.articles.table.status')}</th>
            <th scope="col">{adminText('admin.articles.table.section')}</th>
            <th scope="col">{adminText('admin.articles.table.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.canEdit ? <a href={`/admin/articles/${r.id}`}>{r.headline}</a> : r.headline}</td>
              <td data-label={adminText('admin.articles.table.status')}>
                <span class={`status status-${r.status}`}>{adminText('admin.articles.status', { status: r.status })}</span>
              </td>
              <td data-label={adminText('admin.articles.table.section')}>{r.section}</td>
              <td data-label={adminText('admin.articles.table.updated')}>
                <time datetime={r.updated.iso} title={r.updated.title}>
                  {r.updated.text}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length === 0 ? <p>{adminText('admin.articles.list.none')}</p> : null}
      <p class="actions">
        {props.page > 1 ? <a href={qs(props.page - 1)}>{adminText('admin.articles.list.newer')}</a> : null}
        {props.hasNext ? <a href={qs(props.page + 1)}>{adminText('admin.articles.list.older')}</a> : null}
      </p>
    </AdminLayout>
  );
}

export interface RevisionRow {
  revision: number;
  headline: string;
  /** When it was saved, in the outlet's zone. */
  saved: MomentView;
  createdBy: string;
  /** Autosaves taken on top of this revision, oldest first. */
  autosaves: { id: number; headline: string; saved: MomentView; createdBy: string }[];
}

/** Every saved revision, each with the autosaves taken after it folded underneath. */
export function RevisionsPage(props: { chrome: AdminChrome; articleId: number; headline: string; revisions: RevisionRow[]; canRestore: boolean }) {
  const latest = props.revisions[props.revisions.length - 1]?.revision;
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.revisions.title')}>
      <h1>{adminText('admin.revisions.heading', { headline: props.headline })}</h1>
      <form method="get" action={`/admin/articles/${props.articleId}/diff`} class="panel">
        <div class="table-scroll">
          <table class="revisions-table">
            <thead>
              <tr>
                <th scope="col">{adminText('admin.revisions.table.from')}</th>
                <th scope="col">{adminText('admin.revisions.table.to')}</th>
                <th scope="col">{adminText('admin.revisions.table.revision')}</th>
                <th scope="col">{adminText('admin.revisions.table.saved')}</th>
                <th scope="col">{adminText('admin.revisions.table.by')}</th>
                <th scope="col">{adminText('admin.revisions.table.headline')}</th>
                <th scope="col">
                  <span class="visually-hidden">{adminText('admin.revisions.table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r, i) => (
                <tr>
                  <td>
                    <input
                      type="radio"
                      name="from"
                      value={String(r.revision)}
                      checked={i === props.revisions.length - 2}
                      aria-label={adminText('admin.revisions.compareFrom', { revision: r.revision })}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="to"
                      value={String(r.revision)}
                      checked={r.revision === latest}
                      aria-label={adminText('admin.revisions.compareTo', { revision: r.revision })}
                    />
                  </td>
                  <td>{r.revision}</td>
                  <td>
                    <Moment m={r.saved} />
                  </td>
                  <td>{r.createdBy}</td>
                  <td>
                    {r.headline}
                    {r.autosaves.length ? (
                      <details class="autosaves">
                        <summary>
                          {adminText('admin.revisions.autosaves', {
                            count: r.autosaves.length,
                            last: <Moment m={r.autosaves[r.autosaves.length - 1]!.saved} />,
                          })}
                        </summary>
                        <ol>
                          {r.autosaves.map((a) => (
                            <li>
                              {adminText('admin.revisions.autosave', { saved: <Moment m={a.saved} />, by: a.createdBy, headline: a.headline })}{' '}
                              {props.canRestore ? (
                                <button type="submit" form={`restore-autosave-${a.id}`} class="secondary">
                                  {adminText('admin.revisions.restore')}
                                </button>
                              ) : null}
                            </li>
                          ))}
                        </ol>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {props.canRestore && r.revision !== latest ? (
                      <button type="submit" form={`restore-${r.revision}`} class="secondary">
                        {adminText('admin.revisions.restore')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="actions">
          <button type="submit">{adminText('admin.revisions.compare')}</button>
          <a href={`/admin/articles/${props.articleId}`}>{adminText('admin.revisions.backToEditor')}</a>
        </div>
      </form>
      {props.revisions.map((r) => (
        <form id={`restore-${r.revision}`} method="post" action={`/admin/articles/${props.articleId}/revisions/${r.revision}/restore`} hidden>
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        </form>
      ))}
      {props.revisions.flatMap((r) =>
        r.autosaves.map((a) => (
          <form id={`restore-autosave-${a.id}`} method="post" action={`/admin/articles/${props.articleId}/autosaves/${a.id}/restore`} hidden>
            <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          </form>
        )),
      )}
    </AdminLayout>
  );
}

function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <div class="diff">{parts.map((p) => (p.kind === 'added' ? <ins>{p.text}</ins> : p.kind === 'removed' ? <del>{p.text}</del> : <span>{p.text}</span>))}</div>
  );
}

export function DiffPage(props: {
  chrome: AdminChrome;
  articleId: number;
  from: number;
  to: number;
  diff: { headline: DiffPart[]; standfirst: DiffPart[]; body: DiffPart[] };
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.diff.title')}>
      <h1>{adminText('admin.diff.heading', { from: props.from, to: props.to })}</h1>
      <div class="panel">
        <h2>{adminText('admin.diff.headline')}</h2>
        <Diff parts={props.diff.headline} />
        <h2>{adminText('admin.diff.standfirst')}</h2>
        <Diff parts={props.diff.standfirst} />
        <h2>{adminText('admin.diff.body')}</h2>
        <Diff parts={props.diff.body} />
      </div>
      <a href={`/admin/articles/${props.articleId}/revisions`}>{adminText('admin.diff.back')}</a>
    </AdminLayout>
  );
}
