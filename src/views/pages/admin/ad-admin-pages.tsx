import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface AdCampaignRowView {
  id: number;
  href: string;
  name: string;
  advertiser: string;
  slots: string;
  /** e.g. "1 Dec 2026 – 31 Dec 2026" or "from 1 Dec 2026". */
  dates: string;
  state: 'running' | 'scheduled' | 'ended';
  weight: number;
  impressions: number;
  clicks: number;
  /** "2.5%" or "–". */
  ctr: string;
}

export interface AdSettingsFormView {
  patronsAdFree: boolean;
  inlineAfterParagraph: string;
  noticeEnabled: boolean;
  noticeDismissDays: string;
  error: { field: string; message: string } | null;
}

/** The campaign form's values, as typed (re-shown after a refusal). */
export interface AdCampaignFormView {
  action: string;
  name: string;
  advertiser: string;
  /** The current image, when editing an image campaign. */
  currentImage: { src: string; alt: string } | null;
  alt: string;
  html: string;
  link: string;
  slots: string[];
  starts: string;
  ends: string;
  weight: string;
  dailyCap: string;
  section: string;
  tag: string;
  sections: { slug: string; name: string }[];
  error: { field: string; message: string } | null;
}

const SLOT_LABELS: { value: string; label: () => string }[] = [
  { value: 'article-inline', label: () => adminText('admin.ads.slot.articleInline') },
  { value: 'article-end', label: () => adminText('admin.ads.slot.articleEnd') },
  { value: 'sidebar', label: () => adminText('admin.ads.slot.sidebar') },
  { value: 'home', label: () => adminText('admin.ads.slot.home') },
];

const STATE_LABELS = {
  running: () => adminText('admin.ads.state.running'),
  scheduled: () => adminText('admin.ads.state.scheduled'),
  ended: () => adminText('admin.ads.state.ended'),
} as const;

/** Campaigns with their counts, the CSV report link, and the outlet's advertising settings. */
export function AdListPage(props: { chrome: AdminChrome; rows: AdCampaignRowView[]; settings: AdSettingsFormView }) {
  const s = props.settings;
  const err = (field: string) => (s.error?.field === field ? <p class="field-error">{s.error.message}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.ads.list.heading')}>
      <h1>{adminText('admin.ads.list.heading')}</h1>
      <p>{adminText('admin.ads.list.intro')}</p>
      <p class="actions">
        <a class="button" href="/admin/ads/new">
          {adminText('admin.ads.list.new')}
        </a>
        <a href="/admin/ads/report.csv">{adminText('admin.ads.list.report')}</a>
      </p>
      {props.rows.length === 0 ? (
        <p>{adminText('admin.ads.list.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="ad-table">
            <thead>
              <tr>
                <th>{adminText('admin.ads.column.campaign')}</th>
                <th>{adminText('admin.ads.column.slots')}</th>
                <th>{adminText('admin.ads.column.dates')}</th>
                <th>{adminText('admin.ads.column.weight')}</th>
                <th>{adminText('admin.ads.column.seen')}</th>
                <th>{adminText('admin.ads.column.clicks')}</th>
                <th>{adminText('admin.ads.column.ctr')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a href={r.href}>{r.name}</a>
                    {r.advertiser ? <span class="hint"> {adminText('admin.ads.row.advertiser', { advertiser: r.advertiser })}</span> : null}{' '}
                    <span class={`status status-${r.state}`}>{STATE_LABELS[r.state]()}</span>
                  </td>
                  <td>{r.slots}</td>
                  <td>{r.dates}</td>
                  <td>{r.weight}</td>
                  <td>{r.impressions}</td>
                  <td>{r.clicks}</td>
                  <td>{r.ctr}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{adminText('admin.ads.settings.heading')}</h2>
      <form method="post" action="/admin/ads/settings" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label>
          <input type="checkbox" name="patronsAdFree" value="yes" checked={s.patronsAdFree} /> {adminText('admin.ads.settings.patronsAdFree')}
        </label>
        <label for="ad-inline-after">
          {adminText('admin.ads.settings.inlineAfter')} <span class="hint">{adminText('admin.ads.settings.inlineAfterHint')}</span>
        </label>
        <input id="ad-inline-after" name="inlineAfterParagraph" type="text" inputmode="numeric" value={s.inlineAfterParagraph} />
        {err('inlineAfterParagraph')}
        <label>
          <input type="checkbox" name="noticeEnabled" value="yes" checked={s.noticeEnabled} /> {adminText('admin.ads.settings.notice')}
        </label>
        <label for="ad-notice-days">
          {adminText('admin.ads.settings.noticeDays')} <span class="hint">{adminText('admin.ads.settings.noticeDaysHint')}</span>
        </label>
        <input id="ad-notice-days" name="noticeDismissDays" type="text" inputmode="numeric" value={s.noticeDismissDays} />
        {err('noticeDismissDays')}
        <div class="actions">
          <button type="submit">{adminText('admin.ads.settings.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}

/** Create or edit one campaign. Multipart: the image arrives with the fields. */
export function AdCampaignPage(props: { chrome: AdminChrome; title: string; form: AdCampaignFormView; submit: string }) {
  const f = props.form;
  const err = (...fields: string[]) => (f.error && fields.includes(f.error.field) ? <p class="field-error">{f.error.message}</p> : null);
  const known = ['name', 'advertiser', 'image', 'alt', 'html', 'link', 'slots', 'starts', 'ends', 'weight', 'cap', 'section', 'tag'];
  return (
    <AdminLayout chrome={props.chrome} title={props.title}>
      <h1>{props.title}</h1>
      <p>
        <a href="/admin/ads">{adminText('admin.ads.campaign.all')}</a>
      </p>
      {f.error ? (
        <p class="notice error" role="alert">
          {known.includes(f.error.field) ? adminText('admin.ads.campaign.notSaved', { problem: f.error.message }) : f.error.message}
        </p>
      ) : null}
      <form method="post" action={f.action} enctype="multipart/form-data" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="ad-name">{adminText('admin.ads.campaign.name')}</label>
        <input id="ad-name" name="name" type="text" required maxLength={120} value={f.name} />
        {err('name')}
        <label for="ad-advertiser">
          {adminText('admin.ads.campaign.advertiser')} <span class="hint">{adminText('admin.ads.campaign.advertiserHint')}</span>
        </label>
        <input id="ad-advertiser" name="advertiser" type="text" maxLength={120} value={f.advertiser} />
        {err('advertiser')}
        <fieldset>
          <legend>{adminText('admin.ads.campaign.creative')}</legend>
          {f.currentImage ? (
            <p>
              <img class="ad-preview" src={f.currentImage.src} alt={f.currentImage.alt} />{' '}
              <span class="hint">{adminText('admin.ads.campaign.currentImage')}</span>
            </p>
          ) : null}
          <label for="ad-image">{adminText('admin.ads.campaign.image')}</label>
          <input id="ad-image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />
          {err('image')}
          <label for="ad-alt">
            {adminText('admin.ads.campaign.alt')} <span class="hint">{adminText('admin.ads.campaign.altHint')}</span>
          </label>
          <input id="ad-alt" name="alt" type="text" maxLength={300} value={f.alt} />
          {err('alt')}
          <label for="ad-html">
            {adminText('admin.ads.campaign.html')} <span class="hint">{adminText('admin.ads.campaign.htmlHint')}</span>
          </label>
          <textarea id="ad-html" name="html" rows={4} maxLength={20000}>
            {f.html}
          </textarea>
          {err('html')}
        </fieldset>
        <label for="ad-link">
          {adminText('admin.ads.campaign.link')} <span class="hint">{adminText('admin.ads.campaign.linkHint')}</span>
        </label>
        <input id="ad-link" name="link" type="url" required maxLength={2000} value={f.link} />
        {err('link')}
        <fieldset>
          <legend>{adminText('admin.ads.campaign.slots')}</legend>
          {SLOT_LABELS.map((s) => (
            <label>
              <input type="checkbox" name="slots" value={s.value} checked={f.slots.includes(s.value)} /> {s.label()}
            </label>
          ))}
          {err('slots')}
        </fieldset>
        <div class="grid-2">
          <div>
            <label for="ad-starts">
              {adminText('admin.ads.campaign.starts')} <span class="hint">{adminText('admin.ads.campaign.startsHint')}</span>
            </label>
            <input id="ad-starts" name="starts" type="text" placeholder="2026-12-01" maxLength={40} value={f.starts} />
            {err('starts')}
          </div>
          <div>
            <label for="ad-ends">
              {adminText('admin.ads.campaign.ends')} <span class="hint">{adminText('admin.ads.campaign.endsHint')}</span>
            </label>
            <input id="ad-ends" name="ends" type="text" placeholder="2026-12-31" maxLength={40} value={f.ends} />
            {err('ends')}
          </div>
        </div>
        <div class="grid-2">
          <div>
            <label for="ad-weight">
              {adminText('admin.ads.campaign.weight')} <span class="hint">{adminText('admin.ads.campaign.weightHint')}</span>
            </label>
            <input id="ad-weight" name="weight" type="text" inputmode="numeric" maxLength={4} value={f.weight} />
            {err('weight')}
          </div>
          <div>
            <label for="ad-cap">
              {adminText('admin.ads.campaign.cap')} <span class="hint">{adminText('admin.ads.campaign.capHint')}</span>
            </label>
            <input id="ad-cap" name="dailyCap" type="text" inputmode="numeric" maxLength={4} value={f.dailyCap} />
            {err('cap')}
          </div>
        </div>
        <div class="grid-2">
          <div>
            <label for="ad-section">{adminText('admin.ads.campaign.section')}</label>
            <select id="ad-section" name="section">
              <option value="">{adminText('admin.ads.campaign.anySection')}</option>
              {f.sections.map((s) => (
                <option value={s.slug} selected={s.slug === f.section}>
                  {s.name}
                </option>
              ))}
            </select>
            {err('section')}
          </div>
          <div>
            <label for="ad-tag">
              {adminText('admin.ads.campaign.tag')} <span class="hint">{adminText('admin.ads.campaign.tagHint')}</span>
            </label>
            <input id="ad-tag" name="tag" type="text" maxLength={200} value={f.tag} />
            {err('tag')}
          </div>
        </div>
        <div class="actions">
          <button type="submit">{props.submit}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
