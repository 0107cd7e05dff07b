import type { DiffPart } from '../../../articles/word-diff.js';
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

export function ArticleListPage(props: { chrome: AdminChrome; rows: AdminArticleRow[]; filters: ArticleFilters; sections: { slug: string; name: string }[]; page: number; hasNext: boolean }) {
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

export interface EditPageView {
  id: number | null;
  revision: number | null;
  status: string;
  publicUrl: string | null;
  values: Record<string, string>;
  hero: { src: string; alt: string } | null;
  fields: Record<string, string>;
  sectionNames: string[];
  headlines: { slug: string; headline: string }[];
  canPublish: boolean;
  canDelete: boolean;
  timeZone: string;
  editor: { jsHref: string; cssHref: string } | null;
  draftKey: string;
}

function Field(props: { name: string; label: string; hint?: string; v: EditPageView; type?: string; textarea?: number; list?: string; readOnly?: boolean }) {
  const id = `f-${props.name}`;
  const error = props.v.fields[props.name];
  const value = props.v.values[props.name] ?? '';
  return (
    <>
      <label for={id}>
        {props.label} {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      {props.textarea ? (
        <textarea id={id} name={props.name} rows={props.textarea} aria-invalid={error ? 'true' : undefined}>
          {value}
        </textarea>
      ) : (
        <input id={id} name={props.name} type={props.type ?? 'text'} value={value} list={props.list} readOnly={props.readOnly} aria-invalid={error ? 'true' : undefined} />
      )}
      {error ? <p class="field-error">{error}</p> : null}
    </>
  );
}

/** Who paid for the story: shown to readers above the body, in feeds and in structured data. */
function FundingPanel({ v }: { v: EditPageView }) {
  const kind = v.values.fundingKind ?? '';
  const error = v.fields.fundingKind;
  return (
    <fieldset class="panel">
      <legend>Funding disclosure</legend>
      <label for="f-fundingKind">
        Who paid for this story? <span class="hint">(readers see it above the body)</span>
      </label>
      <select id="f-fundingKind" name="fundingKind" aria-invalid={error ? 'true' : undefined}>
        <option value="" selected={kind === ''}>
          Our newsroom alone (no disclosure)
        </option>
        <option value="underwritten" selected={kind === 'underwritten'}>
          Underwritten: a funder paid, we kept editorial control
        </option>
        <option value="sponsored" selected={kind === 'sponsored'}>
          Sponsored: paid content, marked as such everywhere
        </option>
      </select>
      {error ? <p class="field-error">{error}</p> : null}
      <Field name="fundingName" label="Funder or sponsor" v={v} />
      <Field name="fundingUrl" label="Their address" hint="(https://…, optional)" v={v} />
      <Field name="fundingDisclosure" label="Disclosure" hint="(optional: the arrangement in a sentence or two)" v={v} textarea={3} />
    </fieldset>
  );
}

/** The article editor. Works as a plain form; the editor island enhances the body field. */
export function ArticleEditPage(props: { chrome: AdminChrome; v: EditPageView }) {
  const { v } = props;
  const action = v.id ? `/admin/articles/${v.id}` : '/admin/articles';
  const head = v.editor ? <link rel="stylesheet" href={v.editor.cssHref} /> : null;
  return (
    <AdminLayout chrome={props.chrome} title={v.id ? `Edit: ${v.values.headline ?? ''}` : 'New article'} head={head}>
      <h1>
        {v.id ? 'Edit article' : 'New article'} <span class={`status status-${v.status}`}>{v.status}</span>
      </h1>
      {v.publicUrl ? (
        <p>
          Live at <a href={v.publicUrl}>{v.publicUrl}</a>
        </p>
      ) : null}
      <form id="article-form" method="post" action={action} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <input type="hidden" name="revision" value={v.revision === null ? '' : String(v.revision)} />
        <div class="grid-2">
          <div>
            <div class="panel">
              <Field name="headline" label="Headline" v={v} />
              <Field name="standfirst" label="Standfirst" hint="(one or two sentences under the headline)" v={v} textarea={3} />
              <label for="body-html">Body</label>
              <textarea id="body-html" name="body_html" rows={20}>
                {v.values.body_html ?? ''}
              </textarea>
              <input type="hidden" id="body-json" name="body_json" value={v.values.body_json ?? ''} />
              {v.fields.body ? <p class="field-error">{v.fields.body}</p> : null}
              <div id="editor-config" data-upload-url="/admin/media" data-draft-key={v.draftKey} hidden />
            </div>
            <div class="panel">
              <h2>Hero image</h2>
              {v.hero ? <img class="hero-preview" src={v.hero.src} alt={v.hero.alt} /> : null}
              <label for="f-hero_file">
                {v.hero ? 'Replace image' : 'Image'} <span class="hint">(JPEG, PNG, WebP or AVIF, up to 20 MB)</span>
              </label>
              <input id="f-hero_file" name="hero_file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />
              {v.fields.hero_file ? <p class="field-error">{v.fields.hero_file}</p> : null}
              <input type="hidden" name="hero_media_id" value={v.values.hero_media_id ?? ''} />
              <Field name="heroAlt" label="Alt text" hint="(what the picture shows, for readers who cannot see it)" v={v} />
              <Field name="heroCaption" label="Caption" v={v} />
              <Field name="heroCredit" label="Credit" hint="(e.g. Photo: Ana Ruiz)" v={v} />
            </div>
          </div>
          <div>
            <div class="panel">
              <h2>Publishing</h2>
              <div class="actions">
                <button type="submit" name="action" value="save">
                  Save draft
                </button>
                {v.canPublish ? (
                  <button type="submit" name="action" value="publish">
                    {v.status === 'published' ? 'Update' : 'Publish now'}
                  </button>
                ) : null}
                {v.id ? (
                  <a class="button secondary" href={`/admin/articles/${v.id}/preview`} target="_blank" rel="noopener">
                    Preview
                  </a>
                ) : null}
              </div>
              {v.canPublish ? (
                <>
                  <Field name="publishAt" label="Schedule for" hint={`(${v.timeZone})`} type="datetime-local" v={v} />
                  <div class="actions">
                    <button type="submit" name="action" value="schedule" class="secondary">
                      Schedule
                    </button>
                    {v.status !== 'draft' ? (
                      <button type="submit" name="action" value="unpublish" class="secondary">
                        Unpublish
                      </button>
                    ) : null}
                  </div>
                </>
              ) : (
                <p class="hint">An editor publishes your draft.</p>
              )}
              {v.id ? (
                <p>
                  <a href={`/admin/articles/${v.id}/revisions`}>Revisions</a>
                </p>
              ) : null}
            </div>
            <div class="panel">
              <Field name="authors" label="Bylines" hint="(one a line; add “(guest)” for a guest contributor)" v={v} textarea={3} />
              <Field name="section" label="Section" v={v} list="section-names" />
              <datalist id="section-names">
                {v.sectionNames.map((n) => (
                  <option value={n} />
                ))}
              </datalist>
              <Field name="tags" label="Tags" hint="(comma-separated)" v={v} />
              <Field name="sources" label="Sources" hint="(one a line: Name | https://…)" v={v} textarea={4} />
              <Field name="related" label="Pinned related articles" hint="(slugs, comma-separated; type to search headlines)" v={v} list="headline-options" />
              <datalist id="headline-options">
                {v.headlines.map((h) => (
                  <option value={h.slug} label={h.headline} />
                ))}
              </datalist>
              <Field name="slug" label="Slug" hint={v.id ? '(fixed once created)' : '(from the headline if empty)'} v={v} readOnly={v.id !== null} />
              <Field name="language" label="Language" v={v} />
            </div>
            <FundingPanel v={v} />
          </div>
        </div>
      </form>
      {v.id && v.canDelete ? (
        <form method="post" action={`/admin/articles/${v.id}/delete`} class="actions">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <button type="submit" class="danger">
            Delete article
          </button>
        </form>
      ) : null}
      {v.editor ? <script type="module" src={v.editor.jsHref} /> : null}
    </AdminLayout>
  );
}

export function RevisionsPage(props: { chrome: AdminChrome; articleId: number; headline: string; revisions: { revision: number; headline: string; createdAt: string; createdBy: string }[]; canRestore: boolean }) {
  const latest = props.revisions[props.revisions.length - 1]?.revision;
  return (
    <AdminLayout chrome={props.chrome} title="Revisions">
      <h1>Revisions of “{props.headline}”</h1>
      <form method="get" action={`/admin/articles/${props.articleId}/diff`} class="panel">
        <table>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Revision</th>
              <th scope="col">Saved (UTC)</th>
              <th scope="col">By</th>
              <th scope="col">Headline</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr>
                <td>
                  <input type="radio" name="from" value={String(r.revision)} checked={i === props.revisions.length - 2} aria-label={`Compare from revision ${r.revision}`} />
                </td>
                <td>
                  <input type="radio" name="to" value={String(r.revision)} checked={r.revision === latest} aria-label={`Compare to revision ${r.revision}`} />
                </td>
                <td>{r.revision}</td>
                <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{r.createdBy}</td>
                <td>{r.headline}</td>
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
    </AdminLayout>
  );
}

function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <div class="diff">
      {parts.map((p) => (p.kind === 'added' ? <ins>{p.text}</ins> : p.kind === 'removed' ? <del>{p.text}</del> : <span>{p.text}</span>))}
    </div>
  );
}

export function DiffPage(props: { chrome: AdminChrome; articleId: number; from: number; to: number; diff: { headline: DiffPart[]; standfirst: DiffPart[]; body: DiffPart[] } }) {
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
