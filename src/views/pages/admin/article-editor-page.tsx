import { adminEditorIsland } from '../../../i18n/catalogs/admin/editor-island.js';
import { adminMessages, adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { jsonForScript } from '../../render.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { FieldError, Input, TextArea, invalid } from './article-editor-fields.js';
import { MetaPanel, Translations } from './article-editor-panel.js';

/** A story shown as a card in the related-stories picker. */
export interface RelatedCard {
  slug: string;
  headline: string;
  section: string | null;
  publishedAt: string | null;
}

export interface EditPageView {
  id: number | null;
  revision: number | null;
  status: string;
  publicUrl: string | null;
  values: Record<string, string>;
  hero: { src: string; alt: string } | null;
  fields: Record<string, string>;
  sectionNames: string[];
  /** The pinned related stories, in order, as cards. */
  relatedCards: RelatedCard[];
  canPublish: boolean;
  canDelete: boolean;
  /** The outlet's IANA zone, and its name as people say it ("Central Standard Time"). */
  timeZone: string;
  timeZoneName: string;
  editor: { jsHref: string; cssHref: string } | null;
  draftKey: string;
  /** When the article was last saved (ISO), null for a new one. */
  savedAt: string | null;
  /** The same, in the outlet's zone (relative, the full time as its title). */
  saved: MomentView | null;
  /** An autosave newer than the saved text, which the writer may want back. */
  unsavedAutosave: { id: number; createdAt: string; taken: MomentView } | null;
  /** Whether scheduling is possible now: the slug fixed or not, see the template. */
  slugFixed: boolean;
  /** Newsletters this editor may send the story to (empty without `newsletters.manage`). */
  newsletters: { id: number; name: string }[];
  /** The story's other versions (its translation group), linked to their edit pages. */
  translations: { href: string; language: string; headline: string; status: string }[];
  /** The outlet's languages with no version of this story yet ("Translate this story"); empty: nothing to offer. */
  translateTo: { code: string; name: string }[];
  /** The newsletter this scheduled story goes to when it is published, or null. */
  waitingNewsletterId: number | null;
}

const EDITOR_KEYS = Object.keys(adminEditorIsland) as (keyof typeof adminEditorIsland)[];

/** The one action the primary button takes, and what it says. */
export function primaryAction(v: Pick<EditPageView, 'status' | 'canPublish'> & { scheduling: boolean }): { value: string; text: string } {
  if (!v.canPublish) return { value: 'save', text: adminText('admin.editor.primary.save') };
  if (v.scheduling) return { value: 'schedule', text: adminText('admin.editor.primary.schedule') };
  if (v.status === 'published') return { value: 'publish', text: adminText('admin.editor.primary.update') };
  return { value: 'publish', text: adminText('admin.editor.primary.publish') };
}

/** The hero image at the top of the page: its picture (or a drop zone), and its words beside it. */
function HeroBlock({ v }: { v: EditPageView }) {
  return (
    <section class="hero-block" id="hero-block" aria-labelledby="hero-heading">
      <h2 id="hero-heading" class="visually-hidden">
        {adminText('admin.editor.hero.heading')}
      </h2>
      <div class="hero-drop" id="hero-drop" data-upload-url="/admin/media">
        {v.hero ? (
          <img class="hero-preview" id="hero-preview" src={v.hero.src} alt={v.hero.alt} />
        ) : (
          <p class="hero-empty">{adminText('admin.editor.hero.none')}</p>
        )}
        <label for="f-hero_file">
          {v.hero ? adminText('admin.editor.hero.replace') : adminText('admin.editor.hero.image')}{' '}
          <span class="hint">{adminText('admin.editor.hero.hint')}</span>
        </label>
        <input id="f-hero_file" name="hero_file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" {...invalid(v, 'hero_file')} />
        <FieldError v={v} name="hero_file" />
        <p class="hero-status" id="hero-status" role="status" aria-live="polite" />
        <input type="hidden" id="f-hero_media_id" name="hero_media_id" value={v.values.hero_media_id ?? ''} />
      </div>
      <div class="hero-words">
        <Input name="heroAlt" label={adminText('admin.editor.hero.alt')} hint={adminText('admin.editor.hero.alt.hint')} v={v} />
        <Input name="heroCaption" label={adminText('admin.editor.hero.caption')} v={v} />
        <Input name="heroCredit" label={adminText('admin.editor.hero.credit')} hint={adminText('admin.editor.hero.credit.hint')} v={v} />
      </div>
    </section>
  );
}

/** The bar above the story: where it stands, and the one thing the primary button will do. */
function ActionBar({ v }: { v: EditPageView }) {
  const scheduling = v.status === 'scheduled' || Boolean(v.values.publishAt);
  const primary = primaryAction({ status: v.status, canPublish: v.canPublish, scheduling });
  const word = adminText('admin.editor.state.status', { status: v.status });
  return (
    <div class="writing-bar">
      <p class="writing-state" id="writing-state" data-status={v.status} data-saved-at={v.savedAt ?? ''}>
        <span id="writing-state-text" role="status" aria-live="polite">
          {word} · {v.saved ? adminText('admin.editor.state.saved', { when: <Moment m={v.saved} /> }) : adminText('admin.editor.state.notSaved')}
        </span>
        {v.publicUrl ? (
          <>
            {' · '}
            <a href={v.publicUrl}>{adminText('admin.editor.bar.viewLive')}</a>
          </>
        ) : null}
      </p>
      <div class="writing-actions">
        {v.id ? (
          <a class="button secondary" href={`/admin/articles/${v.id}/preview`} target="_blank" rel="noopener">
            {adminText('admin.editor.bar.preview')}
          </a>
        ) : null}
        {v.canPublish && v.status !== 'published' && primary.value !== 'save' ? (
          <button type="submit" name="action" value="save" class="secondary" id="save-draft">
            {v.status === 'scheduled' ? adminText('admin.editor.bar.saveChanges') : adminText('admin.editor.primary.save')}
          </button>
        ) : null}
        <button
          type="submit"
          name="action"
          value={primary.value}
          class="primary"
          id="primary-action"
          data-status={v.status}
          data-can-publish={v.canPublish ? 'yes' : 'no'}
        >
          {primary.text}
        </button>
      </div>
      {v.canPublish ? null : <p class="hint">{adminText('admin.editor.bar.editorPublishes')}</p>}
    </div>
  );
}

/**
 * The writing page: hero, headline, standfirst and body first, set as readers will see them, with
 * the story's settings beside them. A plain form that works without JavaScript; the editor island
 * turns the settings' text fields into pickers and autosaves.
 */
export function ArticleEditPage(props: { chrome: AdminChrome; v: EditPageView }) {
  const { v } = props;
  const action = v.id ? `/admin/articles/${v.id}` : '/admin/articles';
  const head = v.editor ? <link rel="stylesheet" href={v.editor.cssHref} /> : null;
  return (
    <AdminLayout
      chrome={props.chrome}
      title={v.id ? adminText('admin.editor.title.edit', { headline: v.values.headline ?? '' }) : adminText('admin.editor.title.new')}
      head={head}
    >
      <h1 class="visually-hidden">{v.id ? adminText('admin.editor.heading.edit') : adminText('admin.editor.heading.new')}</h1>
      {v.unsavedAutosave && v.id ? (
        <div class="notice autosave-offer" id="autosave-offer">
          <p>{adminText('admin.editor.autosaveOffer', { taken: <Moment m={v.unsavedAutosave.taken} /> })}</p>
          <button type="submit" form="restore-autosave" class="secondary">
            {adminText('admin.editor.autosaveOffer.restore')}
          </button>
          <a href={`/admin/articles/${v.id}/revisions`}>{adminText('admin.editor.autosaveOffer.compare')}</a>
        </div>
      ) : null}
      <form id="article-form" class="writing" method="post" action={action} enctype="multipart/form-data" data-article-id={v.id === null ? '' : String(v.id)}>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <input type="hidden" id="f-revision" name="revision" value={v.revision === null ? '' : String(v.revision)} />
        <ActionBar v={v} />
        <div class="writing-layout">
          <div class="writing-main">
            <HeroBlock v={v} />
            <TextArea
              name="headline"
              label={adminText('admin.editor.headline')}
              v={v}
              rows={2}
              class="headline-field"
              placeholder={adminText('admin.editor.headline.placeholder')}
            />
            <TextArea
              name="standfirst"
              label={adminText('admin.editor.standfirst')}
              hint={adminText('admin.editor.standfirst.hint')}
              v={v}
              rows={2}
              class="standfirst-field"
              placeholder={adminText('admin.editor.standfirst.placeholder')}
            />
            <div class="field body-field">
              <label for="body-html">{adminText('admin.editor.body.label')}</label>
              <textarea id="body-html" name="body_html" rows={20} class="body-source">
                {v.values.body_html ?? ''}
              </textarea>
              <input type="hidden" id="body-json" name="body_json" value={v.values.body_json ?? ''} />
              <FieldError v={v} name="body" />
              <div id="editor-config" data-upload-url="/admin/media" data-draft-key={v.draftKey} hidden />
              {v.editor ? (
                // The island's own words, from the same catalog; it fills them itself (src/admin/editor/editor-text.ts).
                <script type="application/json" id="editor-text" dangerouslySetInnerHTML={{ __html: jsonForScript(adminMessages(EDITOR_KEYS)) }} />
              ) : null}
            </div>
          </div>
          <MetaPanel v={v} />
        </div>
      </form>
      {v.unsavedAutosave && v.id ? (
        <form id="restore-autosave" method="post" action={`/admin/articles/${v.id}/autosaves/${v.unsavedAutosave.id}/restore`} hidden>
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        </form>
      ) : null}
      {v.id && (v.translations.length > 0 || v.translateTo.length > 0) ? <Translations v={v} csrf={props.chrome.csrf} /> : null}
      {v.id && v.status === 'published' && v.newsletters.length > 0 ? (
        <form method="post" action={`/admin/articles/${v.id}/newsletter`} class="actions article-newsletter">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <label for="article-newsletter">{adminText('admin.editor.sendNow.label')}</label>
          <select id="article-newsletter" name="newsletter">
            {v.newsletters.map((n) => (
              <option value={String(n.id)}>{n.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {adminText('admin.editor.sendNow.submit')}
          </button>
        </form>
      ) : null}
      {v.id && v.canDelete ? (
        <form method="post" action={`/admin/articles/${v.id}/delete`} class="actions delete-article">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <button type="submit" class="danger">
            {adminText('admin.editor.delete')}
          </button>
        </form>
      ) : null}
      {v.editor ? <script type="module" src={v.editor.jsHref} /> : null}
    </AdminLayout>
  );
}
