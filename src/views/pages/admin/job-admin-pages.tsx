import type { ComponentChildren } from 'preact';
import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface JobRowView {
  id: string;
  name: string;
  /** "2 of 5" */
  attempts: string;
  /** When it runs next (queued), or when its lease ends (running). */
  runAt: MomentView;
  lastError: string | null;
  failedAt: MomentView | null;
  createdAt: MomentView;
  /** Whether it comes back by itself (a recurring job: never dead, never done). */
  recurring: boolean;
}

export interface JobListView {
  rows: JobRowView[];
  /** How many are in this state in all (the list shows the most recent). */
  total: number;
}

export interface JobsAdminView {
  chrome: AdminChrome;
  dead: JobListView;
  running: JobListView;
  queued: JobListView;
  done: number;
  retentionDays: number;
}

function ErrorText({ row }: { row: JobRowView }) {
  if (!row.lastError) return <span class="hint">None</span>;
  return (
    <>
      <pre class="job-error">{row.lastError}</pre>
      {row.failedAt ? (
        <p class="hint">
          Failed <Moment m={row.failedAt} />
        </p>
      ) : null}
    </>
  );
}

type Column = { head: string; cell: (r: JobRowView) => ComponentChildren };

const COLUMNS = {
  job: { head: 'Job', cell: (r) => <code>{r.name}</code> },
  attempts: { head: 'Attempts', cell: (r) => (r.recurring ? 'Recurring' : r.attempts) },
  error: { head: 'Last error', cell: (r) => <ErrorText row={r} /> },
  added: { head: 'Added', cell: (r) => <Moment m={r.createdAt} /> },
  runs: { head: 'Runs', cell: (r) => <Moment m={r.runAt} /> },
} satisfies Record<string, Column>;

/** One state's jobs as a table (or a line saying there are none), with the columns that state needs. */
function JobTable(props: { title: string; list: JobListView; columns: Column[]; empty: string; actions?: (r: JobRowView) => ComponentChildren }) {
  const { list, columns, actions } = props;
  return (
    <>
      <h2>
        {props.title} ({list.total})
      </h2>
      {list.rows.length ? (
        <div class="table-scroll">
          <table class="jobs-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col">{c.head}</th>
                ))}
                {actions ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr>
                  {columns.map((c) => (
                    <td>{c.cell(r)}</td>
                  ))}
                  {actions ? <td>{actions(r)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="hint">{props.empty}</p>
      )}
      {list.total > list.rows.length ? (
        <p class="hint">
          Showing the latest {list.rows.length} of {list.total}.
        </p>
      ) : null}
    </>
  );
}

/** /admin/jobs: the background work queue, and the dead-letter list an admin can retry or discard. */
export function JobsAdminPage({ v }: { v: JobsAdminView }) {
  const { job, attempts, error, added, runs } = COLUMNS;
  const deadActions = (r: JobRowView) => (
    <>
      <form method="post" action={`/admin/jobs/${r.id}/retry`} class="inline">
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <button type="submit">Retry</button>
      </form>{' '}
      <form method="post" action={`/admin/jobs/${r.id}/discard`} class="inline">
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <button type="submit" class="danger">
          Discard
        </button>
      </form>
    </>
  );
  return (
    <AdminLayout chrome={v.chrome} title="Background jobs">
      <h1>Background jobs</h1>
      <p>
        Mail, scheduled publishing, purges and other background work run as jobs. A job that keeps failing is stopped after its last attempt and waits here
        until someone retries or discards it. Finished jobs are deleted after {v.retentionDays} days ({v.done} kept now).
      </p>
      <JobTable title="Failed for good" list={v.dead} columns={[job, attempts, error, added]} empty="No failed jobs." actions={deadActions} />
      <JobTable title="Running" list={v.running} columns={[job, attempts, error, added]} empty="Nothing is running." />
      <JobTable title="Waiting" list={v.queued} columns={[job, runs, attempts, error]} empty="Nothing is waiting." />
    </AdminLayout>
  );
}
