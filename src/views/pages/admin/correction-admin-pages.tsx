import { adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface QueueItemView {
  id: number;
  status: string;
  count: number;
  contacts: number;
  suggestion: string;
  articleHeadline: string;
  articleEditHref: string;
  placement: 'exact' | 'fuzzy' | 'orphaned';
  quote: string;
  context: { before: string; passage: string; after: string };
  /** In the outlet's zone. */
  received: MomentView;
}

/** One report: the passage highlighted in the current text, or the reader's quote if it is gone. */
function Passage({ item }: { item: QueueItemView }) {
  if (item.placement === 'orphaned') {
    return <p>{adminText('admin.corrections.passage.gone', { quote: item.quote, gone: (words) => <em>{words}</em>, quoted: (words) => <q>{words}</q> })}</p>;
  }
  return (
    <p class="diff">
      …{item.context.before}
      <mark>{item.context.passage}</mark>
      {item.context.after}…{item.placement === 'fuzzy' ? <span class="hint"> {adminText('admin.corrections.passage.changed')}</span> : null}
    </p>
  );
}

export function CorrectionQueuePage(props: {
  chrome: AdminChrome;
  status: string;
  groups: { articleHeadline: string; articleEditHref: string; items: QueueItemView[] }[];
  page: number;
  hasNext: boolean;
}) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.corrections.queue.title')}>
      <h1>{adminText('admin.corrections.queue.heading')}</h1>
      <p class="actions">
        {['new', 'accepted', 'rejected', 'duplicate', 'all'].map((s) =>
          s === props.status ? (
            <strong>{adminText('admin.corrections.status', { status: s })}</strong>
          ) : (
            <a href={s === 'all' ? '/admin/corrections?status=all' : `/admin/corrections?status=${s}`}>
              {adminText('admin.corrections.status', { status: s })}
            </a>
          ),
        )}
      </p>
      {props.groups.length === 0 ? <p>{adminText('admin.corrections.queue.none')}</p> : null}
      {props.groups.map((g) => (
        <section class="panel">
          <h2>
            <a href={g.articleEditHref}>{g.articleHeadline}</a>
          </h2>
          {g.items.map((item) => (
            <div class="panel">
              <Passage item={item} />
              <p>
                <strong>{adminText('admin.corrections.suggestion')}</strong> {item.suggestion}
              </p>
              <p class="hint">
                {adminText('admin.corrections.queue.about', {
                  count: item.count,
                  contacts: item.contacts,
                  received: <Moment m={item.received} />,
                  status: adminText('admin.corrections.status', { status: item.status }),
                })}
              </p>
              <p>
                <a href={`/admin/corrections/${item.id}`}>{adminText('admin.corrections.queue.open')}</a>
              </p>
            </div>
          ))}
        </section>
      ))}
      <p class="actions">
        {props.page > 1 ? <a href={`/admin/corrections?status=${props.status}&page=${props.page - 1}`}>{adminText('admin.corrections.queue.newer')}</a> : null}
        {props.hasNext ? <a href={`/admin/corrections?status=${props.status}&page=${props.page + 1}`}>{adminText('admin.corrections.queue.older')}</a> : null}
      </p>
    </AdminLayout>
  );
}

export function CorrectionReportPage(props: {
  chrome: AdminChrome;
  item: QueueItemView;
  fixHref: string;
  noteError: string | null;
  noteValues: { kind: string; body: string };
}) {
  const { item } = props;
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.corrections.report.title', { id: item.id })}>
      <h1>{adminText('admin.corrections.report.heading', { headline: item.articleHeadline })}</h1>
      <div class="panel">
        <Passage item={item} />
        <p>
          <strong>{adminText('admin.corrections.suggestion')}</strong> {item.suggestion}
        </p>
        <p class="hint">
          {adminText('admin.corrections.report.about', { status: adminText('admin.corrections.status', { status: item.status }), count: item.count })}
        </p>
        <p class="actions">
          <a class="button secondary" href={props.fixHref}>
            {adminText('admin.corrections.report.fix')}
          </a>
        </p>
        <form method="post" action={`/admin/corrections/${item.id}/status`} class="actions">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <button type="submit" name="status" value="accepted">
            {adminText('admin.corrections.report.accept')}
          </button>
          <button type="submit" name="status" value="rejected" class="secondary">
            {adminText('admin.corrections.report.reject')}
          </button>
          <button type="submit" name="status" value="duplicate" class="secondary">
            {adminText('admin.corrections.report.duplicate')}
          </button>
        </form>
      </div>
      <form method="post" action={`/admin/corrections/${item.id}/note`} class="panel">
        <h2>{adminText('admin.corrections.note.heading')}</h2>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        {props.noteError ? <p class="field-error">{props.noteError}</p> : null}
        <label for="note-kind">{adminText('admin.corrections.note.kind')}</label>
        <select id="note-kind" name="kind">
          <option value="correction" selected={props.noteValues.kind !== 'clarification'}>
            {adminText('admin.corrections.note.kind.correction')}
          </option>
          <option value="clarification" selected={props.noteValues.kind === 'clarification'}>
            {adminText('admin.corrections.note.kind.clarification')}
          </option>
        </select>
        <label for="note-body">{adminText('admin.corrections.note.body')}</label>
        <textarea id="note-body" name="body" rows={3} maxLength={2000}>
          {props.noteValues.body}
        </textarea>
        <div class="actions">
          <button type="submit">{adminText('admin.corrections.note.submit')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
