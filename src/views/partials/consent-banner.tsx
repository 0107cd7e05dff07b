import { useT } from '../i18n-context.js';
import type { ConsentView } from '../view-models.js';

/**
 * The consent banner, shipped hidden in every shared page while outside scripts are configured, and
 * those scripts, inert (`type="text/plain"`, no `src`). Only the consent island, after the reader
 * allows them, turns them into scripts that load. Without JavaScript nothing outside ever loads.
 */
export function ConsentBanner({ c, prefix }: { c: ConsentView; prefix: string }) {
  const t = useT();
  const analytics = c.scripts.some((s) => s.kind === 'analytics');
  const embed = c.scripts.some((s) => s.kind === 'embed');
  const purpose = analytics && embed ? 'both' : analytics ? 'analytics' : embed ? 'embed' : 'none';
  return (
    <>
      <section id="consent-banner" class="consent-banner" aria-label={t('consent.label')} data-consent-version={c.version} hidden>
        <p>
          {t('consent.text', { count: c.scripts.length, hosts: c.hosts.join(', '), purpose })} <a href={`${prefix}/cookies`}>{t('consent.details')}</a>.
        </p>
        <p class="consent-actions">
          <button type="button" data-consent="accept">
            {t('consent.allow')}
          </button>
          <button type="button" data-consent="reject" class="secondary">
            {t('consent.refuse')}
          </button>
        </p>
      </section>
      {c.scripts.map((s) => (
        <script type="text/plain" data-consent-src={s.src} data-consent-kind={s.kind} />
      ))}
      <script type="module" src={c.jsHref} />
    </>
  );
}
