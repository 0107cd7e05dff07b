import { adminText } from '../../../i18n/admin-text.js';
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
  { value: 'anyone', text: () => adminText('admin.newsletters.form.audience.anyone') },
  { value: 'members', text: () => adminText('admin.newsletters.form.audience.members') },
  { value: 'patrons', text: () => adminText('admin.newsletters.form.audience.patrons') },
];

/** The subscriber filter: any status, or one. */
const SUBSCRIBER_FILTERS: [string, () => string][] = [
  ['', () => adminText('admin.newsletters.subscribers.any')],
  ['confirmed', () => adminText('admin.newsletters.subscribers.state.confirmed')],
  ['pending', () => adminText('admin.newsletters.subscribers.state.pending')],
  ['unsubscribed', () => adminText('admin.newsletters.subscribers.state.unsubscribed')],
  ['bouncing', () => adminText('admin.newsletters.subscribers.state.bouncing')],
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
      {field('name', adminText('admin.newsletters.form.name'))}
      {field('slug', adminText('admin.newsletters.form.slug'))}
      <label for={`nl-description-${id}`}>{adminText('admin.newsletters.form.description')}</label>
      <textarea id={`nl-description-${id}`} name="description" rows={2}>
        {v.description}
      </textarea>
      {field('senderName', adminText('admin.newsletters.form.senderName'))}
      {field('senderEmail', adminText('admin.newsletters.form.senderEmail'), 'email')}
      <label for={`nl-audience-${id}`}>{adminText('admin.newsletters.form.audience')}</label>
      <select id={`nl-audience-${id}`} name="audience">
        {AUDIENCES.map((a) => (
          <option value={a.value} selected={v.audience === a.value}>
            {a.text()}
          </option>
        ))}
      </select>
      {err('audience')}
      <p>
        <button type="submit">{form.id ? adminText('admin.newsletters.form.save') : adminText('admin.newsletters.form.add')}</button>
      </p>
    </form>
  );
}

function SendsTable({ sends, csrf }: { sends: SendProgressView[]; csrf: string }) {
  if (sends.length === 0) return <p>{adminText('admin.newsletters.sends.empty')}</p>;
  const head = {
    status: adminText('admin.newsletters.sends.status'),
    queued: adminText('admin.newsletters.sends.queued'),
    sent: adminText('admin.newsletters.sends.sent'),
    failed: adminText('admin.newsletters.sends.failed'),
    bounced: adminText('admin.newsletters.sends.bounced'),
    counted: adminText('admin.newsletters.sends.counted'),
  };
  return (
    <table class="list-on-phone">
      <thead>
        <tr>
          <th>{adminText('admin.newsletters.sends.issue')}</th>
          <th>{head.status}</th>
          <th>{head.queued}</th>
          <th>{head.sent}</th>
          <th>{head.failed}</th>
          <th>{head.bounced}</th>
          <th>{head.counted}</th>
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
            <td data-label={head.status}>
              {s.scheduledFor ? adminText('admin.newsletters.sends.scheduledFor', { when: <Moment m={s.scheduledFor} /> }) : s.status}
            </td>
            <td data-label={head.queued}>{s.counts.queued + s.counts.sending}</td>
            <td data-label={head.sent}>{s.counts.sent}</td>
            <td data-label={head.failed}>{s.counts.failed}</td>
            <td data-label={head.bounced}>{s.counts.bounced}</td>
            <td data-label={head.counted}>
              {s.counted ? (
                <>
                  {adminText('admin.newsletters.sends.opensClicks', { opens: s.counted.opens, clicks: s.counted.clicks })}
                  {s.counted.links.length ? (
                    <details>
                      <summary>{adminText('admin.newsletters.sends.perLink')}</summary>
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
                adminText('admin.newsletters.sends.notCounted')
              )}
            </td>
            <td>
              <a href={s.previewHref}>{adminText('admin.newsletters.sends.preview')}</a>
              {s.webHref ? (
                <>
                  {' '}
                  · <a href={s.webHref}>{adminText('admin.newsletters.sends.web')}</a>
                </>
              ) : null}
              {s.cancelAction ? (
                <form method="post" action={s.cancelAction}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{adminText('admin.newsletters.sends.cancel')}</button>
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
  const head = {
    for: adminText('admin.newsletters.column.for'),
    confirmed: adminText('admin.newsletters.column.confirmed'),
    pending: adminText('admin.newsletters.column.pending'),
    unsubscribed: adminText('admin.newsletters.column.unsubscribed'),
    bouncing: adminText('admin.newsletters.column.bouncing'),
  };
  return (
    <AdminLayout chrome={v.chrome} title={adminText('admin.newsletters.list.title')}>
      <section class="panel">
        <h2>{adminText('admin.newsletters.list.heading')}</h2>
        {v.newsletters.length === 0 ? <p>{adminText('admin.newsletters.list.empty')}</p> : null}
        <table class="list-on-phone">
          <thead>
            <tr>
              <th>{adminText('admin.newsletters.column.name')}</th>
              <th>{head.for}</th>
              <th>{head.confirmed}</th>
              <th>{head.pending}</th>
              <th>{head.unsubscribed}</th>
              <th>{head.bouncing}</th>
            </tr>
          </thead>
          <tbody>
            {v.newsletters.map((n) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/${n.id}`}>{n.name}</a>
                </td>
                <td data-label={head.for}>{n.audience}</td>
                <td data-label={head.confirmed}>{n.confirmed}</td>
                <td data-label={head.pending}>{n.pending}</td>
                <td data-label={head.unsubscribed}>{n.unsubscribed}</td>
                <td data-label={head.bouncing}>{n.bouncing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{adminText('admin.newsletters.sends.heading')}</h2>
        <SendsTable sends={v.sends} csrf={v.chrome.csrf} />
      </section>
      <h2>{adminText('admin.newsletters.list.add')}</h2>
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
  const head = {
    name: adminText('admin.newsletters.subscribers.name'),
    status: adminText('admin.newsletters.subscribers.status'),
    since: adminText('admin.newsletters.subscribers.since'),
    bounces: adminText('admin.newsletters.subscribers.bounces'),
  };
  return (
    <AdminLayout chrome={v.chrome} title={v.form.values.name}>
      <section class="panel">
        <h2>{adminText('admin.newsletters.send.heading')}</h2>
        {v.send.error ? <p class="field-error">{v.send.error}</p> : null}
        <form method="post" action={`/admin/newsletters/${id}/issues`}>
          <input type="hidden" name="_csrf" value={v.chrome.csrf} />
          <label for="send-articles">
            {adminText('admin.newsletters.send.stories')} <span class="hint">{adminText('admin.newsletters.send.storiesHint')}</span>
          </label>
          <input id="send-articles" name="articles" type="text" value={v.send.articles} required />
          <label for="send-subject">
            {adminText('admin.newsletters.send.subject')} <span class="hint">{adminText('admin.newsletters.send.subjectHint')}</span>
          </label>
          <input id="send-subject" name="subject" type="text" value={v.send.subject} maxLength={200} />
          <label for="send-intro">
            {adminText('admin.newsletters.send.intro')} <span class="hint">{adminText('admin.newsletters.send.introHint')}</span>
          </label>
          <textarea id="send-intro" name="intro" rows={4}>
            {v.send.intro}
          </textarea>
          <label for="send-at">
            {adminText('admin.newsletters.send.at')} <span class="hint">{adminText('admin.newsletters.send.atHint', { zone: v.timeZone })}</span>
          </label>
          <input id="send-at" name="sendAt" type="datetime-local" value={v.send.sendAt} />
          <p>
            <button type="submit" name="intent" value="send">
              {adminText('admin.newsletters.send.toList')}
            </button>{' '}
            <button type="submit" name="intent" value="test">
              {adminText('admin.newsletters.send.test')}
            </button>{' '}
            <button type="submit" name="intent" value="preview" formtarget="_blank">
              {adminText('admin.newsletters.send.preview')}
            </button>
          </p>
        </form>
      </section>
      <section class="panel">
        <h2>{adminText('admin.newsletters.sends.heading')}</h2>
        <SendsTable sends={v.sends} csrf={v.chrome.csrf} />
      </section>
      <section class="panel">
        <h2>{adminText('admin.newsletters.subscribers.heading')}</h2>
        <p>{adminText('admin.newsletters.subscribers.counts', v.counts)}</p>
        <form method="get" action={`/admin/newsletters/${id}`}>
          <label for="sub-q">{adminText('admin.newsletters.subscribers.search')}</label>
          <input id="sub-q" name="q" type="search" value={v.query} maxLength={200} />
          <label for="sub-status">{head.status}</label>
          <select id="sub-status" name="status">
            {SUBSCRIBER_FILTERS.map(([s, text]) => (
              <option value={s} selected={v.status === s}>
                {text()}
              </option>
            ))}
          </select>
          <button type="submit">{adminText('admin.newsletters.subscribers.searchButton')}</button>
        </form>
        <table class="list-on-phone">
          <thead>
            <tr>
              <th>{adminText('admin.newsletters.subscribers.address')}</th>
              <th>{head.name}</th>
              <th>{head.status}</th>
              <th>{head.since}</th>
              <th>{head.bounces}</th>
            </tr>
          </thead>
          <tbody>
            {v.subscribers.map((s) => (
              <tr>
                <td>{s.email}</td>
                <td data-label={head.name}>{s.name}</td>
                <td data-label={head.status}>{s.status}</td>
                <td data-label={head.since}>
                  <Moment m={s.since} />
                </td>
                <td data-label={head.bounces}>{s.bounces}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {v.pages.prev ? <a href={v.pages.prev}>{adminText('admin.newsletters.subscribers.newer')}</a> : null}{' '}
          {v.pages.next ? <a href={v.pages.next}>{adminText('admin.newsletters.subscribers.older')}</a> : null}
        </p>
        <p class="hint">{adminText('admin.newsletters.subscribers.import', { id: String(id) })}</p>
      </section>
      <h2>{adminText('admin.newsletters.settings.heading')}</h2>
      <NewsletterForm chrome={v.chrome} form={v.form} />
    </AdminLayout>
  );
}
