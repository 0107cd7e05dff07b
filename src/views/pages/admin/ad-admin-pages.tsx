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

const SLOT_LABELS: { value: string; label: string }[] = [
  { value: 'article-inline', label: 'Inside stories, after a paragraph (article-inline)' },
  { value: 'article-end', label: 'At the end of stories (article-end)' },
  { value: 'sidebar', label: 'Beside stories and the front page (sidebar)' },
  { value: 'home', label: 'On the front page (home)' },
];

const STATE_LABELS = { running: 'Running', scheduled: 'Scheduled', ended: 'Ended' } as const;

/** Campaigns with their counts, the CSV report link, and the outlet's advertising settings. */
export function AdListPage(props: { chrome: AdminChrome; rows: AdCampaignRowView[]; settings: AdSettingsFormView }) {
  const s = props.settings;
  const err = (field: string) => (s.error?.field === field ? <p class="field-error">{s.error.message}</p> : null);
  return (
    <AdminLayout chrome={props.chrome} title="Ads">
      <h1>Ads</h1>
      <p>
        Campaigns we sell ourselves, served from our own site. Readers are never tracked: we count how often each ad was seen (half of it on screen for a
        second) and clicked, per day, and nothing about who.
      </p>
      <p class="actions">
        <a class="button" href="/admin/ads/new">
          New campaign
        </a>
        <a href="/admin/ads/report.csv">Download the report (CSV)</a>
      </p>
      {props.rows.length === 0 ? (
        <p>No campaigns yet. Until there is one, pages carry no ad slots and no ad script.</p>
      ) : (
        <div class="table-scroll">
          <table class="ad-table">
            <thead>
              <tr>
                <th>Campaign</th>
                <th>Slots</th>
                <th>Dates</th>
                <th>Weight</th>
                <th>Seen</th>
                <th>Clicks</th>
                <th>CTR</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a href={r.href}>{r.name}</a>
                    {r.advertiser ? <span class="hint"> for {r.advertiser}</span> : null}{' '}
                    <span class={`status status-${r.state}`}>{STATE_LABELS[r.state]}</span>
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
      <h2>Settings</h2>
      <form method="post" action="/admin/ads/settings" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label>
          <input type="checkbox" name="patronsAdFree" value="yes" checked={s.patronsAdFree} /> Patrons see no ads
        </label>
        <label for="ad-inline-after">
          Inline ads follow paragraph <span class="hint">(of the story body, 1 to 30)</span>
        </label>
        <input id="ad-inline-after" name="inlineAfterParagraph" type="text" inputmode="numeric" value={s.inlineAfterParagraph} />
        {err('inlineAfterParagraph')}
        <label>
          <input type="checkbox" name="noticeEnabled" value="yes" checked={s.noticeEnabled} /> Ask readers whose blocker hides our ads to reconsider
        </label>
        <label for="ad-notice-days">
          A dismissed request stays away for <span class="hint">(days)</span>
        </label>
        <input id="ad-notice-days" name="noticeDismissDays" type="text" inputmode="numeric" value={s.noticeDismissDays} />
        {err('noticeDismissDays')}
        <div class="actions">
          <button type="submit">Save settings</button>
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
        <a href="/admin/ads">All campaigns</a>
      </p>
      {f.error ? (
        <p class="notice error" role="alert">
          {known.includes(f.error.field) ? 'The campaign was not saved: ' : ''}
          {f.error.message}
        </p>
      ) : null}
      <form method="post" action={f.action} enctype="multipart/form-data" class="panel">
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <label for="ad-name">Name</label>
        <input id="ad-name" name="name" type="text" required maxLength={120} value={f.name} />
        {err('name')}
        <label for="ad-advertiser">
          Advertiser <span class="hint">(shown under the ad as “From …”)</span>
        </label>
        <input id="ad-advertiser" name="advertiser" type="text" maxLength={120} value={f.advertiser} />
        {err('advertiser')}
        <fieldset>
          <legend>The ad: an image, or HTML</legend>
          {f.currentImage ? (
            <p>
              <img class="ad-preview" src={f.currentImage.src} alt={f.currentImage.alt} /> <span class="hint">Current image. Choose a file to replace it.</span>
            </p>
          ) : null}
          <label for="ad-image">Image</label>
          <input id="ad-image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />
          {err('image')}
          <label for="ad-alt">
            Alt text <span class="hint">(what the image says, for readers who cannot see it)</span>
          </label>
          <input id="ad-alt" name="alt" type="text" maxLength={300} value={f.alt} />
          {err('alt')}
          <label for="ad-html">
            Or HTML <span class="hint">(text and our own images only; links and scripts are removed, the whole ad links to the address below)</span>
          </label>
          <textarea id="ad-html" name="html" rows={4} maxLength={20000}>
            {f.html}
          </textarea>
          {err('html')}
        </fieldset>
        <label for="ad-link">
          Link <span class="hint">(where a click goes: http:// or https://)</span>
        </label>
        <input id="ad-link" name="link" type="url" required maxLength={2000} value={f.link} />
        {err('link')}
        <fieldset>
          <legend>Where it runs</legend>
          {SLOT_LABELS.map((s) => (
            <label>
              <input type="checkbox" name="slots" value={s.value} checked={f.slots.includes(s.value)} /> {s.label}
            </label>
          ))}
          {err('slots')}
        </fieldset>
        <div class="grid-2">
          <div>
            <label for="ad-starts">
              Starts <span class="hint">(UTC; empty for now)</span>
            </label>
            <input id="ad-starts" name="starts" type="text" placeholder="2026-12-01" maxLength={40} value={f.starts} />
            {err('starts')}
          </div>
          <div>
            <label for="ad-ends">
              Ends after <span class="hint">(the last day, UTC; empty for no end)</span>
            </label>
            <input id="ad-ends" name="ends" type="text" placeholder="2026-12-31" maxLength={40} value={f.ends} />
            {err('ends')}
          </div>
        </div>
        <div class="grid-2">
          <div>
            <label for="ad-weight">
              Weight <span class="hint">(1 to 100: its share against other ads in the same slot)</span>
            </label>
            <input id="ad-weight" name="weight" type="text" inputmode="numeric" maxLength={4} value={f.weight} />
            {err('weight')}
          </div>
          <div>
            <label for="ad-cap">
              Daily cap <span class="hint">(showings a day per browser, kept in that browser; empty for none)</span>
            </label>
            <input id="ad-cap" name="dailyCap" type="text" inputmode="numeric" maxLength={4} value={f.dailyCap} />
            {err('cap')}
          </div>
        </div>
        <div class="grid-2">
          <div>
            <label for="ad-section">Only in the section</label>
            <select id="ad-section" name="section">
              <option value="">Any section</option>
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
              Only on stories tagged <span class="hint">(a tag name or slug; empty for any)</span>
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
