import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

/** A topic in the newsroom's list. Titles and descriptions are patron-typed: shown as text. */
export interface AdminTopicRow {
  id: number;
  href: string;
  publicHref: string;
  title: string;
  status: string;
  statusLabel: string;
  tallyText: string;
  weight: number;
  /** When a patron proposed it, in the outlet's zone. */
  proposed: MomentView;
}

export interface AdminTopicView extends AdminTopicRow {
  description: string;
  statusReason: string;
  mergedInto: { id: number; href: string } | null;
  /** Statuses this topic may move to (its own first, to change only the note). */
  statusOptions: { value: string; label: string }[];
}

export type TopicFormName = 'text' | 'status' | 'merge' | 'link';

export interface TopicAdminPageView {
  chrome: AdminChrome;
  topic: AdminTopicView;
  articles: { id: number; title: string; href: string; slug: string }[];
  mergedFrom: { id: number; title: string; href: string }[];
  /** Values typed in each form, kept when a form comes back with an error. */
  values: { title: string; description: string; status: string; reason: string; into: string; slug: string };
  error: { form: TopicFormName; message: string } | null;
}

const STATUS_FILTERS = ['open', 'planned', 'in_progress', 'covered', 'declined', 'all'];

export function TopicAdminListPage(props: { chrome: AdminChrome; status: string; items: AdminTopicRow[]; page: number; hasNext: boolean }) {
  const link = (status: string, page = 1) => `/admin/topics?status=${status}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <AdminLayout chrome={props.chrome} title="Topics">
      <h1>Topics patrons proposed</h1>
      <p class="actions">
        {STATUS_FILTERS.map((s) => (s === props.status ? <strong>{s.replace('_', ' ')}</strong> : <a href={link(s)}>{s.replace('_', ' ')}</a>))}
      </p>
      {props.items.length === 0 ? <p>No topics here.</p> : null}
      <table class="topic-table">
        <thead>
          <tr>
            <th>Votes</th>
            <th>Topic</th>
            <th>Status</th>
            <th>Proposed</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((t) => (
            <tr>
              <td title={t.tallyText}>{t.weight}</td>
              <td>
                <a href={t.href}>{t.title}</a>
                <div class="hint">{t.tallyText}</div>
              </td>
              <td>
                <span class={`topic-badge status-${t.status}`}>{t.statusLabel}</span>
              </td>
              <td>
                <Moment m={t.proposed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="actions">
        {props.page > 1 ? <a href={link(props.status, props.page - 1)}>Previous</a> : null}
        {props.hasNext ? <a href={link(props.status, props.page + 1)}>Next</a> : null}
      </p>
    </AdminLayout>
  );
}

function FormError({ v, form }: { v: TopicAdminPageView; form: TopicFormName }) {
  return v.error?.form === form ? (
    <p class="field-error" role="alert">
      {v.error.message}
    </p>
  ) : null;
}

/** One topic: edit its words, answer it, merge a duplicate away, link the stories that covered it. */
export function TopicAdminPage(v: TopicAdminPageView) {
  const { topic, chrome } = v;
  const csrf = <input type="hidden" name="_csrf" value={chrome.csrf} />;
  return (
    <AdminLayout chrome={chrome} title={`Topic ${topic.id}`}>
      <p>
        <a href="/admin/topics">All topics</a>
      </p>
      <h1>{topic.title}</h1>
      <p class="hint">
        <span class={`topic-badge status-${topic.status}`}>{topic.statusLabel}</span> · {topic.tallyText} · proposed <Moment m={topic.proposed} /> ·{' '}
        <a href={topic.publicHref} target="_blank" rel="noopener">
          Public page
        </a>
      </p>
      {topic.mergedInto ? (
        <p class="notice">
          This topic was merged into <a href={topic.mergedInto.href}>topic {topic.mergedInto.id}</a>. Its votes and articles are there now.
        </p>
      ) : (
        <>
          <form method="post" action={`${topic.href}`} class="panel">
            <h2>Words</h2>
            {csrf}
            <FormError v={v} form="text" />
            <label for="topic-title">Title</label>
            <input id="topic-title" name="title" type="text" maxLength={120} value={v.values.title} />
            <label for="topic-description">Description</label>
            <textarea id="topic-description" name="description" rows={5} maxLength={1000}>
              {v.values.description}
            </textarea>
            <div class="actions">
              <button type="submit">Save</button>
            </div>
          </form>
          <form method="post" action={`${topic.href}/status`} class="panel">
            <h2>Status</h2>
            {csrf}
            <FormError v={v} form="status" />
            <label for="topic-status">Status</label>
            <select id="topic-status" name="status">
              {topic.statusOptions.map((o) => (
                <option value={o.value} selected={o.value === v.values.status}>
                  {o.label}
                </option>
              ))}
            </select>
            <label for="topic-reason">Note for patrons (required when declining)</label>
            <textarea id="topic-reason" name="reason" rows={2} maxLength={500}>
              {v.values.reason}
            </textarea>
            <div class="actions">
              <button type="submit">Set status</button>
            </div>
          </form>
          <section class="panel">
            <h2>Articles that covered it</h2>
            {v.articles.length === 0 ? <p class="hint">None linked yet. A covered topic's articles say “Chosen by our patrons”.</p> : null}
            <ul>
              {v.articles.map((a) => (
                <li>
                  <a href={a.href}>{a.title}</a> <span class="hint">{a.slug}</span>
                  <form method="post" action={`${topic.href}/articles/${a.id}/remove`} class="inline">
                    {csrf}
                    <button type="submit" class="secondary">
                      Unlink
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <form method="post" action={`${topic.href}/articles`}>
              {csrf}
              <FormError v={v} form="link" />
              <label for="topic-slug">Article slug</label>
              <input id="topic-slug" name="slug" type="text" maxLength={200} value={v.values.slug} />
              <div class="actions">
                <button type="submit">Link article</button>
              </div>
            </form>
          </section>
          <form method="post" action={`${topic.href}/merge`} class="panel">
            <h2>Merge into another topic</h2>
            {csrf}
            <FormError v={v} form="merge" />
            <p class="hint">For duplicates. Votes move to the other topic (a patron who voted for both counts once), and this topic's page will lead there.</p>
            <label for="topic-into">Topic number to merge into</label>
            <input id="topic-into" name="into" type="number" min={1} value={v.values.into} />
            <div class="actions">
              <button type="submit" class="secondary">
                Merge
              </button>
            </div>
          </form>
        </>
      )}
      {v.mergedFrom.length ? (
        <section class="panel">
          <h2>Merged into this topic</h2>
          <ul>
            {v.mergedFrom.map((m) => (
              <li>
                <a href={m.href}>{m.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminLayout>
  );
}
