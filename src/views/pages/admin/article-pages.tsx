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
    <AdminLayout chrome={props.chrome} title="Articles">
      <h1>Articles</h1>
      <form method="get" action="/admin" class="filters" role="search">
        <div>
          <label for="f-q">Search headlines</label>
          <input id="f-q" name="q" type="search" value={f.q} />
        </div>
        <div>
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            {['', 'draft', 'scheduled', 'published'].map((s) => (
              <option value={s} selected={s === f.status}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-section">Section</label>
          <select id="f-section" name="section">
            <option value="">any</option>
            {props.sections.map((s) => (
              <option value={s.slug} selected={s.slug === f.section}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-author">Author (slug)</label>
          <input id="f-author" name="author" type="text" value={f.author} />
        </div>
        <div>
          <button type="submit">Filter</button>
        </div>
      </form>
      <table class="list-on-phone article-list">
        <thead>
          <tr>
            <th scope="col">Headline</th>
            <th scope="col">Status</th>
            <th scope="col">Section</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.canEdit ? <a href={`/admin/articles/${r.id}`}>{r.headline}</a> : r.headline}</td>
              <td data-label="Status">
                <span class={`status status-${r.status}`}>{r.status}</span>
              </td>
              <td data-label="Section">{r.section}</td>
              <td data-label="Updated">
                <time datetime={r.updated.iso} title={r.updated.title}>
                  {r.updated.text}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length === 0 ? <p>No articles match.</p> : null}
      <p class="actions">
        {props.page > 1 ? <a href={qs(props.page - 1)}>Newer</a> : null}
        {props.hasNext ? <a href={qs(props.page + 1)}>Older</a> : null}
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
    <AdminLayout chrome={props.chrome} title="Revisions">
      <h1>Revisions of “{props.headline}”</h1>
      <form method="get" action={`/admin/articles/${props.articleId}/diff`} class="panel">
        <div class="table-scroll">
          <table class="revisions-table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Revision</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Headline</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
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
                      aria-label={`Compare from revision ${r.revision}`}
                    />
                  </td>
                  <td>
                    <input type="radio" name="to" value={String(r.revision)} checked={r.revision === latest} aria-label={`Compare to revision ${r.revision}`} />
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
                          {r.autosaves.length === 1 ? '1 autosave' : `${r.autosaves.length} autosaves`} after this revision, the last{' '}
                          <Moment m={r.autosaves[r.autosaves.length - 1]!.saved} />
                        </summary>
                        <ol>
                          {r.autosaves.map((a) => (
                            <li>
                              <Moment m={a.saved} /> · {a.createdBy} · “{a.headline}”{' '}
                              {props.canRestore ? (
                                <button type="submit" form={`restore-autosave-${a.id}`} class="secondary">
                                  Restore
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
                        Restore
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="actions">
          <button type="submit">Compare</button>
          <a href={`/admin/articles/${props.articleId}`}>Back to the editor</a>
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
    <AdminLayout chrome={props.chrome} title="Compare revisions">
      <h1>
        Revision {props.from} → {props.to}
      </h1>
      <div class="panel">
        <h2>Headline</h2>
        <Diff parts={props.diff.headline} />
        <h2>Standfirst</h2>
        <Diff parts={props.diff.standfirst} />
        <h2>Body</h2>
        <Diff parts={props.diff.body} />
      </div>
      <a href={`/admin/articles/${props.articleId}/revisions`}>Back to revisions</a>
    </AdminLayout>
  );
}
