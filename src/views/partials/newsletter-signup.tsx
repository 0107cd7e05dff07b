import { useT } from '../i18n-context.js';
import type { NewsletterSignupView } from '../view-models.js';

/**
 * The signup form (footer, article end, /newsletters): plain HTML, no script. The `website` field is a
 * trap for bots (hidden from people and screen readers); a filled one is dropped silently.
 */
/** `prefix`: the page language's address prefix (`/uk`), so the answer comes back in the reader's language. */
export function NewsletterSignup({ v, place, prefix }: { v: NewsletterSignupView; place: 'footer' | 'article' | 'page'; prefix: string }) {
  const t = useT();
  if (v.newsletters.length === 0) return null;
  const id = (name: string) => `nl-${place}-${name}`;
  const only = v.newsletters.length === 1 ? v.newsletters[0]! : null;
  return (
    <form class={`newsletter-signup newsletter-signup-${place}`} method="post" action={`${prefix}/newsletters/subscribe`}>
      <p class="newsletter-signup-title">{only ? t('frame.newsletter.one', { name: only.name }) : t('frame.newsletter.many')}</p>
      {only ? (
        <>
          {only.description ? <p class="newsletter-signup-text">{only.description}</p> : null}
          <input type="hidden" name="newsletter" value={only.slug} />
        </>
      ) : (
        <p>
          <label for={id('which')}>{t('frame.newsletter.which')}</label>
          <select id={id('which')} name="newsletter">
            {v.newsletters.map((n) => (
              <option value={n.slug}>{n.name}</option>
            ))}
          </select>
        </p>
      )}
      <p class="newsletter-signup-row">
        <label for={id('email')}>{t('frame.newsletter.email')}</label>
        <input id={id('email')} name="email" type="email" required maxLength={254} autocomplete="email" />
        <button type="submit">{t('frame.newsletter.submit')}</button>
      </p>
      <p class="report-honeypot" aria-hidden="true">
        <label>
          {t('frame.honeypot')} <input name="website" tabIndex={-1} autocomplete="off" />
        </label>
      </p>
      <p class="newsletter-signup-note">{t('frame.newsletter.note')}</p>
    </form>
  );
}
