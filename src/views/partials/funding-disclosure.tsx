import { useT } from '../i18n-context.js';
import type { FundingView } from '../view-models.js';

/**
 * The funding disclosure above a story. Sponsored content and underwritten reporting read and look
 * different on purpose: a sponsor paid for the story to exist; a funder paid and had no say in it.
 */
export function FundingDisclosure({ f, outletLang }: { f: FundingView; outletLang?: string | undefined }) {
  const t = useT();
  // The disclosure the newsroom wrote for this story is in its own language, marked when the page speaks another.
  const own = f.disclosure ? outletLang ? <span lang={outletLang}>{f.disclosure}</span> : f.disclosure : null;
  const name = f.href ? (
    <a href={f.href} rel={f.kind === 'sponsored' ? 'sponsored noopener' : 'noopener'}>
      {f.name}
    </a>
  ) : (
    f.name
  );
  if (f.kind === 'sponsored') {
    return (
      <aside class="funding funding-sponsored" aria-label={t('funding.sponsored.label')}>
        <p class="funding-label">{t('funding.sponsored.label')}</p>
        <p>
          <strong>
            {t('funding.sponsored.by')} {name}.
          </strong>{' '}
          {own ?? t('funding.sponsored.default')}
        </p>
      </aside>
    );
  }
  return (
    <aside class="funding funding-underwritten" aria-label={t('funding.underwritten.label')}>
      <p>
        {t('funding.underwritten.by')} {name}. {own ?? t('funding.underwritten.default')}
      </p>
    </aside>
  );
}
