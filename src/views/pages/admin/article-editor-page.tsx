import { adminEditorIsland } from '../../../i18n/catalogs/admin/editor-island.js';
import { adminMessages, adminText } from '../../../i18n/admin-text.js';
import type { MomentView } from '../../format.js';
import { jsonForScript } from '../../render.js';
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

const EDITOR_KEYS = Object.keys(adminEditorIsland) as (keyof typeof adminEditorIsland)[];

/** The one action the primary button takes, and what it says. */
export function primaryAction(v: Pick<EditPageView, 'status' | 'canPublish'> & { scheduling: boolean }): { value: string; text: string } {
  if (!v.canPublish) return { value: 'save', text: adminText('admin.editor.primary.save') };
  if (v.scheduling) return { value: 'schedule', text: adminText('admin.editor.primary.schedule') };
  if (v.status === 'published') return { value: 'publish', text: adminText('admin.editor.primary.update') };
  return { value: 'publish', text: adminText('admin.editor.primary.publish') };
}

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

/** Section as a choice of the outlet's sections, with a new one typed in beside it. */
function SectionField({ v }: { v: EditPageView }) {
  const current = v.values.section ?? '';
  const known = current === '' || v.sectionNames.includes(current);
  return (
    <div class="field section-field">
      <label for="f-section">{adminText('admin.editor.section')}</label>
      <select id="f-section" name="section" {...invalid(v, 'section')}>
        <option value="" selected={current === ''}>
          {adminText('admin.editor.section.none')}
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
        <option value="+new">{adminText('admin.editor.section.new')}</option>
      </select>
      <div class="new-section" id="new-section">
        <label for="f-newSection">
          {adminText('admin.editor.section.newName')} <span class="hint">{adminText('admin.editor.section.newName.hint')}</span>
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
        {adminText('admin.editor.related.label')} <span class="hint">{adminText('admin.editor.related.hint')}</span>
      </label>
      <input id="f-related" name="related" type="text" value={v.values.related ?? ''} {...invalid(v, 'related')} />
      <FieldError v={v} name="related" />
      <ul class="related-cards" id="related-cards" aria-label={adminText('admin.editor.related.cards')}>
        {v.relatedCards.map((c) => (
          <li class="related-card" data-slug={c.slug}>
            <span class="related-headline">{c.headline}</span>
            <span class="related-meta">
              {[c.section, c.publishedAt ? c.publishedAt.slice(0, 10) : adminText('admin.editor.related.notPublished')].filter(Boolean).join(' · ')}
            </span>
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
        {adminText('admin.editor.schedule.label')} <span class="hint">{adminText('admin.editor.schedule.hint')}</span>
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
        {adminText('admin.editor.schedule.zone', { zoneName: v.timeZoneName, zone: v.timeZone })}
      </p>
      <FieldError v={v} name="publishAt" />
      <div class="actions no-js-only" id="schedule-actions">
        <button type="submit" name="action" value="schedule" class="secondary">
          {adminText('admin.editor.schedule.submit')}
        </button>
      </div>
    </div>
  );
}

function FundingFields({ v }: { v: EditPageView }) {
  const kind = v.values.fundingKind ?? '';
  return (
    <fieldset class="meta-group">
      <legend>{adminText('admin.editor.funding.legend')}</legend>
      <div class="field">
        <label for="f-fundingKind">
          {adminText('admin.editor.funding.kind')} <span class="hint">{adminText('admin.editor.funding.kind.hint')}</span>
        </label>
        <select id="f-fundingKind" name="fundingKind" {...invalid(v, 'fundingKind')}>
          <option value="" selected={kind === ''}>
            {adminText('admin.editor.funding.kind.none')}
          </option>
          <option value="underwritten" selected={kind === 'underwritten'}>
            {adminText('admin.editor.funding.kind.underwritten')}
          </option>
          <option value="sponsored" selected={kind === 'sponsored'}>
            {adminText('admin.editor.funding.kind.sponsored')}
          </option>
        </select>
        <FieldError v={v} name="fundingKind" />
      </div>
      <Input name="fundingName" label={adminText('admin.editor.funding.name')} v={v} />
      <Input name="fundingUrl" label={adminText('admin.editor.funding.url')} hint={adminText('admin.editor.funding.url.hint')} v={v} />
      <TextArea
        name="fundingDisclosure"
        label={adminText('admin.editor.funding.disclosure')}
        hint={adminText('admin.editor.funding.disclosure.hint')}
        v={v}
        rows={3}
      />
    </fieldset>
  );
}

/** The story's settings: a side panel on wide screens, folded under the story on a phone. */
function MetaPanel({ v }: { v: EditPageView }) {
  return (
    <details class="writing-meta" id="writing-meta" open>
      <summary>{adminText('admin.editor.meta.summary')}</summary>
      <div class="meta-body">
        <SectionField v={v} />
        <div class="field tags-field" id="tags-field" data-suggest-url="/admin/editor/tags">
          <Input name="tags" label={adminText('admin.editor.tags')} hint={adminText('admin.editor.tags.hint')} v={v} />
        </div>
        <div class="field bylines-field" id="bylines-field" data-suggest-url="/admin/editor/authors">
          <TextArea name="authors" label={adminText('admin.editor.bylines')} hint={adminText('admin.editor.bylines.hint')} v={v} rows={3} />
        </div>
        <div class="field sources-field" id="sources-field">
          <TextArea name="sources" label={adminText('admin.editor.sources')} hint={adminText('admin.editor.sources.hint')} v={v} rows={4} />
        </div>
        <RelatedField v={v} />
        {v.canPublish ? <ScheduleField v={v} /> : null}
        {v.canPublish && v.status !== 'published' && v.newsletters.length > 0 ? (
          <div class="field">
            <label for="sendNewsletter">{adminText('admin.editor.newsletter.label')}</label>
            <select id="sendNewsletter" name="sendNewsletter">
              <option value="">{adminText('admin.editor.newsletter.none')}</option>
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
          label={adminText('admin.editor.slug')}
          hint={v.slugFixed ? adminText('admin.editor.slug.fixed') : adminText('admin.editor.slug.fromHeadline')}
          v={v}
          readOnly={v.slugFixed}
        />
        <Input name="language" label={adminText('admin.editor.language')} hint={adminText('admin.editor.language.hint')} v={v} />
        <FundingFields v={v} />
        {v.id ? (
          <p class="meta-links">
            <a href={`/admin/articles/${v.id}/revisions`}>{adminText('admin.editor.revisions')}</a>
          </p>
        ) : null}
        {v.canPublish && v.status !== 'draft' ? (
          <div class="actions">
            <button type="submit" name="action" value="unpublish" class="secondary">
              {adminText('admin.editor.unpublish')}
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

/** The story's translations, and "Translate this story" into a language it has no version in. */
function Translations({ v, csrf }: { v: EditPageView; csrf: string }) {
  return (
    <section class="article-translations" aria-labelledby="translations-heading">
      <h2 id="translations-heading">{adminText('admin.editor.translations.heading')}</h2>
      {v.translations.length ? (
        <ul>
          {v.translations.map((t) => (
            <li>
              <a href={t.href} hreflang={t.language}>
                <span lang={t.language}>{t.headline}</span>
              </a>{' '}
              {adminText('admin.editor.translations.about', { language: t.language, status: adminText('admin.articles.status', { status: t.status }) })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{adminText('admin.editor.translations.none')}</p>
      )}
      {v.translateTo.length ? (
        <form method="post" action={`/admin/articles/${v.id}/translate`} class="actions translate-article">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="translate-language">{adminText('admin.editor.translations.into')}</label>
          <select id="translate-language" name="language">
            {v.translateTo.map((l) => (
              <option value={l.code}>{l.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {adminText('admin.editor.translations.start')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
