import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

/** What the reader typed, given back when the form needs fixing. */
export interface RepublishFormValues {
  organisation: string;
  contactName: string;
  contactEmail: string;
  website: string;
  articles: string;
  purpose: string;
  wantsFullText: boolean;
}

export interface RepublishPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  /** How many characters anyone may quote with a link, without asking. */
  quoteLimit: number;
  /** The full reprint policy page. */
  policyHref: string;
  values: RepublishFormValues;
  /** The first problem with the form, worded in the page's language: a field name, or 'form' for the whole of it. */
  error: { field: string; message: string } | null;
  /** The outlet's contact address, or '' when none is set. */
  contactEmail: string;
}

export const EMPTY_REPUBLISH_FORM: RepublishFormValues = {
  organisation: '',
  contactName: '',
  contactEmail: '',
  website: '',
  articles: '',
  purpose: '',
  wantsFullText: false,
};

function FieldError(props: { error: RepublishPageView['error']; field: string }) {
  if (props.error?.field !== props.field) return null;
  return (
    <p class="notice error" id={`${props.field}-error`} role="alert">
      {props.error.message}
    </p>
  );
}

/** A labelled text field that says when it is the one in error. */
function Field(props: {
  name: keyof RepublishFormValues;
  label: string;
  value: string;
  error: RepublishPageView['error'];
  type?: string;
  maxLength: number;
  required?: boolean;
  rows?: number;
  hint?: string;
}) {
  const invalid = props.error?.field === props.name;
  const common = {
    id: props.name,
    name: props.name,
    maxLength: props.maxLength,
    required: props.required ?? true,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': invalid ? `${props.name}-error` : props.hint ? `${props.name}-hint` : undefined,
  };
  return (
    <>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="intro" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.value}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value} />
      )}
      <FieldError error={props.error} field={props.name} />
    </>
  );
}

/** How to reprint our work: quote a little freely, ask in writing for more. The form is the asking. */
export function RepublishPage(props: RepublishPageView) {
  const { values, error } = props;
  const t = props.chrome.t;
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>{t('republish.title')}</h1>
        <p>{t('republish.quote', { chars: props.quoteLimit })}</p>
        <p>{props.contactEmail ? t('republish.longerFrom', { contact: props.contactEmail }) : t('republish.longer')}</p>
        <p>{t('republish.partner')}</p>
        <p>
          <a href={props.policyHref}>{t('republish.policy')}</a>.
        </p>
        <form method="post" action={`${props.chrome.prefix}/republish`} class="report-form">
          <h2>{t('republish.ask')}</h2>
          {error?.field === 'form' ? (
            <p class="notice error" role="alert">
              {error.message}
            </p>
          ) : error ? (
            <p class="notice error">{t('republish.check')}</p>
          ) : null}
          <Field name="organisation" label={t('republish.organisation')} value={values.organisation} error={error} maxLength={200} />
          <Field name="contactName" label={t('republish.name')} value={values.contactName} error={error} maxLength={200} />
          <Field name="contactEmail" label={t('republish.email')} type="email" value={values.contactEmail} error={error} maxLength={254} />
          <Field
            name="website"
            label={t('republish.website')}
            type="url"
            value={values.website}
            error={error}
            maxLength={500}
            required={false}
            hint={t('republish.website.hint')}
          />
          <Field
            name="articles"
            label={t('republish.articles')}
            rows={3}
            value={values.articles}
            error={error}
            maxLength={2000}
            hint={t('republish.articles.hint')}
          />
          <Field
            name="purpose"
            label={t('republish.purpose')}
            rows={4}
            value={values.purpose}
            error={error}
            maxLength={2000}
            hint={t('republish.purpose.hint')}
          />
          <label>
            <input type="checkbox" name="wantsFullText" value="yes" checked={values.wantsFullText} /> {t('republish.fullText')}
          </label>
          <p class="report-honeypot" aria-hidden="true">
            <label>
              {t('republish.honeypot')} <input name="nickname" tabIndex={-1} autocomplete="off" />
            </label>
          </p>
          <p>
            <button type="submit">{t('republish.send')}</button>
          </p>
        </form>
      </div>
    </SiteLayout>
  );
}

/** After a request: what happens next. */
export function RepublishThanksPage(props: { chrome: SiteChrome; head: HeadMeta }) {
  const t = props.chrome.t;
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>{t('republish.thanks.title')}</h1>
        <p class="notice" role="status">
          {t('republish.thanks.text')}
        </p>
        <p>
          <a href={props.chrome.homeHref}>{t('republish.thanks.back')}</a>
        </p>
      </div>
    </SiteLayout>
  );
}
