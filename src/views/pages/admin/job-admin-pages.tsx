import type { ComponentChildren } from 'preact';
import { adminText } from '../../../i18n/admin-text.js';
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
  if (!row.lastError) return <span class="hint">{adminText('admin.jobs.error.none')}</span>;
  return (
    <>
      <pre class="job-error">{row.lastError}</pre>
      {row.failedAt ? <p class="hint">{adminText('admin.jobs.error.failedAt', { when: <Moment m={row.failedAt} /> })}</p> : null}
    </>
  );
}

type Column = { head: () => string; cell: (r: JobRowView) => ComponentChildren };

const COLUMNS = {
  job: { head: () => adminText('admin.jobs.column.job'), cell: (r) => <code>{r.name}</code> },
  attempts: { head: () => adminText('admin.jobs.column.attempts'), cell: (r) => (r.recurring ? adminText('admin.jobs.attempts.recurring') : r.attempts) },
  error: { head: () => adminText('admin.jobs.column.lastError'), cell: (r) => <ErrorText row={r} /> },
  added: { head: () => adminText('admin.jobs.column.added'), cell: (r) => <Moment m={r.createdAt} /> },
  runs: { head: () => adminText('admin.jobs.column.runs'), cell: (r) => <Moment m={r.runAt} /> },
} satisfies Record<string, Column>;

/** One state's jobs as a table (or a line saying there are none), with the columns that state needs. */
function JobTable(props: { heading: string; list: JobListView; columns: Column[]; empty: string; actions?: (r: JobRowView) => ComponentChildren }) {
  const { list, columns, actions } = props;
  return (
    <>
      <h2>{props.heading}</h2>
      {list.rows.length ? (
        <div class="table-scroll">
          <table class="jobs-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col">{c.head()}</th>
                ))}
                {actions ? <th scope="col">{adminText('admin.jobs.column.actions')}</th> : null}
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
      {list.total > list.rows.length ? <p class="hint">{adminText('admin.jobs.shown', { shown: list.rows.length, total: list.total })}</p> : null}
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
        <button type="submit">{adminText('admin.jobs.action.retry')}</button>
      </form>{' '}
      <form method="post" action={`/admin/jobs/${r.id}/discard`} class="inline">
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <button type="submit" class="danger">
          {adminText('admin.jobs.action.discard')}
        </button>
      </form>
    </>
  );
  return (
    <AdminLayout chrome={v.chrome} title={adminText('admin.jobs.heading')}>
      <h1>{adminText('admin.jobs.heading')}</h1>
      <p>{adminText('admin.jobs.intro', { days: v.retentionDays, kept: v.done })}</p>
      <JobTable
        heading={adminText('admin.jobs.dead.heading', { count: v.dead.total })}
        list={v.dead}
        columns={[job, attempts, error, added]}
        empty={adminText('admin.jobs.dead.empty')}
        actions={deadActions}
      />
      <JobTable
        heading={adminText('admin.jobs.running.heading', { count: v.running.total })}
        list={v.running}
        columns={[job, attempts, error, added]}
        empty={adminText('admin.jobs.running.empty')}
      />
      <JobTable
        heading={adminText('admin.jobs.queued.heading', { count: v.queued.total })}
        list={v.queued}
        columns={[job, runs, attempts, error]}
        empty={adminText('admin.jobs.queued.empty')}
      />
    </AdminLayout>
  );
}
