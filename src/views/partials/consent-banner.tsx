import type { ConsentView } from '../view-models.js';

/**
 * The consent banner, shipped hidden in every shared page while outside scripts are configured, and
 * those scripts, inert (`type="text/plain"`, no `src`). Only the consent island, after the reader
 * allows them, turns them into scripts that load. Without JavaScript nothing outside ever loads.
 */
export function ConsentBanner({ c }: { c: ConsentView }) {
  return (
    <>
      <section id="consent-banner" class="consent-banner" aria-label="Outside scripts" data-consent-version={c.version} hidden>
        <p>
          With your permission, our pages would also load {c.scripts.length === 1 ? 'a script' : `${c.scripts.length} scripts`} from {c.hosts.join(', ')}
          {c.scripts.some((s) => s.kind === 'analytics') ? ' to measure our audience' : ''}
          {c.scripts.some((s) => s.kind === 'embed') ? `${c.scripts.some((s) => s.kind === 'analytics') ? ' and' : ''} to show embedded media` : ''}. Those
          companies may set their own cookies. Nothing loads unless you allow it. <a href="/cookies">Details, and how to change your mind</a>.
        </p>
        <p class="consent-actions">
          <button type="button" data-consent="accept">
            Allow
          </button>
          <button type="button" data-consent="reject" class="secondary">
            Refuse
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
