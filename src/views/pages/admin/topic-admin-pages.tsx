import { adminText } from '../../../i18n/admin-text.js';
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

/** The list's filters, in the order offered, each with its link text. */
const STATUS_FILTERS: [string, () => string][] = [
  ['open', () => adminText('admin.topics.filter.open')],
  ['planned', () => adminText('admin.topics.filter.planned')],
  ['in_progress', () => adminText('admin.topics.filter.in_progress')],
  ['covered', () => adminText('admin.topics.filter.covered')],
  ['declined', () => adminText('admin.topics.filter.declined')],
  ['all', () => adminText('admin.topics.filter.all')],
];

export function TopicAdminListPage(props: { chrome: AdminChrome; status: string; items: AdminTopicRow[]; page: number; hasNext: boolean }) {
  const link = (status: string, page = 1) => `/admin/topics?status=${status}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.topics.list.title')}>
      <h1>{adminText('admin.topics.list.heading')}</h1>
      <p class="actions">{STATUS_FILTERS.map(([s, text]) => (s === props.status ? <strong>{text()}</strong> : <a href={link(s)}>{text()}</a>))}</p>
      {props.items.length === 0 ? <p>{adminText('admin.topics.list.empty')}</p> : null}
      <table class="topic-table">
        <thead>
          <tr>
            <th>{adminText('admin.topics.column.votes')}</th>
            <th>{adminText('admin.topics.column.topic')}</th>
            <th>{adminText('admin.topics.column.status')}</th>
            <th>{adminText('admin.topics.column.proposed')}</th>
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
        {props.page > 1 ? <a href={link(props.status, props.page - 1)}>{adminText('admin.topics.pages.previous')}</a> : null}
        {props.hasNext ? <a href={link(props.status, props.page + 1)}>{adminText('admin.topics.pages.next')}</a> : null}
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
    <AdminLayout chrome={chrome} title={adminText('admin.topics.topic.title', { id: String(topic.id) })}>
      <p>
        <a href="/admin/topics">{adminText('admin.topics.topic.all')}</a>
      </p>
      <h1>{topic.title}</h1>
      <p class="hint">
        <span class={`topic-badge status-${topic.status}`}>{topic.statusLabel}</span> · {topic.tallyText} ·{' '}
        {adminText('admin.topics.topic.proposed', { when: <Moment m={topic.proposed} /> })} ·{' '}
        <a href={topic.publicHref} target="_blank" rel="noopener">
          {adminText('admin.topics.topic.publicPage')}
        </a>
      </p>
      {topic.mergedInto ? (
        <p class="notice">
          {adminText('admin.topics.topic.merged', {
            id: String(topic.mergedInto.id),
            link: (chunks) => <a href={topic.mergedInto!.href}>{chunks}</a>,
          })}
        </p>
      ) : (
        <>
          <form method="post" action={`${topic.href}`} class="panel">
            <h2>{adminText('admin.topics.words.heading')}</h2>
            {csrf}
            <FormError v={v} form="text" />
            <label for="topic-title">{adminText('admin.topics.words.title')}</label>
            <input id="topic-title" name="title" type="text" maxLength={120} value={v.values.title} />
            <label for="topic-description">{adminText('admin.topics.words.description')}</label>
            <textarea id="topic-description" name="description" rows={5} maxLength={1000}>
              {v.values.description}
            </textarea>
            <div class="actions">
              <button type="submit">{adminText('admin.topics.words.save')}</button>
            </div>
          </form>
          <form method="post" action={`${topic.href}/status`} class="panel">
            <h2>{adminText('admin.topics.status.heading')}</h2>
            {csrf}
            <FormError v={v} form="status" />
            <label for="topic-status">{adminText('admin.topics.status.label')}</label>
            <select id="topic-status" name="status">
              {topic.statusOptions.map((o) => (
                <option value={o.value} selected={o.value === v.values.status}>
                  {o.label}
                </option>
              ))}
            </select>
            <label for="topic-reason">{adminText('admin.topics.status.reason')}</label>
            <textarea id="topic-reason" name="reason" rows={2} maxLength={500}>
              {v.values.reason}
            </textarea>
            <div class="actions">
              <button type="submit">{adminText('admin.topics.status.submit')}</button>
            </div>
          </form>
          <section class="panel">
            <h2>{adminText('admin.topics.articles.heading')}</h2>
            {v.articles.length === 0 ? <p class="hint">{adminText('admin.topics.articles.empty')}</p> : null}
            <ul>
              {v.articles.map((a) => (
                <li>
                  <a href={a.href}>{a.title}</a> <span class="hint">{a.slug}</span>
                  <form method="post" action={`${topic.href}/articles/${a.id}/remove`} class="inline">
                    {csrf}
                    <button type="submit" class="secondary">
                      {adminText('admin.topics.articles.unlink')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <form method="post" action={`${topic.href}/articles`}>
              {csrf}
              <FormError v={v} form="link" />
              <label for="topic-slug">{adminText('admin.topics.articles.slug')}</label>
              <input id="topic-slug" name="slug" type="text" maxLength={200} value={v.values.slug} />
              <div class="actions">
                <button type="submit">{adminText('admin.topics.articles.link')}</button>
              </div>
            </form>
          </section>
          <form method="post" action={`${topic.href}/merge`} class="panel">
            <h2>{adminText('admin.topics.merge.heading')}</h2>
            {csrf}
            <FormError v={v} form="merge" />
            <p class="hint">{adminText('admin.topics.merge.hint')}</p>
            <label for="topic-into">{adminText('admin.topics.merge.into')}</label>
            <input id="topic-into" name="into" type="number" min={1} value={v.values.into} />
            <div class="actions">
              <button type="submit" class="secondary">
                {adminText('admin.topics.merge.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      {v.mergedFrom.length ? (
        <section class="panel">
          <h2>{adminText('admin.topics.mergedFrom.heading')}</h2>
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
