import { adminText } from '../../../i18n/admin-text.js';
import type { EditPageView } from './article-editor-page.js';
import { FieldError, Input, TextArea, invalid } from './article-editor-fields.js';

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
export function MetaPanel({ v }: { v: EditPageView }) {
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

/** The story's translations, and "Translate this story" into a language it has no version in. */
export function Translations({ v, csrf }: { v: EditPageView; csrf: string }) {
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
