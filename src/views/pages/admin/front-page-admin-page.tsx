import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

export interface FrontSlotView {
  slot: number;
  name: string;
  story: { headline: string; editHref: string; publishedText: string } | null;
  pinned: boolean;
}

export interface FrontPageAdminView {
  chrome: AdminChrome;
  slots: FrontSlotView[];
  /** Published stories an editor can pin, newest first. */
  choices: { slug: string; headline: string }[];
  values: { slot: string; story: string };
  error: string | null;
  /** The drag-and-drop script; the buttons work without it. */
  scriptHref: string | null;
}

/** /admin/front-page: what leads the home page, with buttons to move, pin and unpin, and drag where JS runs. */
export function FrontPageAdminPage(v: FrontPageAdminView) {
  const last = v.slots.length - 1;
  return (
    <AdminLayout chrome={v.chrome} title={adminText('admin.frontPage.title')} head={v.scriptHref ? <script type="module" src={v.scriptHref} /> : null}>
      <h1>{adminText('admin.frontPage.heading')}</h1>
      <p>{adminText('admin.frontPage.intro', { secondary: v.slots.length - 1, home: (words) => <a href="/">{words}</a> })}</p>
      {v.error ? (
        <p class="notice error" role="alert">
          {v.error}
        </p>
      ) : null}
      <ol class="front-slots" data-csrf={v.chrome.csrf}>
        {v.slots.map((s) => (
          <li class={s.pinned ? 'front-slot pinned' : 'front-slot'} data-slot={String(s.slot)} draggable={Boolean(s.story)}>
            <div class="front-slot-text">
              <p class="front-slot-name">
                {s.name}{' '}
                <span class={s.pinned ? 'status status-published' : 'status'}>
                  {s.pinned ? adminText('admin.frontPage.slot.pinned') : adminText('admin.frontPage.slot.newest')}
                </span>
              </p>
              {s.story ? (
                <p class="front-slot-story">
                  <a href={s.story.editHref}>{s.story.headline}</a> <span class="hint">{s.story.publishedText}</span>
                </p>
              ) : (
                <p class="hint">{adminText('admin.frontPage.slot.empty')}</p>
              )}
            </div>
            <div class="front-slot-actions">
              {s.slot > 0 && s.story ? (
                <form method="post" action="/admin/front-page/move" class="inline">
                  <input type="hidden" name="_csrf" value={v.chrome.csrf} />
                  <input type="hidden" name="from" value={String(s.slot)} />
                  <input type="hidden" name="to" value={String(s.slot - 1)} />
                  <button type="submit" class="secondary" aria-label={adminText('admin.frontPage.slot.up.label', { headline: s.story.headline })}>
                    {adminText('admin.frontPage.slot.up')}
                  </button>
                </form>
              ) : null}
              {s.slot < last && s.story ? (
                <form method="post" action="/admin/front-page/move" class="inline">
                  <input type="hidden" name="_csrf" value={v.chrome.csrf} />
                  <input type="hidden" name="from" value={String(s.slot)} />
                  <input type="hidden" name="to" value={String(s.slot + 1)} />
                  <button type="submit" class="secondary" aria-label={adminText('admin.frontPage.slot.down.label', { headline: s.story.headline })}>
                    {adminText('admin.frontPage.slot.down')}
                  </button>
                </form>
              ) : null}
              {s.pinned ? (
                <form method="post" action="/admin/front-page/unpin" class="inline">
                  <input type="hidden" name="_csrf" value={v.chrome.csrf} />
                  <input type="hidden" name="slot" value={String(s.slot)} />
                  <button type="submit" class="secondary">
                    {adminText('admin.frontPage.slot.unpin')}
                  </button>
                </form>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <form method="post" action="/admin/front-page/pin" class="panel">
        <h2>{adminText('admin.frontPage.pin.heading')}</h2>
        <input type="hidden" name="_csrf" value={v.chrome.csrf} />
        <label for="pin-story">{adminText('admin.frontPage.pin.story')}</label>
        <select id="pin-story" name="story" required>
          <option value="">{adminText('admin.frontPage.pin.choose')}</option>
          {v.choices.map((c) => (
            <option value={c.slug} selected={c.slug === v.values.story}>
              {c.headline}
            </option>
          ))}
        </select>
        <label for="pin-slot">{adminText('admin.frontPage.pin.slot')}</label>
        <select id="pin-slot" name="slot">
          {v.slots.map((s) => (
            <option value={String(s.slot)} selected={String(s.slot) === v.values.slot}>
              {s.name}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">{adminText('admin.frontPage.pin.submit')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
