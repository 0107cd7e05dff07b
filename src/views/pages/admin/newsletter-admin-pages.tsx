import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface NewsletterFormView {
  id: number | null;
  values: { slug: string; name: string; description: string; senderName: string; senderEmail: string; audience: string };
  error: { field: string; message: string } | null;
}

export interface SendProgressView {
  id: number;
  newsletter: string;
  subject: string;
  status: string;
  /** For a scheduled send: when it goes out. */
  scheduledFor: MomentView | null;
  when: MomentView;
  counts: { queued: number; sending: number; sent: number; failed: number; bounced: number };
  /** Opens and clicks of the whole issue, when it counted them (the outlet's choice, fixed when it started); null otherwise. */
  counted: { opens: number; clicks: number; links: { url: string; clicks: number }[] } | null;
  previewHref: string;
  webHref: string | null;
  cancelAction: string | null;
}

export interface NewslettersAdminView {
  chrome: AdminChrome;
  newsletters: { id: number; name: string; slug: string; audience: string; confirmed: number; pending: number; unsubscribed: number; bouncing: number }[];
  sends: SendProgressView[];
  form: NewsletterFormView;
}

const AUDIENCES = [
  { value: 'anyone', text: 'Anyone who confirms their address' },
  { value: 'members', text: 'Readers with an account' },
  { value: 'patrons', text: 'Patrons only' },
];

function NewsletterForm({ chrome, form }: { chrome: AdminChrome; form: NewsletterFormView }) {
  const v = form.values;
  const id = form.id ?? 'new';
  const err = (field: string) => (form.error?.field === field ? <p class="field-error">{form.error.message}</p> : null);
  const field = (name: keyof NewsletterFormView['values'], label: string, type = 'text') => (
    <>
      <label for={`nl-${name}-${id}`}>{label}</label>
      <input id={`nl-${name}-${id}`} name={name} type={type} value={v[name]} aria-invalid={form.error?.field === name ? 'true' : undefined} />
      {err(name)}
    </>
  );
  return (
    <form method="post" action={form.id ? `/admin/newsletters/${form.id}` : '/admin/newsletters'} class="panel">
      <input type="hidden" name="_csrf" value={chrome.csrf} />
      {field('name', 'Name')}
      {field('slug', 'Web address (slug)')}
      <label for={`nl-description-${id}`}>Description</label>
      <textarea id={`nl-description-${id}`} name="description" rows={2}>
        {v.description}
      </textarea>
      {field('senderName', 'From (name)')}
      {field('senderEmail', 'From (address)', 'email')}
      <label for={`nl-audience-${id}`}>Who receives it</label>
      <select id={`nl-audience-${id}`} name="audience">
        {AUDIENCES.map((a) => (
          <option value={a.value} selected={v.audience === a.value}>
            {a.text}
          </option>
        ))}
      </select>
      {err('audience')}
      <p>
        <button type="submit">{form.id ? 'Save' : 'Add newsletter'}</button>
      </p>
    </form>
  );
}

function SendsTable({ sends, csrf }: { sends: SendProgressView[]; csrf: string }) {
  if (sends.length === 0) return <p>No sends yet.</p>;
  return (
    <table class="list-on-phone">
      <thead>
        <tr>
          <th>Issue</th>
          <th>Status</th>
          <th>Queued</th>
          <th>Sent</th>
          <th>Failed</th>
          <th>Bounced</th>
          <th>Opens, clicks</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {sends.map((s) => (
          <tr>
            <td>
              {s.newsletter}: {s.subject}
              <br />
              <small>
                <Moment m={s.when} />
              </small>
            </td>
            <td data-label="Status">
              {s.scheduledFor ? (
                <>
                  scheduled for <Moment m={s.scheduledFor} />
                </>
              ) : (
                s.status
              )}
            </td>
            <td data-label="Queued">{s.counts.queued + s.counts.sending}</td>
            <td data-label="Sent">{s.counts.sent}</td>
            <td data-label="Failed">{s.counts.failed}</td>
            <td data-label="Bounced">{s.counts.bounced}</td>
            <td data-label="Opens, clicks">
              {s.counted ? (
                <>
                  {s.counted.opens} opens, {s.counted.clicks} clicks
                  {s.counted.links.length ? (
                    <details>
                      <summary>Clicks per link</summary>
                      <ul class="link-clicks">
                        {s.counted.links.map((l) => (
                          <li>
                            {l.clicks}: {l.url}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </>
              ) : (
                'not counted'
              )}
            </td>
            <td>
              <a href={s.previewHref}>Preview</a>
              {s.webHref ? (
                <>
                  {' '}
                  · <a href={s.webHref}>Web</a>
                </>
              ) : null}
              {s.cancelAction ? (
                <form method="post" action={s.cancelAction}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">Cancel</button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /admin/newsletters: the lists with their counts, recent sends with progress, a form for a new list. */
export function NewslettersAdminPage(v: NewslettersAdminView) {
  return (
    <AdminLayout chrome={v.chrome} title="Newsletters">
      <section class="panel">
        <h2>Newsletters</h2>
        {v.newsletters.length === 0 ? <p>None yet: add the first below.</p> : null}
        <table class="list-on-phone">
          <thead>
            <tr>
              <th>Name</th>
              <th>For</th>
              <th>Confirmed</th>
              <th>Waiting to confirm</th>
              <th>Unsubscribed</th>
              <th>Bouncing</th>
            </tr>
          </thead>
          <tbody>
            {v.newsletters.map((n) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/${n.id}`}>{n.name}</a>
                </td>
                <td data-label="For">{n.audience}</td>
                <td data-label="Confirmed">{n.confirmed}</td>
                <td data-label="Waiting to confirm">{n.pending}</td>
                <td data-label="Unsubscribed">{n.unsubscribed}</td>
                <td data-label="Bouncing">{n.bouncing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>Sends</h2>
        <SendsTable sends={v.sends} csrf={v.chrome.csrf} />
      </section>
      <h2>Add a newsletter</h2>
      <NewsletterForm chrome={v.chrome} form={v.form} />
    </AdminLayout>
  );
}

export interface NewsletterAdminView {
  chrome: AdminChrome;
  form: NewsletterFormView;
  counts: { confirmed: number; pending: number; unsubscribed: number; bouncing: number };
  query: string;
  status: string;
  subscribers: { email: string; name: string; status: string; since: MomentView; bounces: number }[];
  pages: { prev: string | null; next: string | null };
  sends: SendProgressView[];
  /** The outlet's IANA zone: a send time is a time there. */
  timeZone: string;
  send: { articles: string; subject: string; intro: string; sendAt: string; error: string | null };
}

/** One newsletter: its settings, subscribers (search, status), sends, and the form to send a story or a digest. */
export function NewsletterAdminPage(v: NewsletterAdminView) {
  const id = v.form.id!;
  return (
    <AdminLayout chrome={v.chrome} title={v.form.values.name}>
      <section class="panel">
        <h2>Send a story or a digest</h2>
        {v.send.error ? <p class="field-error">{v.send.error}</p> : null}
        <form method="post" action={`/admin/newsletters/${id}/issues`}>
          <input type="hidden" name="_csrf" value={v.chrome.csrf} />
          <label for="send-articles">
            Stories <span class="hint">(slugs of published stories, comma-separated; one for a story send, several for a digest)</span>
          </label>
          <input id="send-articles" name="articles" type="text" value={v.send.articles} required />
          <label for="send-subject">
            Subject <span class="hint">(empty: the headline)</span>
          </label>
          <input id="send-subject" name="subject" type="text" value={v.send.subject} maxLength={200} />
          <label for="send-intro">
            Introduction <span class="hint">(optional, plain text; blank lines separate paragraphs)</span>
          </label>
          <textarea id="send-intro" name="intro" rows={4}>
            {v.send.intro}
          </textarea>
          <label for="send-at">
            Send at <span class="hint">(time in {v.timeZone}; empty: now)</span>
          </label>
          <input id="send-at" name="sendAt" type="datetime-local" value={v.send.sendAt} />
          <p>
            <button type="submit" name="intent" value="send">
              Send to the list
            </button>{' '}
            <button type="submit" name="intent" value="test">
              Send a test to me
            </button>{' '}
            <button type="submit" name="intent" value="preview" formtarget="_blank">
              Preview
            </button>
          </p>
        </form>
      </section>
      <section class="panel">
        <h2>Sends</h2>
        <SendsTable sends={v.sends} csrf={v.chrome.csrf} />
      </section>
      <section class="panel">
        <h2>Subscribers</h2>
        <p>
          {v.counts.confirmed} confirmed · {v.counts.pending} waiting to confirm · {v.counts.unsubscribed} unsubscribed · {v.counts.bouncing} bouncing
        </p>
        <form method="get" action={`/admin/newsletters/${id}`}>
          <label for="sub-q">Search addresses and names</label>
          <input id="sub-q" name="q" type="search" value={v.query} maxLength={200} />
          <label for="sub-status">Status</label>
          <select id="sub-status" name="status">
            {['', 'confirmed', 'pending', 'unsubscribed', 'bouncing'].map((s) => (
              <option value={s} selected={v.status === s}>
                {s || 'any'}
              </option>
            ))}
          </select>
          <button type="submit">Search</button>
        </form>
        <table class="list-on-phone">
          <thead>
            <tr>
              <th>Address</th>
              <th>Name</th>
              <th>Status</th>
              <th>Since</th>
              <th>Bounces</th>
            </tr>
          </thead>
          <tbody>
            {v.subscribers.map((s) => (
              <tr>
                <td>{s.email}</td>
                <td data-label="Name">{s.name}</td>
                <td data-label="Status">{s.status}</td>
                <td data-label="Since">
                  <Moment m={s.since} />
                </td>
                <td data-label="Bounces">{s.bounces}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {v.pages.prev ? <a href={v.pages.prev}>Newer</a> : null} {v.pages.next ? <a href={v.pages.next}>Older</a> : null}
        </p>
        <p class="hint">Import a list from the command line: masthead subscribers import FILE.csv --newsletter {String(id)}</p>
      </section>
      <h2>Settings</h2>
      <NewsletterForm chrome={v.chrome} form={v.form} />
    </AdminLayout>
  );
}
