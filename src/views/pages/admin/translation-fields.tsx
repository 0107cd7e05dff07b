import { adminText } from '../../../i18n/admin-text.js';
import { translationField } from '../../../i18n/outlet-text.js';

/** One text the outlet can write per language, as its form shows it. */
export interface TranslatedFieldView {
  /** The field's name in the default language's form (`tagline`); the translation is `tr.<lang>.<name>`. */
  name: string;
  label: string;
  /** A textarea of this many rows; absent: a one-line input. */
  rows?: number;
  maxLength?: number;
}

/** The outlet's languages as the forms need them: the default's name, and each other language's code and name. */
export interface FormLanguages {
  defaultName: string;
  others: { code: string; name: string }[];
}

/** "Ukrainian" for uk: the admin is in English, so languages are named in English. */
export function englishLanguageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formLanguages(settings: { language: string; languages: readonly string[] }): FormLanguages {
  const base = (l: string) => l.split('-')[0]!.toLowerCase();
  const def = base(settings.language);
  const others = [...new Set(settings.languages.map(base))].filter((l) => l !== def);
  return { defaultName: englishLanguageName(def), others: others.map((code) => ({ code, name: englishLanguageName(code) })) };
}

/**
 * One fieldset per other language with a field for each text, inside the form of the default language's
 * texts. Nothing when the outlet publishes in one language only.
 */
export function TranslationFieldsets(props: {
  languages: FormLanguages;
  fields: TranslatedFieldView[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Keeps ids unique when a page has several forms (one per tier). */
  idPrefix: string;
}) {
  return (
    <>
      {props.languages.others.map((l) => (
        <fieldset class="translation">
          <legend>{adminText('translations.legend', { language: l.name, default: props.languages.defaultName })}</legend>
          {props.fields.map((f) => {
            const name = translationField(l.code, f.name);
            const id = `${props.idPrefix}-${l.code}-${f.name}`;
            const invalid = props.errors[name] ? 'true' : undefined;
            return (
              <>
                <label for={id}>{adminText('translations.label', { label: f.label, language: l.name })}</label>
                {f.rows ? (
                  <textarea id={id} name={name} rows={f.rows} maxLength={f.maxLength} lang={l.code} aria-invalid={invalid}>
                    {props.values[name] ?? ''}
                  </textarea>
                ) : (
                  <input id={id} name={name} type="text" maxLength={f.maxLength} lang={l.code} value={props.values[name] ?? ''} aria-invalid={invalid} />
                )}
                {props.errors[name] ? <p class="field-error">{props.errors[name]}</p> : null}
              </>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
