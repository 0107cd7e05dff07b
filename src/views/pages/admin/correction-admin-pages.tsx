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
    return (
      <p>
        <em>This passage is no longer in the article.</em> The reader quoted: <q>{item.quote}</q>
      </p>
    );
  }
  return (
    <p class="diff">
      …{item.context.before}
      <mark>{item.context.passage}</mark>
      {item.context.after}…{item.placement === 'fuzzy' ? <span class="hint"> (the passage has changed since the report)</span> : null}
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
    <AdminLayout chrome={props.chrome} title="Corrections">
      <h1>Reader reports</h1>
      <p class="actions">
        {['new', 'accepted', 'rejected', 'duplicate', 'all'].map((s) =>
          s === props.status ? <strong>{s}</strong> : <a href={s === 'all' ? '/admin/corrections?status=all' : `/admin/corrections?status=${s}`}>{s}</a>,
        )}
      </p>
      {props.groups.length === 0 ? <p>No reports here.</p> : null}
      {props.groups.map((g) => (
        <section class="panel">
          <h2>
            <a href={g.articleEditHref}>{g.articleHeadline}</a>
          </h2>
          {g.items.map((item) => (
            <div class="panel">
              <Passage item={item} />
              <p>
                <strong>Suggestion:</strong> {item.suggestion}
              </p>
              <p class="hint">
                {item.count > 1 ? `${item.count} readers sent this. ` : ''}
                {item.contacts ? `${item.contacts} asked for a reply. ` : ''}Received <Moment m={item.received} /> · {item.status}
              </p>
              <p>
                <a href={`/admin/corrections/${item.id}`}>Open</a>
              </p>
            </div>
          ))}
        </section>
      ))}
      <p class="actions">
        {props.page > 1 ? <a href={`/admin/corrections?status=${props.status}&page=${props.page - 1}`}>Newer</a> : null}
        {props.hasNext ? <a href={`/admin/corrections?status=${props.status}&page=${props.page + 1}`}>Older</a> : null}
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
    <AdminLayout chrome={props.chrome} title={`Report ${item.id}`}>
      <h1>Report about “{item.articleHeadline}”</h1>
      <div class="panel">
        <Passage item={item} />
        <p>
          <strong>Suggestion:</strong> {item.suggestion}
        </p>
        <p class="hint">
          Status: {item.status}. {item.count > 1 ? `${item.count} readers sent this.` : ''}
        </p>
        <p class="actions">
          <a class="button secondary" href={props.fixHref}>
            Fix the text
          </a>
        </p>
        <form method="post" action={`/admin/corrections/${item.id}/status`} class="actions">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <button type="submit" name="status" value="accepted">
            Accept
          </button>
          <button type="submit" name="status" value="rejected" class="secondary">
            Reject
          </button>
          <button type="submit" name="status" value="duplicate" class="secondary">
            Duplicate
          </button>
        </form>
      </div>
      <form method="post" action={`/admin/corrections/${item.id}/note`} class="panel">
        <h2>Publish a note on the article</h2>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        {props.noteError ? <p class="field-error">{props.noteError}</p> : null}
        <label for="note-kind">Kind</label>
        <select id="note-kind" name="kind">
          <option value="correction" selected={props.noteValues.kind !== 'clarification'}>
            Correction (an error of fact was fixed)
          </option>
          <option value="clarification" selected={props.noteValues.kind === 'clarification'}>
            Clarification (context added or wording made clearer)
          </option>
        </select>
        <label for="note-body">Note readers will see</label>
        <textarea id="note-body" name="body" rows={3} maxLength={2000}>
          {props.noteValues.body}
        </textarea>
        <div class="actions">
          <button type="submit">Publish note</button>
        </div>
      </form>
    </AdminLayout>
  );
}
