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
  /** The first problem with the form: a field name, or 'form' for the whole of it. */
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
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>Republishing our journalism</h1>
        <p>
          Quoting us is fine without asking: you may use up to {props.quoteLimit} characters of any article, as long as you link to the article on our site so
          readers can find the whole of it.
        </p>
        <p>
          Anything longer, whether a whole article or long passages from it, needs our written permission before it appears. Tell us below who you are, what you
          would like to reprint and where it will run. An editor reads every request and answers by email
          {props.contactEmail ? ` from ${props.contactEmail}` : ''}.
        </p>
        <p>
          If we say yes, you get a partner key. With it your site can fetch the agreed articles ready to paste, with the headline, the byline and a line saying
          where the story first appeared. We ask that you keep those three as they are, link back to the original, and not change what the reporting says.
          Permission can be for a single story, a section or everything we publish, and it can end on a date.
        </p>
        <p>
          <a href={props.policyHref}>Read our reprint policy in full</a>.
        </p>
        <form method="post" action="/republish" class="report-form">
          <h2>Ask for permission</h2>
          {error?.field === 'form' ? (
            <p class="notice error" role="alert">
              {error.message}
            </p>
          ) : error ? (
            <p class="notice error">Please check the form: one of the answers needs fixing.</p>
          ) : null}
          <Field name="organisation" label="Organisation" value={values.organisation} error={error} maxLength={200} />
          <Field name="contactName" label="Your name" value={values.contactName} error={error} maxLength={200} />
          <Field name="contactEmail" label="Your email" type="email" value={values.contactEmail} error={error} maxLength={254} />
          <Field
            name="website"
            label="Your website (optional)"
            type="url"
            value={values.website}
            error={error}
            maxLength={500}
            required={false}
            hint="Where the articles would appear, starting with https://"
          />
          <Field
            name="articles"
            label="Which articles?"
            rows={3}
            value={values.articles}
            error={error}
            maxLength={2000}
            hint="Paste links or headlines, one a line, or write “all”."
          />
          <Field
            name="purpose"
            label="How will you use them?"
            rows={4}
            value={values.purpose}
            error={error}
            maxLength={2000}
            hint="Where they will run, for whom, in print or online, for how long."
          />
          <label>
            <input type="checkbox" name="wantsFullText" value="yes" checked={values.wantsFullText} /> We want to reprint the full text
          </label>
          <p class="report-honeypot" aria-hidden="true">
            <label>
              Leave this empty <input name="nickname" tabIndex={-1} autocomplete="off" />
            </label>
          </p>
          <p>
            <button type="submit">Send the request</button>
          </p>
        </form>
      </div>
    </SiteLayout>
  );
}

/** After a request: what happens next. */
export function RepublishThanksPage(props: { chrome: SiteChrome; head: HeadMeta }) {
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>Thank you</h1>
        <p class="notice" role="status">
          We have your request. An editor will read it and reply by email. Until you hear from us, please quote no more than the short excerpt anyone may use,
          with a link.
        </p>
        <p>
          <a href="/">Back to the front page</a>
        </p>
      </div>
    </SiteLayout>
  );
}
