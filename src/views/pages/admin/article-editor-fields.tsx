import type { EditPageView } from './article-editor-page.js';

// The editor form's plain fields, shared by the writing column and the settings panel.

/** The field's error under it, if it has one. */
export function FieldError({ v, name }: { v: EditPageView; name: string }) {
  const error = v.fields[name];
  return error ? (
    <p class="field-error" id={`f-${name}-error`}>
      {error}
    </p>
  ) : null;
}

/** Marks a field with an error as invalid and points it at its message. */
export const invalid = (v: EditPageView, name: string) => (v.fields[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `f-${name}-error` } : {});

/** A one-line field with its label, hint and error. */
export function Input(props: { name: string; label: string; hint?: string; v: EditPageView; type?: string; readOnly?: boolean; placeholder?: string }) {
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

/** A multi-line field with its label, hint and error. */
export function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  v: EditPageView;
  rows: number;
  class?: string;
  id?: string;
  placeholder?: string;
}) {
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
