import type { MomentView } from '../../format.js';
import { Moment } from '../../partials/moment.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

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

/** The one action the primary button takes, and what it says. */
export function primaryAction(v: Pick<EditPageView, 'status' | 'canPublish'> & { scheduling: boolean }): { value: string; text: string } {
  if (!v.canPublish) return { value: 'save', text: 'Save draft' };
  if (v.scheduling) return { value: 'schedule', text: 'Schedule' };
  if (v.status === 'published') return { value: 'publish', text: 'Update' };
  return { value: 'publish', text: 'Publish' };
}

const STATUS_WORDS: Record<string, string> = { draft: 'Draft', scheduled: 'Scheduled', published: 'Published' };

function FieldError({ v, name }: { v: EditPageView; name: string }) {
  const error = v.fields[name];
  return error ? (
    <p class="field-error" id={`f-${name}-error`}>
      {error}
    </p>
  ) : null;
}

const invalid = (v: EditPageView, name: string) => (v.fields[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `f-${name}-error` } : {});

function Input(props: { name: string; label: string; hint?: string; v: EditPageView; type?: string; readOnly?: boolean; placeholder?: string }) {
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>
        {props.label} {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.v.values[props.name] ?? ''}
        readOnly={props.readOnly}
        placeholder={props.placeholder}
        {...invalid(props.v, props.name)}
      />
      <FieldError v={props.v} name={props.name} />
    </div>
  );
}

function TextArea(props: { name: string; label: string; hint?: string; v: EditPageView; rows: number; class?: string; id?: string; placeholder?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>
        {props.label} {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <textarea id={id} name={props.name} rows={props.rows} class={props.class} placeholder={props.placeholder} {...invalid(props.v, props.name)}>
        {props.v.values[props.name] ?? ''}
      </textarea>
      <FieldError v={props.v} name={props.name} />
    </div>
  );
}

/** The hero image at the top of the page: its picture (or a drop zone), and its words beside it. */
function HeroBlock({ v }: { v: EditPageView }) {
  return (
    <section class="hero-block" id="hero-block" aria-labelledby="hero-heading">
      <h2 id="hero-heading" class="visually-hidden">
        Hero image
      </h2>
      <div class="hero-drop" id="hero-drop" data-upload-url="/admin/media">
        {v.hero ? <img class="hero-preview" id="hero-preview" src={v.hero.src} alt={v.hero.alt} /> : <p class="hero-empty">No hero image yet.</p>}
        <label for="f-hero_file">
          {v.hero ? 'Replace image' : 'Image'} <span class="hint">(drop, paste or choose: JPEG, PNG, WebP or AVIF, up to 20 MB)</span>
        </label>
        <input id="f-hero_file" name="hero_file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" {...invalid(v, 'hero_file')} />
        <FieldError v={v} name="hero_file" />
        <p class="hero-status" id="hero-status" role="status" aria-live="polite" />
        <input type="hidden" id="f-hero_media_id" name="hero_media_id" value={v.values.hero_media_id ?? ''} />
      </div>
      <div class="hero-words">
        <Input name="heroAlt" label="Alt text" hint="(what the picture shows, for readers who cannot see it)" v={v} />
        <Input name="heroCaption" label="Caption" v={v} />
        <Input name="heroCredit" label="Credit" hint="(e.g. Photo: Ana Ruiz)" v={v} />
      </div>
    </section>
  );
}

/** Section as a choice of the outlet's sections, with a new one typed in beside it. */
function SectionField({ v }: { v: EditPageView }) {
  const current = v.values.section ?? '';
  const known = current === '' || v.sectionNames.includes(current);
  return (
    <div class="field section-field">
      <label for="f-section">Section</label>
      <select id="f-section" name="section" {...invalid(v, 'section')}>
        <option value="" selected={current === ''}>
          No section
        </option>
        {v.sectionNames.map((n) => (
          <option value={n} selected={n === current}>
            {n}
          </option>
        ))}
        {known ? null : (
          <option value={current} selected>
            {current}
          </option>
        )}
        <option value="+new">New section…</option>
      </select>
      <div class="new-section" id="new-section">
        <label for="f-newSection">
          New section <span class="hint">(type a name to create it; leave empty to use the list)</span>
        </label>
        <input id="f-newSection" name="newSection" type="text" value={v.values.newSection ?? ''} />
      </div>
      <FieldError v={v} name="section" />
    </div>
  );
}

function RelatedField({ v }: { v: EditPageView }) {
  return (
    <div class="field related-field" id="related-field" data-search-url="/admin/editor/related" data-exclude={v.id === null ? '' : String(v.id)}>
      <label for="f-related">
        Related stories <span class="hint">(slugs, comma-separated; readers see them in this order)</span>
      </label>
      <input id="f-related" name="related" type="text" value={v.values.related ?? ''} {...invalid(v, 'related')} />
      <FieldError v={v} name="related" />
      <ul class="related-cards" id="related-cards" aria-label="Pinned related stories">
        {v.relatedCards.map((c) => (
          <li class="related-card" data-slug={c.slug}>
            <span class="related-headline">{c.headline}</span>
            <span class="related-meta">{[c.section, c.publishedAt ? c.publishedAt.slice(0, 10) : 'not published'].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** When the story goes out: a local time in the outlet's zone. */
function ScheduleField({ v }: { v: EditPageView }) {
  return (
    <div class="field schedule-field">
      <label for="f-publishAt">
        Publish at <span class="hint">(leave empty to publish when you press Publish)</span>
      </label>
      <input
        id="f-publishAt"
        name="publishAt"
        type="datetime-local"
        value={v.values.publishAt ?? ''}
        data-time-zone={v.timeZone}
        aria-describedby="publishAt-zone"
        {...invalid(v, 'publishAt')}
      />
      <p class="hint" id="publishAt-zone">
        Times are in {v.timeZoneName} ({v.timeZone}).
      </p>
      <FieldError v={v} name="publishAt" />
      <div class="actions no-js-only" id="schedule-actions">
        <button type="submit" name="action" value="schedule" class="secondary">
          Schedule for this time
        </button>
      </div>
    </div>
  );
}

function FundingFields({ v }: { v: EditPageView }) {
  const kind = v.values.fundingKind ?? '';
  return (
    <fieldset class="meta-group">
      <legend>Funding disclosure</legend>
      <div class="field">
        <label for="f-fundingKind">
          Who paid for this story? <span class="hint">(readers see it above the body)</span>
        </label>
        <select id="f-fundingKind" name="fundingKind" {...invalid(v, 'fundingKind')}>
          <option value="" selected={kind === ''}>
            Our newsroom alone (no disclosure)
          </option>
          <option value="underwritten" selected={kind === 'underwritten'}>
            Underwritten: a funder paid, we kept editorial control
          </option>
          <option value="sponsored" selected={kind === 'sponsored'}>
            Sponsored: paid content, marked as such everywhere
          </option>
        </select>
        <FieldError v={v} name="fundingKind" />
      </div>
      <Input name="fundingName" label="Funder or sponsor" v={v} />
      <Input name="fundingUrl" label="Their address" hint="(https://…, optional)" v={v} />
      <TextArea name="fundingDisclosure" label="Disclosure" hint="(optional: the arrangement in a sentence or two)" v={v} rows={3} />
    </fieldset>
  );
}

/** The story's settings: a side panel on wide screens, folded under the story on a phone. */
function MetaPanel({ v }: { v: EditPageView }) {
  return (
    <details class="writing-meta" id="writing-meta" open>
      <summary>Story settings</summary>
      <div class="meta-body">
        <SectionField v={v} />
        <div class="field tags-field" id="tags-field" data-suggest-url="/admin/editor/tags">
          <Input name="tags" label="Tags" hint="(comma-separated)" v={v} />
        </div>
        <div class="field bylines-field" id="bylines-field" data-suggest-url="/admin/editor/authors">
          <TextArea name="authors" label="Bylines" hint="(one a line; add “(guest)” after a guest contributor’s name)" v={v} rows={3} />
        </div>
        <div class="field sources-field" id="sources-field">
          <TextArea name="sources" label="Sources" hint="(one a line: Name | https://…)" v={v} rows={4} />
        </div>
        <RelatedField v={v} />
        {v.canPublish ? <ScheduleField v={v} /> : null}
        {v.canPublish && v.status !== 'published' && v.newsletters.length > 0 ? (
          <div class="field">
            <label for="sendNewsletter">Send to a newsletter when published</label>
            <select id="sendNewsletter" name="sendNewsletter">
              <option value="">No newsletter</option>
              {v.newsletters.map((n) => (
                <option value={String(n.id)} selected={n.id === v.waitingNewsletterId}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Input
          name="slug"
          label="Slug"
          hint={v.slugFixed ? '(fixed once created: links to it would break)' : '(from the headline if empty)'}
          v={v}
          readOnly={v.slugFixed}
        />
        <Input name="language" label="Language" hint="(e.g. en, pt-BR)" v={v} />
        <FundingFields v={v} />
        {v.id ? (
          <p class="meta-links">
            <a href={`/admin/articles/${v.id}/revisions`}>Revisions and autosaves</a>
          </p>
        ) : null}
        {v.canPublish && v.status !== 'draft' ? (
          <div class="actions">
            <button type="submit" name="action" value="unpublish" class="secondary">
              Unpublish (back to draft)
            </button>
          </div>
        ) : null}
      </div>
    </details>
  );
}

/** The bar above the story: where it stands, and the one thing the primary button will do. */
function ActionBar({ v }: { v: EditPageView }) {
  const scheduling = v.status === 'scheduled' || Boolean(v.values.publishAt);
  const primary = primaryAction({ status: v.status, canPublish: v.canPublish, scheduling });
  const word = STATUS_WORDS[v.status] ?? v.status;
  return (
    <div class="writing-bar">
      <p class="writing-state" id="writing-state" data-status={v.status} data-saved-at={v.savedAt ?? ''}>
        <span id="writing-state-text" role="status" aria-live="polite">
          {word} ·{' '}
          {v.saved ? (
            <>
              saved <Moment m={v.saved} />
            </>
          ) : (
            'not saved yet'
          )}
        </span>
        {v.publicUrl ? (
          <>
            {' · '}
            <a href={v.publicUrl}>view live</a>
          </>
        ) : null}
      </p>
      <div class="writing-actions">
        {v.id ? (
          <a class="button secondary" href={`/admin/articles/${v.id}/preview`} target="_blank" rel="noopener">
            Preview
          </a>
        ) : null}
        {v.canPublish && v.status !== 'published' && primary.value !== 'save' ? (
          <button type="submit" name="action" value="save" class="secondary" id="save-draft">
            {v.status === 'scheduled' ? 'Save changes' : 'Save draft'}
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
      {v.canPublish ? null : <p class="hint">An editor publishes your draft.</p>}
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
    <AdminLayout chrome={props.chrome} title={v.id ? `Edit: ${v.values.headline ?? ''}` : 'New article'} head={head}>
      <h1 class="visually-hidden">{v.id ? 'Edit article' : 'New article'}</h1>
      {v.unsavedAutosave && v.id ? (
        <div class="notice autosave-offer" id="autosave-offer">
          <p>
            This story has an autosave from <Moment m={v.unsavedAutosave.taken} /> that is newer than the saved text below.
          </p>
          <button type="submit" form="restore-autosave" class="secondary">
            Restore the autosave
          </button>
          <a href={`/admin/articles/${v.id}/revisions`}>Compare in revisions</a>
        </div>
      ) : null}
      <form id="article-form" class="writing" method="post" action={action} enctype="multipart/form-data" data-article-id={v.id === null ? '' : String(v.id)}>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <input type="hidden" id="f-revision" name="revision" value={v.revision === null ? '' : String(v.revision)} />
        <ActionBar v={v} />
        <div class="writing-layout">
          <div class="writing-main">
            <HeroBlock v={v} />
            <TextArea name="headline" label="Headline" v={v} rows={2} class="headline-field" placeholder="Write the headline" />
            <TextArea
              name="standfirst"
              label="Standfirst"
              hint="(one or two sentences under the headline)"
              v={v}
              rows={2}
              class="standfirst-field"
              placeholder="The story in a sentence or two"
            />
            <div class="field body-field">
              <label for="body-html">Body</label>
              <textarea id="body-html" name="body_html" rows={20} class="body-source">
                {v.values.body_html ?? ''}
              </textarea>
              <input type="hidden" id="body-json" name="body_json" value={v.values.body_json ?? ''} />
              <FieldError v={v} name="body" />
              <div id="editor-config" data-upload-url="/admin/media" data-draft-key={v.draftKey} hidden />
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
          <label for="article-newsletter">Send this story to</label>
          <select id="article-newsletter" name="newsletter">
            {v.newsletters.map((n) => (
              <option value={String(n.id)}>{n.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            Send now
          </button>
        </form>
      ) : null}
      {v.id && v.canDelete ? (
        <form method="post" action={`/admin/articles/${v.id}/delete`} class="actions delete-article">
          <input type="hidden" name="_csrf" value={props.chrome.csrf} />
          <button type="submit" class="danger">
            Delete article
          </button>
        </form>
      ) : null}
      {v.editor ? <script type="module" src={v.editor.jsHref} /> : null}
    </AdminLayout>
  );
}

/** The story's translations, and "Translate this story" into a language it has no version in. */
function Translations({ v, csrf }: { v: EditPageView; csrf: string }) {
  return (
    <section class="article-translations" aria-labelledby="translations-heading">
      <h2 id="translations-heading">Translations</h2>
      {v.translations.length ? (
        <ul>
          {v.translations.map((t) => (
            <li>
              <a href={t.href} hreflang={t.language}>
                <span lang={t.language}>{t.headline}</span>
              </a>{' '}
              ({t.language}, {t.status})
            </li>
          ))}
        </ul>
      ) : (
        <p>This story has no translations yet.</p>
      )}
      {v.translateTo.length ? (
        <form method="post" action={`/admin/articles/${v.id}/translate`} class="actions translate-article">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="translate-language">Translate this story into</label>
          <select id="translate-language" name="language">
            {v.translateTo.map((l) => (
              <option value={l.code}>{l.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            Start a translation
          </button>
        </form>
      ) : null}
    </section>
  );
}
